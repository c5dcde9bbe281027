import type { CodeView } from './cells.js';
import { pipNameFor } from './packages.js';
import type { Dependency, ImportUse } from './types.js';

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
      const m = /^(?:!|%)\s*(?:(?:python[\d.]*|\{sys\.executable\})\s+-m\s+)?pip3?\s+install\s+(.*)$/s.exec(
        line.text,
      );
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
