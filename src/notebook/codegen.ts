import { codeView, startsBlock, type CodeView } from './cells.js';
import { findCalls, type Token } from './python.js';
import type { ModelSave, NotebookAnalysis } from './types.js';

/**
 * Seed code for `app/notebook_code.py`: the notebook's imports, functions and classes (top-level
 * `def`/`class` blocks found by indentation), without magics or shell escapes, with credentials read
 * from the environment, plus `load_model(model_dir)` and `predict(model, instances)` wired to the
 * save format when it is known. Built only from the redacted cells, so it cannot contain a secret.
 */
export function notebookCode(analysis: NotebookAnalysis): string {
  const views = analysis.cells.filter((c) => c.type === 'code').map(codeView);
  const py2 = /python\s*2|^python2$/i.test(analysis.kernel.name ?? '');
  const imports: string[] = [];
  const blocks = new Map<string, { cell: number; text: string }>();
  const credentials = new Map<string, string>();
  for (const view of views) {
    for (const line of view.logical) {
      // `NAME = "<redacted:ENV>"` at top level: functions may read NAME, so keep it, from the environment.
      const [a, b, c, d] = line.tokens;
      const env = c?.type === 'string' ? /^"<redacted:([A-Z_][A-Z0-9_]*)>"$/.exec(c.text)?.[1] : undefined;
      if (line.indent === 0 && a?.type === 'name' && b?.text === '=' && env && d === undefined) {
        credentials.set(
          a.text,
          `${a.text} = os.environ.get("${env}", "")  # TODO: a credential was hard-coded here (cell ${view.cell}); set ${env}`,
        );
      }
    }
    for (const line of view.logical) {
      const [first] = line.tokens;
      if (line.indent === 0 && (first?.text === 'import' || first?.text === 'from')) {
        const text = importStatement(line.tokens);
        const skip = /^from\s+__future__\s/.test(text) || /^import\s+(?:os|warnings)\s*$/.test(text);
        if (!skip && !imports.includes(text)) imports.push(text);
      }
    }
    for (const block of topLevelBlocks(view)) {
      blocks.delete(block.name); // the last definition wins, as when the notebook runs top to bottom
      blocks.set(block.name, { cell: view.cell, text: block.text });
    }
  }
  const out: string[] = [];
  out.push(
    `"""Seed code extracted from the notebook ${pyString(analysis.fileName).slice(1, -1)} by ml-deploy-advisor.`,
    '',
    "The notebook's imports, functions and classes, with IPython magics and shell escapes removed and",
    'credentials replaced by environment variables. Review it before relying on it: top-level statements',
    '(data loading, training) are not copied, so names they defined are not available here.',
    '"""',
    '',
    'import os',
    'import warnings',
    '',
  );
  if (imports.length > 0) {
    out.push(
      '# --- imports from the notebook (guarded: a library used only for training or plots must not stop the server)',
    );
    for (const text of imports) {
      out.push(
        'try:',
        indent(rewriteSecrets(text).code, '    '),
        'except ImportError as error:  # pragma: no cover',
        '    warnings.warn(f"notebook import failed: {error}")',
        '',
      );
    }
  }
  if (credentials.size > 0) {
    out.push(
      '# --- credentials, now read from the environment (never hard-code them)',
      ...credentials.values(),
      '',
    );
  }
  const reserved = new Set(['load_model', 'predict']);
  if (blocks.size > 0) out.push('# --- functions and classes from the notebook', '');
  for (const [name, block] of blocks) {
    let text = block.text;
    if (reserved.has(name)) {
      text = text.replace(new RegExp(`^(\\s*(?:async\\s+)?def\\s+)${name}\\b`, 'm'), `$1notebook_${name}`);
      out.push(`# renamed from \`${name}\` (cell ${block.cell}): this module's own ${name}() is below`);
    }
    const { code, secrets } = rewriteSecrets(text);
    if (looksPython2(code)) {
      out.push(
        `# TODO: cell ${block.cell} defines \`${name}\` in Python 2 syntax${py2 ? ' (Python 2 kernel)' : ''}; port it to Python 3:`,
        indent(code, '# '),
        '',
      );
      continue;
    }
    out.push(`# from cell ${block.cell}`);
    if (secrets > 0)
      out.push(
        '# TODO: a credential was here; it is now read from the environment (see os.environ.get below)',
      );
    out.push(code, '', '');
  }
  out.push(...loaderCode(analysis));
  return `${out
    .join('\n')
    .replace(/\n{4,}/g, '\n\n\n')
    .trimEnd()}\n`;
}

