import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeNotebook, notebookCode, type NotebookAnalysis } from '../../src/notebook/index.js';
import { everyCommand } from './run-in-process.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'notebooks');

function analyze(name: string): NotebookAnalysis {
  return analyzeNotebook(readFileSync(join(FIXTURES, name), 'utf8'), name);
}

const where = (a: NotebookAnalysis) => a.findings.map((f) => `${f.kind}@${f.cell}`);
const deps = (a: NotebookAnalysis) =>
  a.dependencies.map((d) => [d.package, d.cell, d.version ?? null, d.guessed] as const);

/**
 * Expected values written from reading each notebook cell by cell (cell numbers are 1-based among
 * all cells, markdown included). See test/fixtures/notebooks/README.md for origins and licences.
 */
interface Expected {
  file: string;
  framework: string;
  gpu: string;
  save: { format: string; path: string | undefined; cell: number };
  dependencies: (readonly [string, number, string | null, boolean])[];
  findings: string[];
}

const EXPECTED: Expected[] = [
  {
    // udacity/deep-learning-v2-pytorch "Part 6 - Saving and Loading Models": the checkpoint dict of
    // cell 20 (`checkpoint = {..., 'state_dict': model.state_dict()}` then `torch.save(checkpoint, ...)`).
    file: 'pytorch-checkpoint-dict-udacity.ipynb',
    framework: 'pytorch',
    gpu: 'none',
    save: { format: 'torch-checkpoint', path: 'checkpoint.pth', cell: 20 },
    dependencies: [
      ['matplotlib', 2, null, false],
      ['torch', 2, null, false],
      ['torchvision', 2, null, false],
      ['helper', 2, null, true], // the course's own helper.py
      ['fc_model', 2, null, true], // the course's own fc_model.py
    ],
    findings: [
      'missing-execution-count@2', // only cell 5 ran (count 12): one finding naming the 12 others
      'magic@2',
      'local-path@3', // FashionMNIST('~/.pytorch/F_MNIST_data/') for the training set (line 5)
      'local-path@3', // and for the test set (line 9)
    ],
  },
  {
    // aws/amazon-sagemaker-examples pytorch-vgg19-bn: torch.jit.trace then trace.save("model.pth").
    file: 'pytorch-torchscript-sagemaker-neo-vgg19.ipynb',
    framework: 'pytorch',
    gpu: 'none',
    save: { format: 'torchscript', path: 'model.pth', cell: 10 },
    dependencies: [
      ['sagemaker', 6, null, false], // also `pip install --upgrade sagemaker` in cell 5, unpinned
      ['torch', 9, '==1.6.0', false], // pinned by `!~/anaconda3/envs/pytorch_p36/bin/pip install` (cell 3)
      ['torchvision', 9, '==0.7.0', false],
      ['boto3', 12, null, false],
      ['ipython', 18, null, false],
      ['numpy', 23, null, false],
    ],
    findings: [
      'missing-execution-count@3',
      'shell-escape@3',
      'shell-escape@5',
      'local-path@20', // open("cat.jpg", "rb")
      'local-path@24', // open("imagenet1000_clsidx_to_labels.txt", "r")
    ],
  },
  {
    // onnx/tutorials PytorchOnnxExport: torch.onnx.export(model, dummy_input, "alexnet.onnx").
    file: 'pytorch-onnx-export-alexnet.ipynb',
    framework: 'onnx',
    gpu: 'none',
    save: { format: 'onnx', path: 'alexnet.onnx', cell: 5 },
    dependencies: [
      ['torch', 3, null, false],
      ['torchvision', 5, null, false],
      ['onnx', 7, null, false],
    ],
    // Cells 3, 5 and 7 ran (1, 2, 3); cell 9 (prose typed into a code cell) did not.
    findings: ['missing-execution-count@9'],
  },
  {
    // tensorflow/hub tf2_image_retraining, saved from Colab: execution_count 0 in all 14 code cells.
    file: 'colab-export-tf-hub-image-retraining.ipynb',
    framework: 'tensorflow',
    gpu: 'optional',
    save: { format: 'tensorflow-savedmodel', path: '/tmp/saved_flowers_model', cell: 21 },
    dependencies: [
      ['matplotlib', 7, null, false],
      ['numpy', 7, null, false],
      ['tensorflow', 7, null, false],
      ['tensorflow-hub', 7, null, false],
    ],
    findings: [
      'missing-execution-count@7', // cell 2 holds only the licence comment
      'network-data@11', // tf.keras.utils.get_file(..., 'https://storage.googleapis.com/...flower_photos.tgz')
      'local-path@21', // saved_model_path = "/tmp/saved_flowers_model"
      'local-path@23', // open("/tmp/lite_flowers_model", "wb")
    ],
  },
  {
    file: 'sklearn-online-prediction-minimal.ipynb',
    framework: 'sklearn',
    gpu: 'none',
    save: { format: 'joblib', path: './model.joblib', cell: 19 },
    dependencies: [
      ['pandas', 3, null, false],
      ['scikit-learn', 3, null, false],
      ['google-cloud-bigquery', 3, null, false],
      ['google-api-python-client', 27, null, false],
    ],
    findings: [
      'missing-execution-count@3',
      'magic@3',
      'magic@5',
      'magic@21',
      'shell-escape@21', // gsutil cp ./model.joblib gs://...: an upload, not data read
      'magic@23',
      'shell-escape@24',
      'magic@25',
      'shell-escape@25',
      'magic@27',
    ],
  },
  {
    file: 'pytorch-quickstart.ipynb',
    framework: 'pytorch',
    gpu: 'optional',
    save: { format: 'torch-state-dict', path: 'model.pth', cell: 25 },
    dependencies: [
      ['torch', 3, null, false],
      ['torchvision', 3, null, false],
    ],
    // torch.load("model.pth") in cell 27 reads the file the notebook wrote in cell 25: not a finding.
    findings: ['missing-execution-count@1', 'magic@1'],
  },
  {
    file: 'pytorch-saveloadrun.ipynb',
    framework: 'pytorch',
    gpu: 'none',
    save: { format: 'torch-pickle', path: 'model.pth', cell: 10 },
    dependencies: [
      ['torch', 3, null, false],
      ['torchvision', 3, null, false],
    ],
    findings: ['missing-execution-count@1', 'magic@1'],
  },
  {
    file: 'tensorflow-keras-save-and-load.ipynb',
    framework: 'tensorflow',
    gpu: 'optional',
    save: { format: 'tensorflow-savedmodel', path: 'saved_model/my_model', cell: 39 },
    dependencies: [
      ['tensorflow', 10, null, false],
      ['pyyaml', 9, null, false],
      ['h5py', 9, null, false],
    ],
    findings: ['missing-execution-count@9', 'shell-escape@9', 'shell-escape@39', 'shell-escape@41'],
  },
  {
    file: 'xgboost-online-prediction.ipynb',
    framework: 'xgboost',
    gpu: 'none',
    save: { format: 'xgboost', path: './model.bst', cell: 11 },
    dependencies: [
      ['xgboost', 10, null, false],
      ['pandas', 10, null, false],
      ['scikit-learn', 10, null, false],
      ['numpy', 21, null, false],
      ['google-api-python-client', 31, null, false],
    ],
    findings: [
      'magic@5',
      'shell-escape@8',
      'network-data@8', // two `! curl` downloads (adult.data, adult.test): one finding
      // cell 10 opens ./census_data/adult.data and adult.test: the files cell 8 downloads, not local-only data
      'shell-escape@13',
      'shell-escape@15',
      'shell-escape@17',
      'shell-escape@19',
      'shell-escape@23',
      'shell-escape@24',
      'shell-escape@26',
      'shell-escape@28',
    ],
  },
  {
    file: 'huggingface-sharing-pretrained-models-pt.ipynb',
    framework: 'huggingface',
    gpu: 'none',
    save: { format: 'huggingface', path: '<path_to_dummy_folder>', cell: 23 },
    dependencies: [
      ['huggingface-hub', 7, null, false],
      ['transformers', 8, null, false],
      ['datasets', 3, null, false],
      ['evaluate', 3, null, false],
    ],
    findings: ['missing-execution-count@3', 'shell-escape@3', 'shell-escape@5'],
  },
];

