/**
 * Package versions the notebook itself shows: pins in `pip install` lines, what pip printed
 * ("Successfully installed pandas-2.1.0", "Requirement already satisfied: torch in ... (2.0.1)",
 * `pip freeze` lines), `print(torch.__version__)` outputs, and the kernel's display name on
 * SageMaker images (`Python 3 (PyTorch 1.13 Python 3.9 CPU Optimized)`). Keys are normalised pip
 * names (lower case, `-` for `_` and `.`).
 */
export interface SeenVersion {
  /** A pip version specifier: `==2.1.0`, or a range as written in a pip line (`>=1.3,<2`). */
  spec: string;
  /** 1-based cell; null for notebook metadata. */
  cell: number | null;
  from: 'pip-install' | 'pip-output' | 'version-output' | 'kernel';
}

export function normalisePip(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const VERSION = /\d+(?:\.\d+)+(?:[a-z]+\d*)?(?:\.post\d+)?(?:\+[\w.]+)?/;

/** Versions printed by pip or by `X.__version__` in a cell's output. */
export function versionsInOutput(
  cell: number,
  source: string,
  output: string,
  moduleToPip: (module: string) => string | undefined,
): Map<string, SeenVersion> {
  const seen = new Map<string, SeenVersion>();
  const set = (name: string, version: string, from: SeenVersion['from']) => {
    const key = normalisePip(name);
    // A local label (`2.0.1+cu118`) is not on PyPI: pin the public release.
    if (!seen.has(key)) seen.set(key, { spec: `==${version.replace(/\+.*$/, '')}`, cell, from });
  };
  for (const m of output.matchAll(/Successfully installed ([^\n]+)/g)) {
    for (const item of m[1]!.trim().split(/\s+/)) {
      const parts = /^([A-Za-z0-9][\w.-]*?)-(\d[\w.+!-]*)$/.exec(item);
      if (parts) set(parts[1]!, parts[2]!, 'pip-output');
    }
  }
  for (const m of output.matchAll(
    /Requirement already satisfied: ([A-Za-z0-9][\w.-]*)[^\n]*?\((\d[\w.+!-]*)\)\s*$/gm,
  ))
    set(m[1]!, m[2]!, 'pip-output');
  if (/\bpip3?\s+(?:freeze|list)\b/.test(source)) {
    for (const m of output.matchAll(/^([A-Za-z0-9][\w.-]*)(?:==|\s{2,})(\d[\w.+!-]*)\s*$/gm))
      set(m[1]!, m[2]!, 'pip-output');
  }
  const shown = /\bpip3?\s+show\s+([A-Za-z0-9][\w.-]*)/.exec(source);
  const shownVersion = /^Version:\s*(\S+)/m.exec(output);
  if (shown && shownVersion) set(shown[1]!, shownVersion[1]!, 'pip-output');
  // print(torch.__version__) / print("TF", tf.__version__): one version per line, in source order.
  const modules = [...source.matchAll(/\b([A-Za-z_][\w.]*?)(?:\.__version__|\.version\.VERSION)\b/g)].map(
    (m) => m[1]!,
  );
  if (modules.length > 0) {
    const lines = output.split('\n').filter((l) => VERSION.test(l));
    modules.forEach((module, k) => {
      const line = modules.length === 1 ? lines[0] : lines[k];
      const version = line ? VERSION.exec(line)?.[0] : undefined;
      const pip = moduleToPip(aliasRoot(source, module));
      if (version && pip) set(pip, version, 'version-output');
    });
  }
  return seen;
}

/** `tf` in `tf.__version__` is `tensorflow` when the cell (or notebook) wrote `import tensorflow as tf`. */
function aliasRoot(source: string, module: string): string {
  const root = module.split('.')[0]!;
  const alias = new RegExp(`import\\s+([\\w.]+)\\s+as\\s+${root}\\b`).exec(source);
  return alias ? alias[1]! : module;
}

/** SageMaker kernels name the framework and its version: `Python 3 (PyTorch 1.13 Python 3.9 CPU Optimized)`. */
export function versionsInKernel(displayName: string | undefined): Map<string, SeenVersion> {
  const seen = new Map<string, SeenVersion>();
  if (!displayName) return seen;
  const names: Record<string, string> = { pytorch: 'torch', tensorflow: 'tensorflow', mxnet: 'mxnet' };
  for (const m of displayName.matchAll(/\b(PyTorch|TensorFlow|MXNet)\s+(\d+(?:\.\d+)+)/gi)) {
    const pip = names[m[1]!.toLowerCase()]!;
    if (!seen.has(pip)) seen.set(pip, { spec: `==${m[2]!}`, cell: null, from: 'kernel' });
  }
  return seen;
}
