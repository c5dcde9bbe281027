import { codeView } from './cells.js';
import { importBindings } from './names.js';
import { findCalls } from './python.js';
import type { ModelSave, NotebookAnalysis } from './types.js';

/** A Python string literal (JSON's escapes are valid Python ones). */
export function pyString(text: string): string {
  return JSON.stringify(text).replace(/\u2028|\u2029/g, ' ');
}

/** load_model / predict for the primary save, or a clear TODO. */
export function loaderCode(analysis: NotebookAnalysis): string[] {
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
    case 'torch-state-dict':
    case 'torch-checkpoint': {
      const checkpoint = save.format === 'torch-checkpoint';
      const ctor = constructorOf(analysis, save);
      const what = checkpoint
        ? `a checkpoint dict${save.stateDictKey ? ` (the weights under ${pyString(save.stateDictKey)})` : ''}`
        : 'only a state_dict (the weights)';
      if (!ctor || (checkpoint && !save.stateDictKey)) {
        const missing = !ctor
          ? `the code that builds \`${save.modelVar ?? 'the model'}\` was not found (a notebook class or a library constructor with plain arguments)`
          : 'no key of the saved dict holds a state_dict';
        return todo(
          `The notebook saves ${what} to ${baseName(save.path) ?? 'an unknown path'}, not a whole model, and ${missing}: ` +
            'build the model here, then model.load_state_dict(...) with the saved weights, or export TorchScript.',
        );
      }
      return [
        ...header,
        'def load_model(model_dir):',
        doc(`Rebuild the model with ${ctor.split('(')[0]} and load the weights from ${what}`),
        '    import torch',
        '',
        '    # torch.save wrote weights, not a module: the model is rebuilt from its class, then filled.',
        '    # Prefer TorchScript for serving: torch.jit.script(model).save("model.pt").',
        `    model = ${ctor}`,
        `    saved = torch.load(os.path.join(model_dir, ${file('model.pth')}), map_location="cpu")`,
        checkpoint
          ? `    model.load_state_dict(saved[${pyString(save.stateDictKey!)}])`
          : '    model.load_state_dict(saved)',
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

/** Tokens that are plain values (numbers, strings, True/False/None, signs), as keyword or positional arguments. */
const PLAIN_ARG =
  /^(?:[\w]+=)?(?:-?[\d.eE_+-]+|"[^"\\]*"|'[^'\\]*'|True|False|None|\[[\d.,\s-]*\]|\([\d.,\s-]*\))$/;

/**
 * For state_dict and checkpoint saves: how to rebuild the module, e.g. `Net()` or
 * `models.resnet18(weights=None)`, from the last `model = Ctor(args)` before the save, when Ctor is
 * a class of the notebook or an imported library's constructor and its arguments are plain values.
 * `model = model.to(device)` and the like keep the constructor found before.
 */
function constructorOf(analysis: NotebookAnalysis, save: ModelSave): string | undefined {
  const variable = save.modelVar;
  if (!variable) return undefined;
  const views = analysis.cells.filter((c) => c.type === 'code' && c.index <= save.cell).map(codeView);
  const classes = new Set<string>();
  for (const view of views)
    for (const line of view.logical)
      if (line.indent === 0 && line.tokens[0]?.text === 'class' && line.tokens[1])
        classes.add(line.tokens[1].text);
  const imported = new Set(
    views.flatMap((v) =>
      v.logical
        .filter((l) => l.tokens[0]?.text === 'import' || l.tokens[0]?.text === 'from')
        .flatMap((l) => importBindings(l.tokens)),
    ),
  );
  let ctor: string | undefined;
  for (const view of views) {
    for (const line of view.logical) {
      const [a, b] = line.tokens;
      if (a?.text !== variable || b?.text !== '=') continue;
      const call = findCalls(line.tokens).find((c) => c.at === 2);
      if (!call) {
        ctor = undefined;
        continue;
      }
      if (call.receiver === variable || call.callee.startsWith(`${variable}.`)) continue; // model = model.to(device)
      const root = call.callee.split('.')[0]!;
      const known = classes.has(call.callee) || (imported.has(root) && /^[A-Za-z_][\w.]*$/.test(call.callee));
      const args = call.args.map(
        (arg) => (arg.keyword ? `${arg.keyword}=` : '') + arg.tokens.map((t) => t.text).join(''),
      );
      if (!known || !args.every((arg) => PLAIN_ARG.test(arg))) {
        ctor = undefined;
        continue;
      }
      // Pretrained weights would be downloaded and then overwritten: build the bare architecture.
      const bare = args
        .filter((arg) => !/^pretrained=/.test(arg))
        .map((arg) => (/^weights=/.test(arg) ? 'weights=None' : arg));
      ctor = `${call.callee}(${bare.join(', ')})`;
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
