import type { Framework } from '../core/answers.js';
import type { CodeView } from './cells.js';
import type { Evidence, ImportUse, ModelSave, SaveFormat } from './types.js';

/** Import roots that say which framework a model is built with. */
const FRAMEWORK_OF: Readonly<Record<string, Framework>> = {
  torch: 'pytorch',
  torchvision: 'pytorch',
  torchaudio: 'pytorch',
  torchtext: 'pytorch',
  pytorch_lightning: 'pytorch',
  lightning: 'pytorch',
  timm: 'pytorch',
  fastai: 'pytorch',
  tensorflow: 'tensorflow',
  keras: 'tensorflow',
  tf_keras: 'tensorflow',
  tensorflow_hub: 'tensorflow',
  sklearn: 'sklearn',
  xgboost: 'xgboost',
  onnx: 'onnx',
  onnxruntime: 'onnx',
  skl2onnx: 'onnx',
  tf2onnx: 'onnx',
  onnxmltools: 'onnx',
  transformers: 'huggingface',
  diffusers: 'huggingface',
  sentence_transformers: 'huggingface',
  peft: 'huggingface',
  trl: 'huggingface',
  lightgbm: 'other',
  catboost: 'other',
  jax: 'other',
  flax: 'other',
  mxnet: 'other',
  paddle: 'other',
  statsmodels: 'other',
  prophet: 'other',
  h2o: 'other',
  spacy: 'other',
  gensim: 'other',
};

/** When several frameworks are imported, the first of these wins (sklearn is often just a helper). */
const FRAMEWORK_PRIORITY: Framework[] = [
  'huggingface',
  'pytorch',
  'tensorflow',
  'xgboost',
  'onnx',
  'sklearn',
  'other',
];

export function findImports(views: CodeView[]): ImportUse[] {
  const out: ImportUse[] = [];
  for (const view of views) {
    for (const line of view.logical) {
      const [first] = line.tokens;
      if (first?.text !== 'import' && first?.text !== 'from') continue;
      const text = view.lines
        .slice(line.firstLine - 1, line.lastLine)
        .join(' ')
        .trim()
        .replace(/\s+/g, ' ');
      for (const module of importedModules(line.tokens.map((t) => t.text))) {
        out.push({ module, cell: view.cell, line: line.firstLine, text });
      }
    }
  }
  return out;
}

function importedModules(words: string[]): string[] {
  if (words[0] === 'from') {
    const importAt = words.indexOf('import');
    const module = words.slice(1, importAt === -1 ? undefined : importAt).join('');
    if (module.startsWith('.')) return [''];
    // `from google.cloud import bigquery` needs the sub-package to name the pip package.
    if (module === 'google.cloud' && importAt !== -1 && words[importAt + 1])
      return [`google.cloud.${words[importAt + 1]}`];
    return [module];
  }
  const modules: string[] = [];
  let current = '';
  let skipAlias = false;
  for (const w of words.slice(1)) {
    if (w === ',') {
      if (current) modules.push(current);
      current = '';
      skipAlias = false;
    } else if (w === 'as') skipAlias = true;
    else if (!skipAlias && w !== '(' && w !== ')') current += w;
  }
  if (current) modules.push(current);
  return modules;
}

export function detectFrameworks(imports: ImportUse[]): Evidence<Framework>[] {
  const seen = new Map<Framework, Evidence<Framework>>();
  for (const use of imports) {
    const framework = FRAMEWORK_OF[use.module.split('.')[0] ?? ''];
    if (framework && !seen.has(framework))
      seen.set(framework, { value: framework, cell: use.cell, evidence: use.text });
  }
  return [...seen.values()];
}

const SAVE_FRAMEWORK: Partial<Record<SaveFormat, Framework>> = {
  torchscript: 'pytorch',
  'torch-pickle': 'pytorch',
  'torch-state-dict': 'pytorch',
  'torch-checkpoint': 'pytorch',
  'tensorflow-savedmodel': 'tensorflow',
  keras: 'tensorflow',
  'keras-h5': 'tensorflow',
  'keras-weights': 'tensorflow',
  huggingface: 'huggingface',
  onnx: 'onnx',
  xgboost: 'xgboost',
};

/** The framework the served model is built with: the saved format decides, then import priority. */
export function primaryFramework(
  frameworks: Evidence<Framework>[],
  primarySave: ModelSave | undefined,
): Evidence<Framework> | undefined {
  const byValue = new Map(frameworks.map((f) => [f.value, f]));
  if (primarySave) {
    let value = SAVE_FRAMEWORK[primarySave.format];
    if (!value) {
      // joblib / pickle: whichever tabular library is imported.
      value = byValue.has('xgboost')
        ? 'xgboost'
        : byValue.has('sklearn')
          ? 'sklearn'
          : byValue.has('other')
            ? 'other'
            : undefined;
    }
    if (value) {
      return {
        value,
        cell: primarySave.cell,
        evidence: `${primarySave.evidence}${byValue.get(value) ? `; ${byValue.get(value)!.evidence}` : ''}`,
      };
    }
  }
  for (const value of FRAMEWORK_PRIORITY) {
    const hit = byValue.get(value);
    if (hit) return hit;
  }
  return undefined;
}
