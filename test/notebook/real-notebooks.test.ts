import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyzeNotebook,
  answersFromNotebook,
  type Finding,
  type NotebookAnalysis,
} from '../../src/notebook/index.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'notebooks');

function analyze(name: string): NotebookAnalysis {
  return analyzeNotebook(readFileSync(join(FIXTURES, name), 'utf8'), name);
}

/** Findings as `kind@cell` strings, for compact assertions. */
function where(findings: Finding[]): string[] {
  return findings.map((f) => `${f.kind}@${f.cell}`);
}

// Expected values were checked by reading each notebook cell by cell (numbers are 1-based among all cells).
describe('scikit-learn: cloudml-samples "Online Prediction with scikit-learn_minimal"', () => {
  const a = analyze('sklearn-online-prediction-minimal.ipynb');

  it('detects sklearn, saved with joblib to ./model.joblib in cell 19', () => {
    expect(a.framework?.value).toBe('sklearn');
    expect(a.saves).toEqual([
      expect.objectContaining({ format: 'joblib', path: './model.joblib', cell: 19, object: 'pipeline' }),
    ]);
    expect(a.primarySave?.cell).toBe(19);
  });

  it('maps imports to pip packages, stdlib excluded', () => {
    expect(a.dependencies.map((d) => d.package)).toEqual([
      'pandas',
      'scikit-learn',
      'google-cloud-bigquery',
      'google-api-python-client',
    ]);
    expect(a.dependencies.find((d) => d.package === 'scikit-learn')?.cell).toBe(3);
  });

  it('needs no GPU and knows no model size', () => {
    expect(a.gpu.value).toBe('none');
    expect(a.modelSizeMb).toBeUndefined();
  });

  it('points magics and shell escapes at their cells, and notes the missing execution counts', () => {
    expect(where(a.findings)).toEqual([
      'missing-execution-count@3',
      'magic@3', // %reload_ext google.cloud.bigquery
      'magic@5', // %%bigquery df
      'magic@21', // %env BUCKET_ID
      'shell-escape@21', // ! gsutil cp
      'magic@23',
      'shell-escape@24', // ! gcloud ... \ (continued)
      'magic@25',
      'shell-escape@25',
      'magic@27',
    ]);
    // y_test is read inside print_predictions (cell 3) but only when called later: not a finding.
    expect(a.findings.some((f) => f.kind === 'used-before-defined')).toBe(false);
    // fit (cell 15) and predict (cell 17) are in separate cells.
    expect(a.findings.some((f) => f.kind === 'train-and-predict')).toBe(false);
  });

  it('prefills framework and gpu with their cells', () => {
    const { answers, detected } = answersFromNotebook(a);
    expect(answers).toEqual({ framework: 'sklearn', gpu: 'none' });
    expect(detected.find((d) => d.field === 'framework')).toMatchObject({ value: 'sklearn', cell: 19 });
  });
});

describe('PyTorch: pytorch/tutorials quickstart', () => {
  const a = analyze('pytorch-quickstart.ipynb');

  it('detects pytorch, a state_dict saved to model.pth in cell 25', () => {
    expect(a.framework?.value).toBe('pytorch');
    expect(a.saves).toEqual([
      expect.objectContaining({
        format: 'torch-state-dict',
        path: 'model.pth',
        cell: 25,
        object: 'model.state_dict()',
      }),
    ]);
  });

  it('sees the accelerator check in cell 11: GPU optional', () => {
    expect(a.gpu).toMatchObject({ value: 'optional', cell: 11 });
  });

  it('lists torch and torchvision as dependencies', () => {
    expect(a.dependencies.map((d) => [d.package, d.cell])).toEqual([
      ['torch', 3],
      ['torchvision', 3],
    ]);
  });

  it('finds only the magic in cell 1 and the unrun notebook', () => {
    expect(where(a.findings)).toEqual(['missing-execution-count@1', 'magic@1']);
    // model.train() only switches mode and `pred = model(X)` is not .predict(): no mixing finding.
  });
});

describe('PyTorch: pytorch/tutorials saveloadrun (sources as single strings)', () => {
  const a = analyze('pytorch-saveloadrun.ipynb');

  it('sees both saves and prefers the whole-model save of cell 10', () => {
    expect(a.saves.map((s) => [s.format, s.path, s.cell])).toEqual([
      ['torch-state-dict', 'model_weights.pth', 5],
      ['torch-pickle', 'model.pth', 10],
    ]);
    expect(a.primarySave?.cell).toBe(10);
    expect(a.framework?.value).toBe('pytorch');
    expect(a.dependencies.map((d) => d.package)).toEqual(['torch', 'torchvision']);
    expect(a.gpu.value).toBe('none');
    expect(where(a.findings)).toEqual(['missing-execution-count@1', 'magic@1']);
  });
});