/**
 * The import statement rebuilt from its tokens, up to a `;`: comments and anything after the import
 * on the same line (`import os; os.chdir(...)`) are left out, so importing the module has no side effect.
 */
function importStatement(tokens: Token[]): string {
  const end = tokens.findIndex((t) => t.type === 'op' && t.text === ';');
  let out = '';
  (end === -1 ? tokens : tokens.slice(0, end)).forEach((t, k, all) => {
    const prev = all[k - 1];
    const glue =
      prev !== undefined &&
      ((t.text === '.' && prev.type === 'name' && prev.text !== 'from') ||
        (prev.text === '.' && t.type === 'name' && t.text !== 'import') ||
        t.text === ',' ||
        t.text === ')' ||
        prev.text === '(');
    out += (k === 0 || glue ? '' : ' ') + t.text;
  });
  return out;
}

interface Block {
  name: string;
  text: string;
}

/** Top-level `def`/`class` blocks with their decorators, IPython lines replaced by `pass`. */
function topLevelBlocks(view: CodeView): Block[] {
  const blocks: Block[] = [];
  const logical = view.logical;
  for (let k = 0; k < logical.length; k += 1) {
    const line = logical[k]!;
    if (line.indent !== 0 || !startsBlock(line)) continue;
    const nameToken = line.tokens[line.tokens[0]!.text === 'async' ? 2 : 1];
    if (nameToken?.type !== 'name') continue;
    let first = line.firstLine;
    // Decorators directly above.
    for (let j = k - 1; j >= 0 && logical[j]!.indent === 0 && logical[j]!.tokens[0]?.text === '@'; j -= 1)
      first = logical[j]!.firstLine;
    let last = line.lastLine;
    let j = k + 1;
    for (; j < logical.length && logical[j]!.indent > 0; j += 1) last = logical[j]!.lastLine;
    // Trailing comment or IPython lines that are indented still belong to the block.
    const lines = view.lines.slice(first - 1, last).map((text, offset) => {
      const lineNo = first + offset;
      const ipy = view.ipython.find(
        (l) => l.line === lineNo || (l.line < lineNo && lineNo < l.line + l.text.split('\n').length),
      );
      if (!ipy) return text;
      const pad = /^\s*/.exec(text)![0];
      return ipy.line === lineNo ? `${pad}pass  # removed IPython line` : '';
    });
    blocks.push({ name: nameToken.text, text: lines.join('\n').trimEnd() });
    k = j - 1;
  }
  return blocks;
}

/** `"<redacted:NAME>"` markers (see secrets.ts) become `os.environ.get("NAME", "")`. */
function rewriteSecrets(code: string): { code: string; secrets: number } {
  let secrets = 0;
  const rewritten = code.replace(/"<redacted:([A-Z_][A-Z0-9_]*)>"/g, (_m, name: string) => {
    secrets += 1;
    return `os.environ.get("${name}", "")`;
  });
  // Secrets outside string literals (comments) were already replaced by `<redacted>`.
  return { code: rewritten, secrets };
}

