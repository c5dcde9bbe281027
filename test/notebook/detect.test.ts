import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/core/errors.js';
import {
  analyzeNotebook,
  answersFromNotebook,
  mergeNotebookAnswers,
  notebookCode,
} from '../../src/notebook/index.js';
import { code, notebook, stream } from './builders.js';

const analyze = (...cells: Parameters<typeof notebook>[0]) => analyzeNotebook(notebook(cells), 'nb.ipynb');

describe('GPU need', () => {
  it('is required when CUDA is forced with no CPU path', () => {
    const a = analyze(code('import torch'), code('model = Net().to("cuda")\nx = x.cuda()'));
    expect(a.gpu).toMatchObject({ value: 'required', cell: 2 });
    expect(analyze(code('import torch\nDEVICE = "cuda:0"\nmodel.to(DEVICE)')).gpu).toMatchObject({
      value: 'required',
      evidence: expect.stringContaining('DEVICE = "cuda:0"'),
    });
  });

  it('is optional with a fallback, device_map="auto" or torch.accelerator', () => {
    expect(
      analyze(code('import torch\ndevice = "cuda" if torch.cuda.is_available() else "cpu"\nm.to(device)')).gpu
        .value,
    ).toBe('optional');
    expect(
      analyze(code('import torch\nm.to("cuda")'), code('if torch.cuda.is_available():\n    print("gpu")')).gpu
        .value,
    ).toBe('optional');
    expect(
      analyze(
        code(
          'from transformers import AutoModelForCausalLM\nm = AutoModelForCausalLM.from_pretrained("x", device_map="auto")',
        ),
      ).gpu.value,
    ).toBe('optional');
  });

  it('is required for 4/8-bit bitsandbytes loading, whatever the fallback', () => {
    const a = analyze(
      code('import torch\nfrom transformers import AutoModelForCausalLM'),
      code(
        'dev = "cuda" if torch.cuda.is_available() else "cpu"\nm = AutoModelForCausalLM.from_pretrained("x", load_in_4bit=True)',
      ),
    );
    expect(a.gpu).toMatchObject({ value: 'required', cell: 2 });
  });

  it('is none when nothing hints at a GPU; "cuda" in a comment or string elsewhere does not count', () => {
    expect(analyze(code('import sklearn\n# no cuda here\nprint("cuda is not used")')).gpu.value).toBe('none');
  });
});

describe('framework choice', () => {
  it('prefers the deep-learning framework over sklearn helpers', () => {
    const a = analyze(code('import torch\nfrom sklearn.model_selection import train_test_split'));
    expect(a.framework?.value).toBe('pytorch');
    expect(a.frameworks.map((f) => f.value)).toEqual(['pytorch', 'sklearn']);
  });

  it('lets the save decide: a joblib dump with xgboost imported is xgboost, an ONNX export is onnx', () => {
    expect(
      analyze(
        code('import joblib, xgboost\nfrom sklearn.metrics import f1_score'),
        code('joblib.dump(clf, "m.joblib")'),
      ).framework?.value,
    ).toBe('xgboost');
    const onnx = analyze(code('import torch'), code('torch.onnx.export(model, dummy, "model.onnx")'));
    expect(onnx.framework?.value).toBe('onnx');
    expect(onnx.primarySave).toMatchObject({ format: 'onnx', path: 'model.onnx', cell: 2 });
  });

  it('detects TorchScript through torch.jit.script/trace and keras .keras files', () => {
    const ts = analyze(code('import torch\nscripted = torch.jit.script(model)\nscripted.save("model.pt")'));
    expect(ts.primarySave).toMatchObject({ format: 'torchscript', path: 'model.pt' });
    const k = analyze(code('import keras\nMODEL_FILE = "clf.keras"\nmodel.save(MODEL_FILE)'));
    expect(k.primarySave).toMatchObject({ format: 'keras', path: 'clf.keras' });
    const joined = analyze(
      code('import os, joblib\njoblib.dump(m, os.path.join("artifacts", "model.joblib"))'),
    );
    expect(joined.primarySave?.path).toBe('artifacts/model.joblib');
  });

  it('maps other libraries to other, and gives no framework without ML imports', () => {
    expect(analyze(code('import lightgbm as lgb')).framework?.value).toBe('other');
    expect(analyze(code('import pandas as pd')).framework).toBeUndefined();
    expect(answersFromNotebook(analyze(code('import pandas as pd')))).toEqual({ answers: {}, detected: [] });
  });
});

describe('dependencies', () => {
  it('maps import names to pip names and drops the standard library and local modules', () => {
    const a = analyze(
      code(
        'import os, sys, json\nimport cv2\nfrom PIL import Image\nimport yaml\nfrom sklearn import svm\nimport mylib',
      ),
      code('%%writefile mylib.py\nX = 1'),
      code(
        '!pip install -q "xgboost==2.0.3" torch>=2 -r requirements.txt git+https://github.com/x/y.git && echo done',
      ),
      code('%pip install lightgbm\n!{sys.executable} -m pip install catboost'),
    );
    expect(a.dependencies.map((d) => d.package)).toEqual([
      'opencv-python',
      'Pillow',
      'PyYAML',
      'scikit-learn',
      'xgboost',
      'torch',
      'lightgbm',
      'catboost',
    ]);
  });
});

describe('model size', () => {
  it('reads the Keras summary from the outputs', () => {
    const a = analyze(
      code('import tensorflow as tf\nmodel.summary()', 1, [
        stream('Total params: 407,050 (1.55 MB)\nTrainable params: 407,050\n'),
      ]),
    );
    expect(a.modelSizeMb).toEqual({
      value: 1.55,
      cell: 1,
      evidence: 'Total params: 407,050 (1.55 MB) (float32 weights)',
    });
    expect(answersFromNotebook(a).answers.modelSizeMb).toBe(1.55);
  });

  it('reads an ls -lh line for the saved file', () => {
    const a = analyze(
      code('import joblib\njoblib.dump(m, "model.joblib")', 1),
      code('!ls -lh model.joblib', 2, [stream('-rw-r--r-- 1 root root 120M Jan  1 10:00 model.joblib\n')]),
    );
    expect(a.modelSizeMb).toMatchObject({ value: 120, cell: 2 });
  });
});

describe('answers', () => {
  it('lists what was detected and from which cell; explicit answers win when merged', () => {
    const a = analyze(code('import torch'), code('net.cuda()\ntorch.save(net.state_dict(), "w.pt")'));
    const { answers, detected } = answersFromNotebook(a);
    expect(answers).toEqual({ framework: 'pytorch', gpu: 'required' });
    expect(detected.map((d) => [d.field, d.value, d.cell])).toEqual([
      ['framework', 'pytorch', 2],
      ['gpu', 'required', 2],
    ]);
    const merged = mergeNotebookAnswers(
      { gpu: 'none', latencyP95Ms: null, modelSizeMb: undefined, requestsPerSecond: 3 },
      answers,
    );
    expect(merged).toEqual({ framework: 'pytorch', gpu: 'none', latencyP95Ms: null, requestsPerSecond: 3 });
  });
});

describe('robustness', () => {
  it('never crashes on arbitrary cell text: it either analyses or refuses with a UserInputError', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 6 }), (sources) => {
        try {
          const a = analyzeNotebook(notebook(sources.map((s, k) => code(s, k + 1))), 'fuzz.ipynb');
          expect(a.cells).toHaveLength(sources.length);
          expect(notebookCode(a)).toContain('def load_model(model_dir):');
        } catch (error) {
          expect(error).toBeInstanceOf(UserInputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
