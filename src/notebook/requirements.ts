import type { Dependency } from './types.js';
import { normalisePip } from './versions.js';

/** What requirements.txt needs to know of a dependency: a Dependency or its JSON form. */
export interface RequirementSource {
  package: string;
  module?: string | null | undefined;
  cell: number;
  guessed: boolean;
  version?: string | null | undefined;
  versionFrom?: Dependency['versionFrom'] | null | undefined;
  versionCell?: number | null | undefined;
}

export type DependencyJson = ReturnType<typeof dependencyJson>;

const FROM: Record<NonNullable<Dependency['versionFrom']>, string> = {
  'pip-install': 'pinned in a pip install line',
  'pip-output': 'shown by pip',
  'version-output': 'printed by __version__',
  kernel: 'named by the kernel',
};

function where(cell: number | null | undefined): string {
  return cell === null || cell === undefined ? 'notebook metadata' : `cell ${cell}`;
}

/** One dependency as the JSON documents show it. */
export function dependencyJson(dep: Dependency) {
  return {
    package: dep.package,
    module: dep.module ?? null,
    cell: dep.cell,
    via: dep.via,
    version: dep.version ?? null,
    pinned: dep.version?.startsWith('==') ?? false,
    versionFrom: dep.versionFrom ?? null,
    versionCell: dep.versionCell ?? null,
    guessed: dep.guessed,
  };
}

/** The notebook's dependencies as a Markdown list (report, scaffold README). */
export function formatDependencies(deps: readonly (Dependency | DependencyJson)[]): string {
  if (deps.length === 0) return '_The notebook imports no third-party package._\n';
  const lines = deps.map((dep) => {
    const version = dep.version
      ? `\`${dep.version}\` (${FROM[dep.versionFrom!]}, ${where(dep.versionCell)})`
      : 'version not shown in the notebook';
    const origin =
      dep.via === 'import'
        ? `\`import ${dep.module}\`, cell ${dep.cell}`
        : `pip install line, cell ${dep.cell}`;
    const guess = dep.guessed ? '; pip name guessed from the import, check it' : '';
    return `- \`${dep.package}\` ${version}; ${origin}${guess}`;
  });
  return `${lines.join('\n')}\n`;
}

/**
 * requirements.txt with the notebook's packages: a notebook's exact version replaces the template's
 * pin for the same package (serve with what you trained with); other packages are added, pinned
 * where the notebook shows the version, marked where it does not, and commented out where the pip
 * name is only a guess (a wrong name would break the image build).
 */
export function mergeRequirements(
  template: string,
  deps: readonly RequirementSource[],
  notebookName: string,
): string {
  const byName = new Map(deps.map((d) => [normalisePip(d.package), d]));
  const inTemplate = new Set<string>();
  const lines = template.split('\n').map((line) => {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*(\S+)/.exec(line);
    if (!m) return line;
    const key = normalisePip(m[1]!);
    inTemplate.add(key);
    const dep = byName.get(key);
    if (!dep?.version?.startsWith('==') || dep.version === `==${m[2]}`) return line;
    return `${m[1]}${dep.version}  # from the notebook (${FROM[dep.versionFrom!]}, ${where(dep.versionCell)}); this template had ${m[2]}`;
  });
  const added = deps.filter((d) => !inTemplate.has(normalisePip(d.package)));
  if (added.length === 0) return `${lines.join('\n').trimEnd()}\n`;
  const extra = added.map((dep) => {
    const seen = `cell ${dep.cell}`;
    if (dep.guessed)
      return `# ${dep.package}  # guessed from "import ${dep.module}" (${seen}): check the pip name (or that it is not a local module), then uncomment`;
    if (dep.version?.startsWith('=='))
      return `${dep.package}${dep.version}  # ${FROM[dep.versionFrom!]} (${where(dep.versionCell)})`;
    if (dep.version)
      return `${dep.package}${dep.version}  # range from the notebook (${where(dep.versionCell)}): pin the version you trained with`;
    return `${dep.package}  # version not shown in the notebook (${seen}): pin the version you trained with`;
  });
  return [
    lines.join('\n').trimEnd(),
    '',
    `# From the notebook ${printable(notebookName)}: its imports and pip install lines (training-only`,
    '# packages such as plotting libraries can be removed).',
    ...extra,
    '',
  ].join('\n');
}

/** Control characters (a hostile file name) become spaces: this text lands in a file. */
function printable(text: string): string {
  return [...text].map((c) => (/\p{Cc}/u.test(c) ? ' ' : c)).join('');
}