function looksPython2(code: string): boolean {
  return code
    .split('\n')
    .some(
      (l) =>
        /^\s*print\s+[^\s(=]/.test(l) ||
        /^\s*print\s*$/.test(l) ||
        /^\s*exec\s+["']/.test(l) ||
        /except\s+[\w.]+\s*,\s*\w+\s*:/.test(l) ||
        /\bur["']/.test(l),
    );
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? pad.trimEnd() : pad + l))
    .join('\n');
}

function pyString(text: string): string {
  return JSON.stringify(text).replace(/\u2028|\u2029/g, ' ');
}

/** load_model / predict for the primary save, or a clear TODO. */
function loaderCode(analysis: NotebookAnalysis): string[] {
  const save = analysis.primarySave;
  const where = save ? `cell ${save.cell}: ${save.evidence}` : 'no save call found in the notebook';
  const file = (fallback: string) => pyString(baseName(save?.path) ?? fallback);
  const header = ['# --- serving entry points', ''];
  const todo = (reason: string): string[] => [
    ...header,
    'def load_model(model_dir):',
    `    """Load the model from model_dir. ${reason}"""`,
    `    # TODO: ${reason}`,
    `    # Notebook: ${sanitizeComment(where)}`,
    '    raise NotImplementedError("load_model: the notebook\'s save format is not known; write the loader")',
    '',
    '',
    'def predict(model, instances):',
    '    """Return one prediction per instance (a JSON-serialisable list)."""',
    '    # TODO: call the model the way the notebook does after loading it.',
    '    raise NotImplementedError("predict: write the inference call for this model")',
  ];
  if (!save)
    return todo(
      'The notebook does not save a model; save it (joblib, TorchScript, SavedModel, save_pretrained or ONNX).',
    );
  const doc = (text: string) =>
    `    """${text} (notebook ${sanitizeComment(where).replace(/"""/g, "'''")})"""`;
  const numpyPredict = (call: string): string[] => [
    'def predict(model, instances):',
    '    """Return one prediction per instance (a JSON-serialisable list)."""',
    '    import numpy as np',
    '',
    `    result = ${call}`,
    '    return np.asarray(result).tolist()',
  ];
  switch (save.format) {
    case 'joblib':
    case 'pickle':
      return [
        ...header,
        'def load_model(model_dir):',
        doc('Load the pickled estimator saved with joblib/pickle'),
        '    import joblib',
        '',
        '    # MODEL_PATH convention: model.joblib (joblib also reads plain pickles).',
        `    # The notebook wrote ${sanitizeComment(save.path ?? 'an unknown path')}; copy it to model_dir/model.joblib.`,
        '    return joblib.load(os.path.join(model_dir, "model.joblib"))',
        '',
        '',
        ...numpyPredict('model.predict(instances)'),
      ];
    case 'torchscript':
      return [
        ...header,
        'def load_model(model_dir):',
        doc('Load the TorchScript module'),
        '    import torch',
        '',
        '    model = torch.jit.load(os.path.join(model_dir, "model.pt"), map_location="cpu")',
        '    model.eval()',
        '    return model',
        '',
        '',
        ...torchPredict(),
      ];
    case 'torch-pickle':
      return [
        ...header,
        'def load_model(model_dir):',
        doc('Load the whole pickled torch module'),
        '    import torch',
        '',
        '    # torch.save(model) pickles the class by reference: its definition must be importable here.',
        '    # Prefer TorchScript for serving: torch.jit.script(model).save("model.pt").',
        `    model = torch.load(os.path.join(model_dir, ${file('model.pth')}), map_location="cpu", weights_only=False)`,
        '    model.eval()',
        '    return model',
        '',
        '',
        ...torchPredict(),
      ];
    case 'torch-state-dict': {
      const ctor = constructorOf(analysis, save);
      if (!ctor) {
        return todo(
          `The notebook saves only a state_dict (${baseName(save.path) ?? 'path unknown'}); rebuild the model class and call load_state_dict, or export TorchScript.`,
        );
      }
      return [
        ...header,
        'def load_model(model_dir):',
        doc(`Rebuild ${ctor} and load the saved state_dict`),
        '    import torch',
        '',
        '    # Prefer TorchScript for serving: torch.jit.script(model).save("model.pt").',
        `    model = ${ctor}()`,
        `    state = torch.load(os.path.join(model_dir, ${file('model.pth')}), map_location="cpu")`,
        '    model.load_state_dict(state)',
        '    model.eval()',
        '    return model',
        '',
        '',
        ...torchPredict(),
      ];
    }
    case 'tensorflow-savedmodel':
    case 'keras':
    case 'keras-h5': {
      const target =
        save.format === 'tensorflow-savedmodel'
          ? 'model_dir'
          : `os.path.join(model_dir, ${file('model.keras')})`;
      return [
        ...header,
        'def load_model(model_dir):',
        doc(
          save.format === 'tensorflow-savedmodel'
            ? 'Load the SavedModel directory'
            : 'Load the Keras model file',
        ),
        '    import tensorflow as tf',
        '',
        `    return tf.keras.models.load_model(${target})`,
        '',
        '',
        ...numpyPredict('model.predict(np.asarray(instances))'),
      ];
    }
    case 'huggingface': {
      const auto = hfModelClass(analysis);
      const task = auto ? HF_TASKS.find(([suffix]) => auto.endsWith(suffix))?.[1] : undefined;
      const load =
        auto && task
          ? [
              `    from transformers import AutoTokenizer, ${auto}, pipeline`,
              '',
              `    model = ${auto}.from_pretrained(model_dir)`,
              '    tokenizer = AutoTokenizer.from_pretrained(model_dir)',
              `    return pipeline(${pyString(task)}, model=model, tokenizer=tokenizer)`,
            ]
          : [
              '    from transformers import pipeline',
              '',
              '    # The task is read from the saved config; pass task=... if it cannot be inferred.',
              '    return pipeline(model=model_dir, tokenizer=model_dir)',
            ];
      return [
        ...header,
        'def load_model(model_dir):',
        doc('Load the save_pretrained folder with from_pretrained, as a transformers pipeline'),
        ...load,
        '',
        '',
        'def predict(model, instances):',
        '    """Return one prediction per instance (a JSON-serialisable list)."""',
        '    return [model(instance) for instance in instances]',
      ];
    }
    case 'onnx':
      return [
        ...header,
        'def load_model(model_dir):',
        doc('Open the ONNX model with onnxruntime'),
        '    import onnxruntime',
        '',
        '    return onnxruntime.InferenceSession(os.path.join(model_dir, "model.onnx"), providers=["CPUExecutionProvider"])',
        '',
        '',
        'def predict(model, instances):',
        '    """Return one prediction per instance (a JSON-serialisable list)."""',
        '    import numpy as np',
        '',
        '    name = model.get_inputs()[0].name',
        '    outputs = model.run(None, {name: np.asarray(instances, dtype=np.float32)})',
        '    return np.asarray(outputs[0]).tolist()',
      ];
    case 'xgboost':
      return [
        ...header,
        'def load_model(model_dir):',
        doc('Load the native XGBoost model'),
        '    import xgboost as xgb',
        '',
        '    booster = xgb.Booster()',
        `    booster.load_model(os.path.join(model_dir, ${file('model.json')}))`,
        '    return booster',
        '',
        '',
        'def predict(model, instances):',
        '    """Return one prediction per instance (a JSON-serialisable list)."""',
        '    import numpy as np',
        '    import xgboost as xgb',
        '',
        '    return np.asarray(model.predict(xgb.DMatrix(np.asarray(instances)))).tolist()',
      ];
    case 'keras-weights':
      return todo(
        'The notebook saves only Keras weights; save the whole model (model.save) or rebuild it and load_weights.',
      );
  }
}

/** Auto-class name endings and the pipeline task they serve. */
const HF_TASKS: [string, string][] = [
  ['ForSequenceClassification', 'text-classification'],
  ['ForTokenClassification', 'token-classification'],
  ['ForQuestionAnswering', 'question-answering'],
  ['ForMaskedLM', 'fill-mask'],
  ['ForCausalLM', 'text-generation'],
  ['ForSeq2SeqLM', 'text2text-generation'],
  ['ForImageClassification', 'image-classification'],
  ['ForSpeechSeq2Seq', 'automatic-speech-recognition'],
];

/** The transformers model class the notebook loads with from_pretrained (the last one), if any. */
function hfModelClass(analysis: NotebookAnalysis): string | undefined {
  let found: string | undefined;
  for (const view of analysis.cells.filter((c) => c.type === 'code').map(codeView)) {
    for (const call of view.calls) {
      if (call.method !== 'from_pretrained' || !/^[A-Z]\w*$/.test(call.receiver)) continue;
      if (/Tokenizer|Processor|Config|FeatureExtractor/.test(call.receiver)) continue;
      if (/^(?:Auto\w*|\w+For\w+)$/.test(call.receiver)) found = call.receiver;
    }
  }
  return found;
}

function torchPredict(): string[] {
  return [
    'def predict(model, instances):',
    '    """Return one prediction per instance (a JSON-serialisable list)."""',
    '    import torch',
    '',
    '    with torch.no_grad():',
    '        output = model(torch.as_tensor(instances, dtype=torch.float32))',
    '    return output.tolist()',
  ];
}

/** For `torch.save(model.state_dict(), ...)`: the notebook class that built `model`, if simple. */
function constructorOf(analysis: NotebookAnalysis, save: ModelSave): string | undefined {
  const variable = /^([A-Za-z_]\w*)\.state_dict\(\)$/.exec(save.object)?.[1];
  if (!variable) return undefined;
  const views = analysis.cells.filter((c) => c.type === 'code' && c.index <= save.cell).map(codeView);
  const classes = new Set<string>();
  for (const view of views)
    for (const line of view.logical)
      if (line.indent === 0 && line.tokens[0]?.text === 'class' && line.tokens[1])
        classes.add(line.tokens[1].text);
  let ctor: string | undefined;
  for (const view of views) {
    for (const line of view.logical) {
      const [a, b] = line.tokens;
      if (a?.text !== variable || b?.text !== '=') continue;
      const call = findCalls(line.tokens).find((c) => c.at === 2);
      if (call && classes.has(call.callee) && call.args.length === 0) ctor = call.callee;
      else ctor = undefined;
    }
  }
  return ctor;
}

function baseName(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const base = path.replace(/\/+$/, '').split(/[\\/]/).pop();
  return base && /^[\w.-]+$/.test(base) ? base : undefined;
}

function sanitizeComment(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/\\/g, '/')
    .slice(0, 160);
}