describe('Keras/TensorFlow: tensorflow/docs save_and_load', () => {
  const a = analyze('tensorflow-keras-save-and-load.ipynb');

  it('detects tensorflow and every save, choosing the SavedModel of cell 39', () => {
    expect(a.framework?.value).toBe('tensorflow');
    expect(a.saves.map((s) => [s.format, s.path, s.cell])).toEqual([
      ['keras-weights', undefined, 26], // checkpoint_path.format(epoch=0): not a literal
      ['keras-weights', './checkpoints/my_checkpoint', 35],
      ['tensorflow-savedmodel', 'saved_model/my_model', 39],
      ['keras-h5', 'my_model.h5', 47],
    ]);
    expect(a.primarySave).toMatchObject({ format: 'tensorflow-savedmodel', cell: 39 });
  });

  it('takes dependencies from imports and from the !pip install line of cell 9', () => {
    expect(a.dependencies.map((d) => [d.package, d.cell, d.via])).toEqual([
      ['tensorflow', 10, 'import'],
      ['pyyaml', 9, 'pip-install'],
      ['h5py', 9, 'pip-install'],
    ]);
  });

  it('reads the Colab GPU runtime from the metadata as an optional GPU', () => {
    expect(a.gpu).toMatchObject({ value: 'optional', cell: null });
    expect(a.gpu.evidence).toContain('accelerator');
  });

  it('points shell escapes at cells 9, 39 and 41', () => {
    // Cells 2 and 3 hold only licence comments: the first cell that does something is 9.
    expect(where(a.findings)).toEqual([
      'missing-execution-count@9',
      'shell-escape@9',
      'shell-escape@39',
      'shell-escape@41',
    ]);
    expect(a.findings.find((f) => f.kind === 'shell-escape' && f.cell === 9)?.severity).toBe('warning'); // pip install at run time
  });
});

describe('Hugging Face: huggingface/notebooks course chapter 4 (PyTorch)', () => {
  const a = analyze('huggingface-sharing-pretrained-models-pt.ipynb');

  it('detects huggingface with save_pretrained, the model save of cell 23 as primary', () => {
    expect(a.framework?.value).toBe('huggingface');
    expect(a.saves.map((s) => [s.format, s.cell])).toEqual([
      ['huggingface', 21],
      ['huggingface', 21],
      ['huggingface', 23],
      ['huggingface', 23],
    ]);
    expect(a.primarySave).toMatchObject({ cell: 23, path: '<path_to_dummy_folder>' });
    expect(a.primarySave?.evidence).toContain('model.save_pretrained');
  });

  it('lists hub and transformers imports plus the pip installs of cell 3', () => {
    expect(a.dependencies.map((d) => [d.package, d.cell])).toEqual([
      ['huggingface-hub', 7],
      ['transformers', 8],
      ['datasets', 3],
      ['evaluate', 3],
    ]);
  });

  it('does not report the `use_auth_token="<TOKEN>"` placeholder as a credential', () => {
    expect(a.findings.some((f) => f.kind === 'credential')).toBe(false);
    expect(where(a.findings)).toEqual(['missing-execution-count@3', 'shell-escape@3', 'shell-escape@5']);
  });
});

describe('XGBoost: cloudml-samples "Online Prediction with XGBoost" (executed, Python 2 kernel)', () => {
  const a = analyze('xgboost-online-prediction.ipynb');

  it('detects xgboost with a native save to ./model.bst in cell 11', () => {
    expect(a.framework).toMatchObject({ value: 'xgboost', cell: 11 });
    expect(a.saves).toEqual([
      expect.objectContaining({ format: 'xgboost', path: './model.bst', cell: 11, object: 'bst' }),
    ]);
    expect(a.gpu.value).toBe('none');
  });

  it('lists the third-party imports only (json and os are stdlib)', () => {
    expect(a.dependencies.map((d) => [d.package, d.cell])).toEqual([
      ['xgboost', 10],
      ['pandas', 10],
      ['scikit-learn', 10],
      ['numpy', 21],
      ['google-api-python-client', 31],
    ]);
  });

  it('has in-order execution counts; reports magics, shell escapes, the downloads and the data files read', () => {
    expect(a.findings.some((f) => f.kind === 'execution-order' || f.kind === 'missing-execution-count')).toBe(
      false,
    );
    expect(a.findings.some((f) => f.kind === 'used-before-defined' || f.kind === 'train-and-predict')).toBe(
      false,
    );
    expect(where(a.findings)).toEqual([
      'magic@5',
      'shell-escape@8',
      'network-data@8', // ! curl https://archive.ics.uci.edu/.../adult.data and adult.test: one finding
      'shell-escape@13',
      'shell-escape@15',
      'shell-escape@17',
      'shell-escape@19',
      'shell-escape@23',
      'shell-escape@24',
      'shell-escape@26',
      'shell-escape@28',
    ]);
    expect(a.findings[0]!.message).toMatch(/^6 IPython magics, first `%env PROJECT_ID <YOUR_PROJECT_ID>`/);
    // `! gsutil cp ./model.bst gs://...` (cell 15) uploads and `! curl -X POST` (cell 19) calls an API: not data.
    expect(a.paths.filter((p) => p.kind === 'url').map((p) => p.cell)).toEqual([8, 8]);
    // open('./census_data/adult.data') in cell 10 reads what cell 8 downloaded: the download is the finding.
    expect(a.paths.filter((p) => p.role === 'read' && p.kind === 'local').map((p) => p.line)).toEqual([
      37, 46,
    ]);
    expect(a.findings.some((f) => f.kind === 'local-path')).toBe(false);
  });
});
