import type { CodeView } from './cells.js';
import { argText, findCalls, kw, type Call, type CallArg } from './python.js';
import { torchSaveKind } from './torch-saves.js';
import type { ImportUse, ModelSave, SaveFormat } from './types.js';

/** Receivers whose `.save(...)` is not a Keras model save. */
const NOT_KERAS_RECEIVER =
  /^(?:np|numpy|plt|pyplot|fig|figure|img|image|im|Image|torch|pd|df|self|wb|workbook|doc|document|json|pickle|joblib|tokenizer|processor|canvas)$/i;

/** Every model save in the notebook, in cell order. */
export function detectSaves(views: CodeView[], imports: ImportUse[]): ModelSave[] {
  const roots = new Set(imports.map((i) => i.module.split('.')[0]));
  const hasTf = roots.has('tensorflow') || roots.has('keras') || roots.has('tf_keras');
  const literals = stringLiterals(views);
  const jitVars = new Set<string>();
  const dumpFromJoblib = imports.some(
    (i) =>
      i.module === 'joblib' || i.module === 'sklearn.externals.joblib' || i.module === 'sklearn.externals',
  );
  const pickleModules = new Set(['pickle', 'cPickle', 'dill', 'cloudpickle']);
  for (const view of views) {
    for (const call of view.calls) {
      if (/^torch\.jit\.(?:script|trace)$/.test(call.callee)) {
        const assigned = assignedName(view, call);
        if (assigned) jitVars.add(assigned);
      }
    }
  }
  // `.save(path)` is a Keras model save only on a model: something compiled, fitted or built by
  // Keras (a PIL image, an Annoy index or an audio clip has a .save too).
  const kerasModels = new Set<string>();
  for (const view of views) {
    for (const call of view.calls) {
      if (/^(?:compile|fit|fit_generator|evaluate|summary|save_weights|load_weights)$/.test(call.method))
        kerasModels.add(call.receiver);
      if (
        /(?:^|\.)(?:Sequential|Model|load_model|clone_model|create_model|build_model|get_model)$/.test(
          call.callee,
        )
      ) {
        const assigned = assignedName(view, call);
        if (assigned) kerasModels.add(assigned);
      }
    }
  }
  const saves: ModelSave[] = [];
  for (const view of views) {
    const opens = view.calls.filter(
      (c) =>
        c.callee === 'open' && /w/.test(literalOf(c.args[1] ?? kw(c, 'mode'), literals, view.cell) ?? ''),
    );
    const openPath = (line: number) => {
      const before = opens.filter((o) => o.line <= line);
      const o = before[before.length - 1] ?? opens[0];
      return o ? pathOf(o.args[0], literals, view.cell) : undefined;
    };
    for (const call of view.calls) {
      const add = (
        format: SaveFormat,
        pathArg: CallArg | undefined,
        objectArg: CallArg | undefined,
        path?: string,
      ) => {
        saves.push({
          format,
          path: path ?? pathOf(pathArg, literals, view.cell),
          evidence: callText(view, call),
          cell: view.cell,
          line: call.line,
          object: objectArg ? argText(objectArg) : call.receiver,
        });
      };
      const { callee, method, receiver, args } = call;
      if (
        callee === 'joblib.dump' ||
        callee === 'sklearn.externals.joblib.dump' ||
        (callee === 'dump' && dumpFromJoblib && !roots.has('pickle'))
      ) {
        add('joblib', args[1] ?? kw(call, 'filename'), args[0]);
      } else if (method === 'dump' && pickleModules.has(receiver)) {
        add('pickle', undefined, args[0], openPath(call.line));
      } else if (callee === 'torch.save') {
        const kind = torchSaveKind(views, view, call, jitVars);
        add(kind.format, args[1] ?? kw(call, 'f'), args[0]);
        const save = saves[saves.length - 1]!;
        if (kind.modelVar) save.modelVar = kind.modelVar;
        if (kind.stateDictKey) save.stateDictKey = kind.stateDictKey;
      } else if (callee === 'torch.jit.save') {
        add('torchscript', args[1] ?? kw(call, 'f'), args[0]);
      } else if (
        method === 'save' &&
        (jitVars.has(receiver) || /^torch\.jit\.(?:script|trace)\(/.test(receiver))
      ) {
        add('torchscript', args[0], undefined);
      } else if (callee === 'torch.onnx.export' || callee === 'torch.onnx.dynamo_export') {
        add('onnx', args[2] ?? kw(call, 'f'), args[0]);
      } else if (/^tf2onnx\.convert\.from_(?:keras|function|saved_model|graph_def|tflite)$/.test(callee)) {
        add('onnx', kw(call, 'output_path'), args[0]);
      } else if (
        callee === 'onnx.save' ||
        callee === 'onnx.save_model' ||
        callee === 'onnxmltools.utils.save_model'
      ) {
        add('onnx', args[1] ?? kw(call, 'f'), args[0]);
      } else if (method === 'write' && args[0] && /SerializeToString\(\)$/.test(argText(args[0]))) {
        add('onnx', undefined, args[0], openPath(call.line));
      } else if (method === 'save_pretrained') {
        add('huggingface', args[0] ?? kw(call, 'save_directory'), undefined);
      } else if (
        method === 'save_model' &&
        receiver !== '' &&
        !/^(?:tf|keras|tf\.keras|mlflow)/.test(receiver)
      ) {
        if (roots.has('xgboost')) add('xgboost', args[0] ?? kw(call, 'fname'), undefined);
        else if (roots.has('transformers')) add('huggingface', args[0] ?? kw(call, 'output_dir'), undefined);
      } else if (/^(?:tf\.keras|keras|tf_keras)\.(?:models\.|saving\.)?save_model$/.test(callee)) {
        const path = pathOf(args[1] ?? kw(call, 'filepath'), literals, view.cell);
        add(kerasFormat(path), args[1] ?? kw(call, 'filepath'), args[0], path);
      } else if (callee === 'tf.saved_model.save') {
        add('tensorflow-savedmodel', args[1] ?? kw(call, 'export_dir'), args[0]);
      } else if (
        hasTf &&
        method === 'save' &&
        receiver !== '' &&
        !NOT_KERAS_RECEIVER.test(receiver) &&
        args.length > 0 &&
        (kerasModels.has(receiver) ||
          /\.(?:keras|h5|hdf5)$/i.test(pathOf(args[0], literals, view.cell) ?? ''))
      ) {
        const path = pathOf(args[0] ?? kw(call, 'filepath'), literals, view.cell);
        add(kerasFormat(path), args[0], undefined, path);
      } else if (
        hasTf &&
        method === 'export' &&
        receiver !== '' &&
        kerasModels.has(receiver) &&
        args.length > 0
      ) {
        add('tensorflow-savedmodel', args[0], undefined);
      } else if (hasTf && method === 'save_weights') {
        add('keras-weights', args[0], undefined);
      }
    }
  }
  return saves;
}

function kerasFormat(path: string | undefined): SaveFormat {
  if (path && /\.keras$/i.test(path)) return 'keras';
  if (path && /\.(?:h5|hdf5)$/i.test(path)) return 'keras-h5';
  return 'tensorflow-savedmodel';
}

/** How complete (servable alone) a saved format is: higher wins the primary save. */
const COMPLETENESS: Record<SaveFormat, number> = {
  torchscript: 5,
  'tensorflow-savedmodel': 5,
  keras: 5,
  huggingface: 5,
  onnx: 5,
  joblib: 5,
  xgboost: 5,
  'keras-h5': 4,
  pickle: 4,
  'torch-pickle': 3,
  'torch-state-dict': 2,
  'torch-checkpoint': 2,
  'keras-weights': 1,
};

export function choosePrimarySave(saves: ModelSave[]): ModelSave | undefined {
  let best: ModelSave | undefined;
  const score = (s: ModelSave) =>
    COMPLETENESS[s.format] * 2 - (/token|processor|feature_extractor/i.test(s.evidence) ? 1 : 0);
  for (const save of saves) {
    if (!best || score(save) >= score(best)) best = save;
  }
  return best;
}

/** `NAME = "literal"` assignments, per cell, so a path given as a variable can be resolved. */
function stringLiterals(views: CodeView[]): { cell: number; name: string; value: string }[] {
  const out: { cell: number; name: string; value: string }[] = [];
  for (const view of views) {
    for (const line of view.logical) {
      const [a, b, c, d] = line.tokens;
      if (
        a?.type === 'name' &&
        b?.text === '=' &&
        c?.type === 'string' &&
        c.value !== undefined &&
        d === undefined
      ) {
        out.push({ cell: view.cell, name: a.text, value: c.value });
      }
    }
  }
  return out;
}

function literalOf(
  arg: CallArg | undefined,
  literals: { cell: number; name: string; value: string }[],
  cell: number,
): string | undefined {
  if (!arg || arg.tokens.length !== 1) return undefined;
  const t = arg.tokens[0]!;
  if (t.type === 'string') return t.value;
  if (t.type === 'name') {
    const candidates = literals.filter((l) => l.name === t.text && l.cell <= cell);
    return candidates[candidates.length - 1]?.value;
  }
  return undefined;
}

function pathOf(
  arg: CallArg | undefined,
  literals: { cell: number; name: string; value: string }[],
  cell: number,
): string | undefined {
  if (!arg) return undefined;
  const direct = literalOf(arg, literals, cell);
  if (direct !== undefined) return direct;
  const [head] = arg.tokens;
  // os.path.join("a", name, "b") / Path("a") / "b"
  if (head && /^(?:os|path)$/.test(head.text)) {
    const inner = findCalls(arg.tokens).find((c) => /(?:^|\.)join$/.test(c.callee));
    if (inner) {
      const parts = inner.args.map((a) => literalOf(a, literals, cell));
      if (parts.every((p) => p !== undefined)) return parts.join('/');
    }
  }
  return undefined;
}

function assignedName(view: CodeView, call: Call): string | undefined {
  const before = view.tokens[call.at - 1];
  const name = view.tokens[call.at - 2];
  return before?.text === '=' && name?.type === 'name' ? name.text : undefined;
}

function callText(view: CodeView, call: Call): string {
  const line = view.lines[call.line - 1] ?? '';
  return line.trim().slice(0, 200);
}
