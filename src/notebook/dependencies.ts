import type { CodeView } from './cells.js';
import { isKnownPipName, pipNameFor } from './packages.js';
import { pipArguments, type PipRequirement } from './pip-args.js';
import type { Dependency, ImportUse } from './types.js';
import { normalisePip, versionsInKernel, versionsInOutput, type SeenVersion } from './versions.js';

export interface DependencyInput {
  views: CodeView[];
  imports: ImportUse[];
  /** Each code cell's output text (redacted), for the versions pip and `__version__` printed. */
  outputs: { cell: number; text: string }[];
  kernelDisplayName: string | undefined;
}

/**
 * pip packages: third-party imports (stdlib and the notebook's own `%%writefile` modules excluded)
 * and `!pip install` / `%pip install` lines, each with the version the notebook pins or shows
 * when it does (see versions.ts), and whether its pip name is only guessed from the import.
 */
export function detectDependencies({
  views,
  imports,
  outputs,
  kernelDisplayName,
}: DependencyInput): Dependency[] {
  const deps = new Map<string, Dependency>();
  const localModules = new Set<string>();
  for (const view of views) {
    for (const line of view.ipython) {
      const written = /^%%writefile\s+(?:-a\s+)?(\S+)\.py\b/.exec(line.text);
      if (written) localModules.add(written[1]!.split('/').pop()!);
    }
  }
  const pins = new Map<string, SeenVersion>();
  for (const view of views) {
    for (const line of view.ipython) {
      for (const { name, spec } of pipInstalled(line.text)) {
        const key = normalisePip(name);
        if (spec && !pins.has(key)) pins.set(key, { spec, cell: view.cell, from: 'pip-install' });
        if (!deps.has(key))
          deps.set(key, {
            package: name,
            module: undefined,
            cell: view.cell,
            via: 'pip-install',
            guessed: false,
          });
      }
    }
  }
  for (const use of imports) {
    if (use.module === '') continue;
    const root = use.module.split('.')[0]!;
    if (localModules.has(root)) continue;
    const pkg = pipNameFor(use.module);
    if (!pkg) continue;
    const key = normalisePip(pkg);
    const known = deps.get(key);
    if (known?.via === 'import') continue;
    const guessed = !known && !isKnownPipName(use.module);
    // An import and the pip line that installs it are one dependency, listed where it is imported.
    deps.delete(key);
    deps.set(key, { package: known?.package ?? pkg, module: root, cell: use.cell, via: 'import', guessed });
  }
  const seen = new Map<string, SeenVersion>(versionsInKernel(kernelDisplayName));
  const sources = new Map(views.map((v) => [v.cell, v.lines.join('\n')]));
  for (const { cell, text } of outputs) {
    const found = versionsInOutput(cell, sources.get(cell) ?? '', text, pipNameFor);
    for (const [key, version] of found) seen.set(key, version);
  }
  const ordered = [...deps.values()].sort(
    (a, b) => Number(a.via === 'pip-install') - Number(b.via === 'pip-install'),
  );
  return ordered.map((dep) => {
    const key = normalisePip(dep.package);
    // An exact pin written in the notebook wins, then what pip or __version__ printed, then a range.
    const pin = pins.get(key);
    const version = pin && pin.spec.startsWith('==') ? pin : (seen.get(key) ?? pin);
    if (!version) return dep;
    return { ...dep, version: version.spec, versionFrom: version.from, versionCell: version.cell };
  });
}

/** Package names and version specifiers of a `!pip install` / `%pip install` line. */
export function pipInstalled(text: string): PipRequirement[] {
  return pipArguments(text).requirements;
}
