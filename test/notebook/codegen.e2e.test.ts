import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeNotebook, notebookCode } from '../../src/notebook/index.js';
import { DEBIAN_PYTHON as PYTHON, requireTools } from '../support/e2e-tools.js';
import { code, notebook } from './builders.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'notebooks');

/** The seed code that notebookCode writes, compiled and run by Python. */
requireTools('python');

const REAL = [
  'sklearn-online-prediction-minimal.ipynb',
  'pytorch-quickstart.ipynb',
  'pytorch-saveloadrun.ipynb',
  'tensorflow-keras-save-and-load.ipynb',
  'huggingface-sharing-pretrained-models-pt.ipynb',
  'xgboost-online-prediction.ipynb',
];

const sources = (name: string): string => generate(name);

function generate(name: string): string {
  return notebookCode(analyzeNotebook(readFileSync(join(FIXTURES, name), 'utf8'), name));
}

/** Writes app/notebook_code.py into a fresh directory and returns the directory. */
function writeApp(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nb-app-'));
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', '__init__.py'), '');
  writeFileSync(join(dir, 'app', 'notebook_code.py'), source);
  mkdirSync(join(dir, 'model'));
  return dir;
}

function runPython(dir: string, script: string): string {
  return execFileSync(PYTHON, ['-c', script], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

describe('notebookCode on the real notebooks', () => {
  const sources = Object.fromEntries(REAL.map((name) => [name, generate(name)]));

  it('compiles with Python for every notebook', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-compile-'));
    const files = REAL.map((name) => {
      const file = join(dir, name.replace(/\W/g, '_') + '.py');
      writeFileSync(file, sources[name]!);
      return file;
    });
    execFileSync(PYTHON, ['-m', 'py_compile', ...files]);
  });

  it('drops magics and shell escapes, keeps functions and classes', () => {
    for (const source of Object.values(sources)) {
      expect(source).not.toMatch(/^\s*[!%]/m);
    }
    expect(sources['sklearn-online-prediction-minimal.ipynb']).toContain(
      'def print_predictions(predictions):',
    );
    expect(sources['pytorch-quickstart.ipynb']).toMatch(/# from cell 11\nclass NeuralNetwork\(nn\.Module\):/);
    expect(sources['pytorch-quickstart.ipynb']).toContain(
      'def train(dataloader, model, loss_fn, optimizer):',
    );
    expect(sources['tensorflow-keras-save-and-load.ipynb']).toMatch(/# from cell 15\ndef create_model\(\):/);
  });

  it('wires load_model to the save format', () => {
    expect(sources['sklearn-online-prediction-minimal.ipynb']).toContain(
      'return joblib.load(os.path.join(model_dir, "model.joblib"))',
    );
    expect(sources['pytorch-quickstart.ipynb']).toContain('model = NeuralNetwork()');
    expect(sources['pytorch-quickstart.ipynb']).toContain(
      'torch.load(os.path.join(model_dir, "model.pth"), map_location="cpu")',
    );
    expect(sources['pytorch-saveloadrun.ipynb']).toContain('weights_only=False');
    expect(sources['tensorflow-keras-save-and-load.ipynb']).toContain(
      'return tf.keras.models.load_model(model_dir)',
    );
    expect(sources['huggingface-sharing-pretrained-models-pt.ipynb']).toContain(
      'model = AutoModelForMaskedLM.from_pretrained(model_dir)',
    );
    expect(sources['huggingface-sharing-pretrained-models-pt.ipynb']).toContain(
      'return pipeline("fill-mask", model=model, tokenizer=tokenizer)',
    );
  });

  it('runs: the sklearn loader loads a joblib model and predicts', () => {
    const dir = writeApp(sources['sklearn-online-prediction-minimal.ipynb']!);
    const out = runPython(
      dir,
      [
        'import warnings; warnings.simplefilter("ignore")',
        'import joblib',
        'from sklearn.linear_model import LogisticRegression',
        'joblib.dump(LogisticRegression().fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1]), "model/model.joblib")',
        'from app import notebook_code as nc',
        'print(nc.predict(nc.load_model("model"), [[0.1], [2.9]]))',
      ].join('\n'),
    );
    expect(out).toBe('[0, 1]');
  });

  it('runs: the PyTorch loader rebuilds NeuralNetwork from the state_dict and predicts', () => {
    const dir = writeApp(sources['pytorch-quickstart.ipynb']!);
    const out = runPython(
      dir,
      [
        'import warnings; warnings.simplefilter("ignore")',
        'import torch',
        'from app import notebook_code as nc',
        'torch.save(nc.NeuralNetwork().state_dict(), "model/model.pth")',
        'result = nc.predict(nc.load_model("model"), [[[0.5] * 28] * 28])',
        'print(len(result), len(result[0]))',
      ].join('\n'),
    );
    expect(out).toBe('1 10');
  });
});

describe('notebookCode on awkward notebooks', () => {
  it('renames a notebook function called predict, and runs a native XGBoost loader', () => {
    const source = notebookCode(
      analyzeNotebook(
        notebook([
          code('import xgboost as xgb\nimport numpy as np', 1),
          code('def predict(booster, rows):\n    return booster.predict(xgb.DMatrix(np.asarray(rows)))', 2),
          code(
            'bst = xgb.train({}, xgb.DMatrix(np.zeros((4, 2)), label=[0, 1, 0, 1]), 2)\nbst.save_model("model.json")',
            3,
          ),
        ]),
        'xgb.ipynb',
      ),
    );
    expect(source).toContain('def notebook_predict(booster, rows):');
    const dir = writeApp(source);
    const out = runPython(
      dir,
      [
        'import numpy as np, xgboost as xgb',
        'xgb.train({}, xgb.DMatrix(np.array([[0, 0], [1, 1], [0, 1], [1, 0]]), label=[0, 1, 0, 1]), 2).save_model("model/model.json")',
        'from app import notebook_code as nc',
        'print(len(nc.predict(nc.load_model("model"), [[0, 0], [1, 1]])))',
      ].join('\n'),
    );
    expect(out).toBe('2');
  });

  it('comments out Python 2 functions of a python2 kernel and says what is left to do without a save', () => {
    const source = notebookCode(
      analyzeNotebook(
        notebook(
          [
            code("def show(x):\n    print 'value', x\n\ndef ok(x):\n    return x", 1),
            code('%%bash\necho hi', 2),
          ],
          { kernelspec: { name: 'python2', display_name: 'Python 2', language: 'python' } },
        ),
        'old.ipynb',
      ),
    );
    expect(source).toContain('# TODO: cell 1 defines `show` in Python 2 syntax');
    expect(source).toContain('def ok(x):');
    expect(source).toContain('raise NotImplementedError');
    expect(source).not.toContain('echo hi');
    const dir = writeApp(source);
    execFileSync(PYTHON, ['-m', 'py_compile', join(dir, 'app', 'notebook_code.py')]);
  });
});

describe('imports in the seed code', () => {
  it('are rebuilt without comments or what follows a semicolon, and relative imports stay valid', () => {
    const source = notebookCode(
      analyzeNotebook(
        notebook([
          code(
            [
              'import os; os.chdir("/tmp")  # side effect',
              'import numpy . linalg as la  # odd spacing',
              'from . import helpers',
              'from .. pkg . mod import (a,',
              '    b)  # continued',
            ].join('\n'),
            1,
          ),
        ]),
        'imports.ipynb',
      ),
    );
    expect(source).not.toContain('chdir');
    expect(source).not.toContain('side effect');
    expect(source).toContain('    import numpy.linalg as la\n');
    expect(source).toContain('    from . import helpers\n');
    expect(source).toContain('    from . .pkg.mod import (a, b)\n');
    const dir = writeApp(source);
    const out = runPython(
      dir,
      'import warnings; warnings.simplefilter("ignore")\nfrom app import notebook_code as nc\nprint(nc.la.__name__)',
    );
    expect(out).toBe('numpy.linalg');
  });
});

describe('IPython lines are only recognised at the start of a statement', () => {
  it('keeps `% name` continuation lines and `!` lines inside strings as Python', () => {
    const a = analyzeNotebook(
      notebook([
        code(
          [
            'def fmt(name):',
            '    msg = ("value: %s"',
            '           % name)',
            '    doc = """',
            '!important: not a shell line',
            '"""',
            '    return msg + doc',
            '!echo hi',
          ].join('\n'),
          1,
        ),
      ]),
      'fmt.ipynb',
    );
    expect(a.findings.filter((f) => f.kind === 'shell-escape').map((f) => f.line)).toEqual([8]);
    expect(a.findings.some((f) => f.kind === 'magic')).toBe(false);
    const source = notebookCode(a);
    expect(source).toContain('           % name)');
    expect(source).toContain('!important: not a shell line');
    const dir = writeApp(source);
    const out = runPython(dir, 'from app import notebook_code as nc\nprint(nc.fmt("x").splitlines()[0])');
    expect(out).toBe('value: x');
  });
});

/**
 * transformers, tensorflow and onnxruntime are not installed here: small stand-ins on sys.path check
 * that the generated loaders call the real APIs with the right arguments.
 */
describe('loaders for libraries that are not installed, run against stand-ins', () => {
  const stub = (dir: string, module: string, source: string) => {
    const parts = module.split('/');
    mkdirSync(join(dir, ...parts.slice(0, -1)), { recursive: true });
    writeFileSync(join(dir, ...parts), source);
  };

  it('Hugging Face: from_pretrained on the folder, then a fill-mask pipeline', () => {
    const dir = writeApp(sources('huggingface-sharing-pretrained-models-pt.ipynb'));
    stub(
      dir,
      'transformers/__init__.py',
      [
        'class AutoTokenizer:',
        '    @staticmethod',
        '    def from_pretrained(path): return ("tok", path)',
        'class AutoModelForMaskedLM:',
        '    @staticmethod',
        '    def from_pretrained(path): return ("mlm", path)',
        'def pipeline(task, model, tokenizer):',
        '    return lambda text: {"task": task, "model": model[0], "tokenizer": tokenizer[0], "text": text}',
        'class TrainingArguments: pass',
      ].join('\n'),
    );
    const out = runPython(
      dir,
      'import json\nfrom app import notebook_code as nc\nprint(json.dumps(nc.predict(nc.load_model("model"), ["a <mask>"])))',
    );
    expect(JSON.parse(out)).toEqual([
      { task: 'fill-mask', model: 'mlm', tokenizer: 'tok', text: 'a <mask>' },
    ]);
  });

  it('TensorFlow: tf.keras.models.load_model on the SavedModel directory', () => {
    const dir = writeApp(sources('tensorflow-keras-save-and-load.ipynb'));
    stub(
      dir,
      'tensorflow/__init__.py',
      [
        'import types',
        'class _Model:',
        '    def __init__(self, path): self.path = path',
        '    def predict(self, x): return [[float(len(self.path)), float(x.sum())] for _ in x]',
        'keras = types.SimpleNamespace(models=types.SimpleNamespace(load_model=_Model))',
      ].join('\n'),
    );
    const out = runPython(
      dir,
      'import json\nfrom app import notebook_code as nc\nprint(json.dumps(nc.predict(nc.load_model("model"), [[1, 2], [3, 4]])))',
    );
    expect(JSON.parse(out)).toEqual([
      [5, 10],
      [5, 10],
    ]); // len("model") = 5, sum of all inputs = 10
  });

  it('ONNX: an onnxruntime session fed float32 under the first input name', () => {
    const source = notebookCode(
      analyzeNotebook(
        notebook([code('import torch'), code('torch.onnx.export(model, x, "model.onnx")')]),
        'o.ipynb',
      ),
    );
    const dir = writeApp(source);
    stub(
      dir,
      'onnxruntime/__init__.py',
      [
        'import types',
        'class InferenceSession:',
        '    def __init__(self, path, providers): self.path, self.providers = path, providers',
        '    def get_inputs(self): return [types.SimpleNamespace(name="input")]',
        '    def run(self, outputs, feeds): return [feeds["input"] * 2, None]',
      ].join('\n'),
    );
    const out = runPython(
      dir,
      [
        'import json',
        'from app import notebook_code as nc',
        's = nc.load_model("model")',
        'print(json.dumps([s.path, s.providers, nc.predict(s, [[1, 2]])]))',
      ].join('\n'),
    );
    expect(JSON.parse(out)).toEqual(['model/model.onnx', ['CPUExecutionProvider'], [[2, 4]]]);
  });
});
