import type { Framework, GpuNeed } from '../core/answers.js';
import type { CodeView } from './cells.js';
import { pipNameFor } from './packages.js';
import { argText, findCalls, type Call, type CallArg } from './python.js';
import type { Dependency, Evidence, ImportUse, ModelSave, SaveFormat } from './types.js';

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
        const object = argText(args[0]);
        const format: SaveFormat =
          /\.state_dict\(\)$/.test(object) || object.startsWith('{')
            ? 'torch-state-dict'
            : jitVars.has(object)
              ? 'torchscript'
              : 'torch-pickle';
        add(format, args[1] ?? kw(call, 'f'), args[0]);
      } else if (callee === 'torch.jit.save') {
        add('torchscript', args[1] ?? kw(call, 'f'), args[0]);
      } else if (
        method === 'save' &&
        (jitVars.has(receiver) || /^torch\.jit\.(?:script|trace)\(/.test(receiver))
      ) {
        add('torchscript', args[0], undefined);
      } else if (callee === 'torch.onnx.export' || callee === 'torch.onnx.dynamo_export') {
        add('onnx', args[2] ?? kw(call, 'f'), args[0]);
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
      } else if (/^(?:tf\.keras|keras|tf_keras)\.(?:models\.)?save_model$/.test(callee)) {
        const path = pathOf(args[1] ?? kw(call, 'filepath'), literals, view.cell);
        add(kerasFormat(path), args[1] ?? kw(call, 'filepath'), args[0], path);
      } else if (callee === 'tf.saved_model.save') {
        add('tensorflow-savedmodel', args[1] ?? kw(call, 'export_dir'), args[0]);
      } else if (
        hasTf &&
        method === 'save' &&
        receiver !== '' &&
        !NOT_KERAS_RECEIVER.test(receiver) &&
        args.length > 0
      ) {
        const path = pathOf(args[0] ?? kw(call, 'filepath'), literals, view.cell);
        add(kerasFormat(path), args[0], undefined, path);
      } else if (
        hasTf &&
        method === 'export' &&
        receiver !== '' &&
        !NOT_KERAS_RECEIVER.test(receiver) &&
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

/** GPU need: `required` when CUDA is forced with no CPU path (or 4/8-bit quantisation), `optional` on hints. */
export function detectGpu(
  views: CodeView[],
  accelerator: string | undefined,
): { need: Evidence<GpuNeed>; signals: Evidence<string>[] } {
  const signals: Evidence<string>[] = [];
  let forced: Evidence<string> | undefined;
  let quantised: Evidence<string> | undefined;
  let fallback = false;
  for (const view of views) {
    const add = (line: number, kind: string) => {
      const evidence = (view.lines[line - 1] ?? '').trim();
      const hit = { value: kind, cell: view.cell, evidence };
      if (!signals.some((s) => s.cell === hit.cell && s.evidence === hit.evidence)) signals.push(hit);
      return hit;
    };
    for (const line of view.logical) {
      const text = line.tokens.map((t) => t.text).join(' ');
      if (
        /\b(?:cuda|accelerator)\s*\.\s*is_available\b|list_physical_devices|is_gpu_available|\bmps\b\s*\.\s*is_available/.test(
          text,
        )
      ) {
        fallback = true;
        add(line.firstLine, 'conditional device');
      }
      if (/torch \. accelerator/.test(text)) add(line.firstLine, 'torch.accelerator');
    }
    for (const t of view.tokens) {
      // device = "cuda" / torch.device("cuda:0") / DEVICE = 'cuda'
      if (t.type === 'string' && t.value !== undefined && /^cuda(?::\d+)?$/i.test(t.value))
        forced ??= add(t.line, '"cuda"');
    }
    for (const call of view.calls) {
      const argValues = call.args.map((a) =>
        a.tokens.length === 1 && a.tokens[0]!.type === 'string' ? (a.tokens[0]!.value ?? '') : '',
      );
      const kwValue = (name: string) => {
        const arg = kw(call, name);
        return arg && arg.tokens.length === 1 && arg.tokens[0]!.type === 'string'
          ? arg.tokens[0]!.value
          : undefined;
      };
      if (call.method === 'cuda' && call.receiver !== '' && !/^torch$/.test(call.receiver)) {
        forced ??= add(call.line, '.cuda()');
        add(call.line, '.cuda()');
      }
      if (
        (call.method === 'to' || call.callee === 'torch.device' || call.callee === 'tf.device') &&
        argValues.some((v) => /^(?:cuda(?::\d+)?|\/?(?:device:)?GPU(?::\d+)?)$/i.test(v))
      ) {
        forced ??= add(call.line, 'cuda device');
        add(call.line, 'cuda device');
      }
      const device = kwValue('device');
      if (device !== undefined && /^cuda/i.test(device)) forced ??= add(call.line, 'device="cuda"');
      const deviceMap = kw(call, 'device_map');
      if (deviceMap) {
        const value = kwValue('device_map');
        if (value !== undefined && /^cuda/.test(value)) forced ??= add(call.line, 'device_map="cuda"');
        else add(call.line, 'device_map');
      }
      const n8 = kw(call, 'load_in_8bit');
      const n4 = kw(call, 'load_in_4bit');
      if (
        (n8 && argText(n8) === 'True') ||
        (n4 && argText(n4) === 'True') ||
        call.callee.endsWith('BitsAndBytesConfig')
      ) {
        quantised ??= add(call.line, 'bitsandbytes quantisation');
      }
    }
  }
  if (quantised) {
    return {
      need: {
        value: 'required',
        cell: quantised.cell,
        evidence: `${quantised.evidence} (bitsandbytes 4/8-bit loading runs on CUDA only)`,
      },
      signals,
    };
  }
  if (forced && !fallback) {
    return {
      need: {
        value: 'required',
        cell: forced.cell,
        evidence: `${forced.evidence} (CUDA with no CPU fallback in the notebook)`,
      },
      signals,
    };
  }
  const first = signals[0];
  if (first)
    return {
      need: {
        value: 'optional',
        cell: first.cell,
        evidence: `${first.evidence} (uses a GPU when one is present)`,
      },
      signals,
    };
  if (accelerator && /gpu|tpu/i.test(accelerator)) {
    const hit = {
      value: 'optional',
      cell: null,
      evidence: `notebook metadata "accelerator": "${accelerator}" (Colab runtime)`,
    };
    signals.push(hit);
    return { need: { value: 'optional', cell: null, evidence: hit.evidence }, signals };
  }
  return {
    need: { value: 'none', cell: null, evidence: 'no CUDA, device or accelerator use found in the notebook' },
    signals,
  };
}

/** pip packages: third-party imports (stdlib excluded) and `!pip install` / `%pip install` lines. */
export function detectDependencies(views: CodeView[], imports: ImportUse[]): Dependency[] {
  const deps = new Map<string, Dependency>();
  const localModules = new Set<string>();
  for (const view of views) {
    for (const line of view.ipython) {
      const written = /^%%writefile\s+(?:-a\s+)?(\S+)\.py\b/.exec(line.text);
      if (written) localModules.add(written[1]!.split('/').pop()!);
    }
  }
  for (const use of imports) {
    if (use.module === '') continue;
    const root = use.module.split('.')[0]!;
    if (localModules.has(root)) continue;
    const pkg = pipNameFor(use.module);
    if (!pkg) continue;
    const key = normalise(pkg);
    if (!deps.has(key)) deps.set(key, { package: pkg, module: root, cell: use.cell, via: 'import' });
  }
  for (const view of views) {
    for (const line of view.ipython) {
      const m = /^(?:!|%)\s*(?:python\d?\s+-m\s+)?pip3?\s+install\s+(.*)$/s.exec(line.text);
      if (!m) continue;
      const words = m[1]!.replace(/\\\n/g, ' ').split(/\s+/);
      for (let k = 0; k < words.length; k += 1) {
        const w = words[k]!;
        if (
          w === '-r' ||
          w === '--requirement' ||
          w === '-e' ||
          w === '-c' ||
          w === '--index-url' ||
          w === '-i' ||
          w === '--extra-index-url' ||
          w === '-f'
        ) {
          k += 1;
          continue;
        }
        if (w === '') continue;
        if (w.startsWith('#') || /^(?:&&|\|\|?|;|>|>>|2>&1)$/.test(w)) break;
        if (w.startsWith('-') || /^(?:git\+|https?:|\.|\/|\$)/.test(w)) continue;
        const name = w.replace(/^["']|["']$/g, '').split(/[[=<>!~;]/)[0]!;
        if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) continue;
        const key = normalise(name);
        if (!deps.has(key))
          deps.set(key, { package: name, module: undefined, cell: view.cell, via: 'pip-install' });
      }
    }
  }
  return [...deps.values()];
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Model size when the notebook's outputs show it (Keras summary, `ls -l`/`du` of the saved file). */
export function detectModelSize(
  outputs: { cell: number; text: string }[],
  primarySave: ModelSave | undefined,
): Evidence<number> | undefined {
  const base = primarySave?.path?.replace(/\/+$/, '').split('/').pop();
  if (base) {
    for (const { cell, text } of outputs) {
      for (const line of text.split('\n')) {
        if (!line.includes(base)) continue;
        const human = /(?:^|\s)(\d+(?:\.\d+)?)\s?([KMGT])i?B?\b/i.exec(line);
        const bytes = /\s(\d{4,})\s+(?:[A-Z][a-z]{2}\s+\d|\d{4}-\d\d)/.exec(line);
        let mb: number | undefined;
        if (human)
          mb =
            Number(human[1]) *
            ({ K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024 } as Record<string, number>)[
              human[2]!.toUpperCase()
            ]!;
        else if (bytes) mb = Number(bytes[1]) / (1024 * 1024);
        if (mb !== undefined && mb > 0)
          return { value: round(mb), cell, evidence: line.trim().slice(0, 160) };
      }
    }
  }
  for (const { cell, text } of outputs) {
    const m = /Total params:\s*([\d,]+)(?:\s*\(([\d.]+)\s*(KB|MB|GB)\))?/.exec(text);
    if (!m) continue;
    const mb = m[2]
      ? Number(m[2]) * ({ KB: 1 / 1024, MB: 1, GB: 1024 } as Record<string, number>)[m[3]!]!
      : (Number(m[1]!.replace(/,/g, '')) * 4) / (1024 * 1024);
    if (mb > 0) return { value: round(mb), cell, evidence: `${m[0]} (float32 weights)` };
  }
  return undefined;
}

function round(mb: number): number {
  return mb >= 10 ? Math.round(mb) : Math.max(0.01, Math.round(mb * 100) / 100);
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

function kw(call: Call, name: string): CallArg | undefined {
  return call.args.find((a) => a.keyword === name);
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
