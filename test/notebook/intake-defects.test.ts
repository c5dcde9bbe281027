import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeNotebook, notebookCode } from '../../src/notebook/index.js';
import { code, notebook, stream } from './builders.js';
import { everyCommand } from './run-in-process.js';

// Each block is one defect of the notebook intake; each fails on the code before it was fixed.

describe('paths are found by what the code does with them', () => {
  const a = analyzeNotebook(
    notebook([
      code(
        [
          'import pandas as pd',
          'import numpy as np',
          'train = pd.read_csv("../data/x.csv")',
          'PRETRAINED = "/finetune/pretrained"',
          'weights = np.load(PRETRAINED + "/w.npy")',
          'labels = open(os.path.join("assets", "labels.txt")).read()',
          'train.to_csv("out/clean.csv")',
          'MIME = "application/json"',
          'URL = "https://example.org/data/train.parquet"',
          'remote = pd.read_parquet(URL)',
        ].join('\n'),
        1,
      ),
    ]),
    'paths.ipynb',
  );
  const found = a.findings.map((f) => [f.kind, f.line, f.message.match(/"([^"]+)"/)?.[1]]);

  it('reports a relative data file that is read, and an absolute folder that is named', () => {
    expect(found).toContainEqual(['local-path', 3, '../data/x.csv']);
    expect(found).toContainEqual(['local-path', 4, '/finetune/pretrained']);
    expect(found).toContainEqual(['local-path', 6, 'assets/labels.txt']);
  });

  it('reports URLs apart, as data read from the network at run time', () => {
    expect(found).toContainEqual(['network-data', 9, 'https://example.org/data/train.parquet']);
    expect(a.findings.find((f) => f.kind === 'network-data')?.message).toMatch(
      /data read from the network at run time/,
    );
  });

  it('leaves alone what the notebook writes itself and strings that are not paths', () => {
    expect(found.some(([, , path]) => path === 'out/clean.csv' || path === 'application/json')).toBe(false);
    expect(a.paths.find((p) => p.path === 'out/clean.csv')).toMatchObject({
      role: 'write',
      cell: 1,
      line: 7,
    });
  });
});

describe('save kinds and the loader that matches them', () => {
  const torchNotebook = (save: string) =>
    analyzeNotebook(
      notebook([
        code(
          [
            'import torch',
            'from torch import nn',
            'class Net(nn.Module):',
            '    def __init__(self, n=4):',
            '        super().__init__()',
            '        self.fc = nn.Linear(n, 2)',
            '    def forward(self, x):',
            '        return self.fc(x)',
            'model = Net(n=4)',
            'model = model.to("cpu")',
            'optimizer = torch.optim.SGD(model.parameters(), lr=0.1)',
          ].join('\n'),
          1,
        ),
        code(save, 2),
      ]),
      'save.ipynb',
    );

  it.each([
    ['torch.save(model, "m.pt")', 'torch-pickle', undefined],
    ['torch.save(model.state_dict(), "m.pt")', 'torch-state-dict', undefined],
    [
      'torch.save({"epoch": 3, "model_state_dict": model.state_dict(), "opt": optimizer.state_dict()}, "m.pt")',
      'torch-checkpoint',
      'model_state_dict',
    ],
    [
      'ckpt = {"state_dict": model.state_dict(), "epoch": 1}\ntorch.save(ckpt, "m.pt")',
      'torch-checkpoint',
      'state_dict',
    ],
    [
      'def save_checkpoint(state, filename="m.pt"):\n    torch.save(state, filename)\nsave_checkpoint({"epoch": 1, "net": model.state_dict(), "optimizer": optimizer.state_dict()})',
      'torch-checkpoint',
      'net',
    ],
    ['scripted = torch.jit.script(model)\nscripted.save("m.pt")', 'torchscript', undefined],
    ['torch.onnx.export(model, torch.zeros(1, 4), "m.onnx")', 'onnx', undefined],
  ])('%s is %s', (save, format, key) => {
    const a = torchNotebook(save);
    expect(a.primarySave?.format).toBe(format);
    expect(a.primarySave?.stateDictKey).toBe(key);
  });

  it('a checkpoint dict gets Net(n=4) and load_state_dict of its key, not a pickled module', () => {
    const source = notebookCode(
      torchNotebook('torch.save({"epoch": 3, "model_state_dict": model.state_dict()}, "m.pt")'),
    );
    expect(source).toContain('model = Net(n=4)');
    expect(source).toContain('model.load_state_dict(saved["model_state_dict"])');
  });

  it('a checkpoint dict whose model cannot be rebuilt gets a clear TODO', () => {
    const a = analyzeNotebook(
      notebook([code('import torch\nmodel = build(cfg)\ntorch.save({"sd": model.state_dict()}, "m.pt")', 1)]),
      'todo.ipynb',
    );
    expect(a.primarySave?.format).toBe('torch-checkpoint');
    const source = notebookCode(a);
    expect(source).toMatch(/# TODO: The notebook saves a checkpoint dict .* build the model here/);
    expect(source).toContain('raise NotImplementedError');
  });

  it.each([
    ['model.save("m.keras")', 'keras'],
    ['model.save("m.h5")', 'keras-h5'],
    ['tf.saved_model.save(model, "export/1")', 'tensorflow-savedmodel'],
    ['model.save_pretrained("out")', 'huggingface'],
    ['bst.save_model("m.json")', 'xgboost'],
    ['joblib.dump(model, "m.joblib")', 'joblib'],
    ['pickle.dump(model, open("m.pkl", "wb"))', 'pickle'],
  ])('%s is %s', (save, format) => {
    const imports =
      'import tensorflow as tf\nimport transformers\nimport xgboost as xgb\nimport joblib\nimport pickle';
    const a = analyzeNotebook(notebook([code(`${imports}\n${save}`, 1)]), 'kinds.ipynb');
    expect(a.primarySave?.format).toBe(format);
  });
});

describe('a .save that is not a model save', () => {
  it('a PIL image, an Annoy index or an audio clip saved in a TensorFlow notebook is not the model', () => {
    const a = analyzeNotebook(
      notebook([
        code(
          [
            'import tensorflow as tf',
            'import PIL.Image',
            'PIL.Image.fromarray(a).save(buffer, "png")',
            'pil_image_rgb.save(filename, format="JPEG", quality=90)',
            'annoy_index.save(index_filename)',
            'audio.export(output_file, format="wav")',
          ].join('\n'),
          1,
        ),
      ]),
      'pil.ipynb',
    );
    expect(a.saves).toEqual([]);
  });
});

describe('execution order of exported and partly run notebooks', () => {
  it('never says "0 comes after 0" and reports unrun cells as one finding', () => {
    const zero = analyzeNotebook(
      notebook([code('a = 1', 0), code('b = a', 0), code('c = b', 0), code('d = c', 0)]),
      'colab.ipynb',
    );
    expect(zero.findings.map((f) => f.kind)).toEqual(['missing-execution-count']);
    expect(zero.findings[0]!.message).not.toMatch(/comes after/);

    const partly = analyzeNotebook(
      notebook([code('a = 1', 1), code('b = a', null), code('c = a', 0), code('d = a', 2)]),
      'partly.ipynb',
    );
    expect(partly.findings.map((f) => `${f.kind}@${f.cell}`)).toEqual(['missing-execution-count@2']);
    expect(partly.findings[0]!.message).toMatch(/2 code cells \(cells 2, 3\) were not run/);
  });

  it('still judges order between real counts', () => {
    const a = analyzeNotebook(
      notebook([code('a = 1', 3), code('b = a', 0), code('c = a', 2)]),
      'order.ipynb',
    );
    expect(a.findings.filter((f) => f.kind === 'execution-order').map((f) => f.cell)).toEqual([3]);
  });
});

describe('dependencies with versions', () => {
  it('takes versions from pip pins, pip output and __version__ prints, and marks guessed names', () => {
    const a = analyzeNotebook(
      notebook([
        code('%pip install "pandas==2.1.4" scikit-learn>=1.3', 1, [
          stream('Successfully installed pandas-2.1.4 scikit-learn-1.4.2\n'),
        ]),
        code('import pandas as pd\nimport sklearn\nimport torch\nimport mylocalthing', 2),
        code('print(torch.__version__)', 3, [stream('2.3.1+cu121\n')]),
      ]),
      'deps.ipynb',
    );
    expect(a.dependencies.map((d) => [d.package, d.version, d.versionFrom, d.guessed])).toEqual([
      ['pandas', '==2.1.4', 'pip-install', false],
      ['scikit-learn', '==1.4.2', 'pip-output', false],
      ['torch', '==2.3.1', 'version-output', false],
      ['mylocalthing', undefined, undefined, true],
    ]);
  });
});

describe('a value with EXAMPLE in it that has the shape of a real key', () => {
  // AWS's published sample keys, assembled here so that no key-shaped string is committed.
  const keyId = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
  const secret = ['wJalrXUtnFEMI', '/K7MDENG/bPxRfiCY', 'EXAMPLEKEY'].join('');

  it('is reported as a credential, noted as a documentation example, and never copied', () => {
    const a = analyzeNotebook(
      notebook([
        code(
          `import boto3\ndef client():\n    return boto3.client("s3", aws_access_key_id="${keyId}", aws_secret_access_key="${secret}")`,
          1,
        ),
        code(`AWS_SECRET_ACCESS_KEY = "${secret}"`, 2),
      ]),
      'example.ipynb',
    );
    const credentials = a.findings.filter((f) => f.kind === 'credential');
    expect(credentials.map((f) => `${f.cell}:${f.line}`)).toEqual(['1:3', '1:3', '2:1']);
    expect(
      credentials.every((f) => /looks? like|like the sample keys in documentation/.test(f.message)),
    ).toBe(true);
    const everything = JSON.stringify(a) + notebookCode(a);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(keyId);
  });
});

describe('the pip packages of a notebook in every output', () => {
  it('reach recommend --json, the report, the scaffold README and requirements.txt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-deps-'));
    const path = join(dir, 'train.ipynb');
    writeFileSync(
      path,
      notebook([
        code('!pip install xgboost==2.0.3 datasets', 1),
        code('import xgboost as xgb\nimport pandas as pd\nimport datasets\nimport sagemaker', 2),
        code('bst = xgb.train({}, dtrain)\nbst.save_model("model.json")', 3),
      ]),
    );
    const run = await everyCommand(path);
    const json = JSON.parse(run.json.stdout);
    expect(json.inputs.fromNotebook.dependencies.map((d: { package: string }) => d.package)).toEqual([
      'xgboost',
      'pandas',
      'datasets',
      'sagemaker',
    ]);
    expect(json.inputs.fromNotebook.dependencies[0]).toMatchObject({ version: '==2.0.3', pinned: true });
    const requirements = run.files.get('requirements.txt')!;
    expect(requirements).toMatch(/^xgboost==2\.0\.3 {2}# from the notebook/m);
    expect(requirements).toMatch(/^pandas {2}# version not shown in the notebook/m);
    expect(requirements).toMatch(/^sagemaker {2}# version not shown/m);
    for (const text of [
      run.reportText,
      run.files.get('README.md')!,
      run.files.get('docs/RECOMMENDATION.md')!,
    ])
      for (const pkg of ['xgboost', 'pandas', 'datasets', 'sagemaker']) expect(text).toContain(`\`${pkg}\``);
  }, 60_000);
});