describe.each(EXPECTED)('$file', (expected) => {
  const a = analyze(expected.file);

  it('detects framework, GPU and the save kind with its cell', () => {
    expect(a.framework?.value).toBe(expected.framework);
    expect(a.gpu.value).toBe(expected.gpu);
    expect(a.primarySave).toMatchObject(expected.save);
  });

  it('maps every import and pip line to a pip package, with the versions the notebook shows', () => {
    expect(deps(a)).toEqual(expected.dependencies);
  });

  it('points every finding at its cell', () => {
    expect(where(a)).toEqual(expected.findings);
    // Never "0 comes after 0", nor any order finding where counts are missing.
    expect(a.findings.some((f) => /comes after 0\b/.test(f.message))).toBe(false);
  });
});

describe('what was saved decides the loader', () => {
  it('a checkpoint dict is rebuilt from its constructor and the key that holds the weights', () => {
    const code = notebookCode(analyze('pytorch-checkpoint-dict-udacity.ipynb'));
    expect(code).toContain('model = fc_model.Network(784, 10, [400,200,100])');
    expect(code).toContain('model.load_state_dict(saved["state_dict"])');
    expect(code).not.toMatch(/model = torch\.load\(/);
  });

  it('TorchScript is loaded with torch.jit.load, ONNX with onnxruntime', () => {
    expect(notebookCode(analyze('pytorch-torchscript-sagemaker-neo-vgg19.ipynb'))).toContain(
      'torch.jit.load(',
    );
    expect(notebookCode(analyze('pytorch-onnx-export-alexnet.ipynb'))).toContain(
      'onnxruntime.InferenceSession(',
    );
  });

  it('the Colab export has no execution-order finding although every count is 0', () => {
    const a = analyze('colab-export-tf-hub-image-retraining.ipynb');
    expect(a.cells.filter((c) => c.type === 'code').every((c) => c.executionCount === 0)).toBe(true);
    expect(a.findings.filter((f) => f.kind === 'execution-order')).toEqual([]);
  });
});

describe('dependencies reach --json, the report and the scaffold', () => {
  it.each(EXPECTED.map((e) => [e.file, e] as const))(
    '%s',
    async (file, expected) => {
      const run = await everyCommand(join(FIXTURES, file));
      expect(run.json.code, run.json.stderr).toBe(0);
      expect(run.report.code, run.report.stderr).toBe(0);
      expect(run.scaffold.code, run.scaffold.stderr).toBe(0);
      const json = JSON.parse(run.json.stdout);
      const listed = json.inputs.fromNotebook.dependencies.map(
        (d: { package: string; version: string | null }) => [d.package, d.version],
      );
      expect(listed).toEqual(expected.dependencies.map(([pkg, , version]) => [pkg, version]));
      const requirements = run.files.get('requirements.txt') ?? '';
      const readme = run.files.get('README.md') ?? '';
      const recommendation = run.files.get(join('docs', 'RECOMMENDATION.md')) ?? '';
      for (const [pkg, , version, guessed] of expected.dependencies) {
        expect(run.reportText).toContain(`\`${pkg}\``);
        expect(readme).toContain(`\`${pkg}\``);
        expect(recommendation).toContain(`\`${pkg}\``);
        const line = requirements.split('\n').find((l) => l.replace(/^# /, '').split(/[=<>!~\s]/)[0] === pkg);
        expect(line, `${pkg} in requirements.txt`).toBeDefined();
        if (version?.startsWith('==')) expect(line).toContain(`${pkg}${version}`);
        if (guessed) expect(line).toMatch(/^# .*guessed/);
        if (!version && !guessed && !line!.includes('==')) expect(line).toMatch(/version not shown/);
      }
    },
    60_000,
  );
});
