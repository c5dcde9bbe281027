import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { checkLeastPrivilege, embeddedScripts, parseCfnYaml as parseCfn, validateCfnObject } from './cfn.js';
import { validateAlertmanagerConfig } from './alertmanager.js';
import { validateCompose } from './compose.js';
import { validateDockerfile } from './dockerfile.js';
import { checkRestricted, manifestsOf, validateK8sFile, validateK8sObject, type Manifests } from './k8s.js';
import { kustomizeBuild } from './kustomize.js';
import { validateNoSecrets } from './secrets.js';
import { isShellScript, validateShell } from './shell.js';
import { validateGithubWorkflow } from './workflow.js';
import { DEBIAN_PYTHON } from '../e2e-tools.js';

export { checkLeastPrivilege, validateCfnTemplate, parseCfnYaml } from './cfn.js';
export { validateAlertmanagerConfig } from './alertmanager.js';
export { validateCompose } from './compose.js';
export { validateDockerfile } from './dockerfile.js';
export { checkRestricted, parseManifests, validateK8sFile, validateK8sManifests } from './k8s.js';
export { kustomizeBuild } from './kustomize.js';
export { validateNoSecrets } from './secrets.js';
export { validateShell } from './shell.js';
export { validateGithubWorkflow } from './workflow.js';

export type Validator =
  | 'secretlint'
  | 'shellcheck'
  | 'dockerfile'
  | 'github-workflow'
  | 'cloudformation'
  | 'iam'
  | 'kubernetes'
  | 'kustomize'
  | 'compose'
  | 'alertmanager'
  | 'yamllint'
  | 'json'
  | 'python-syntax';

export interface RepoReport {
  files: string[];
  /** Which validators ran on which file (relative paths). */
  ran: { file: string; validator: Validator }[];
  problems: { file: string; validator: Validator; message: string }[];
}

/** Every file under `root`, relative, sorted; `.git` skipped. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === '.git' || name === 'node_modules' || name === '__pycache__') continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}

const YAMLLINT_CONFIG = JSON.stringify({
  extends: 'default',
  rules: {
    'line-length': 'disable',
    'document-start': 'disable',
    truthy: { 'check-keys': false },
    comments: { 'min-spaces-from-content': 1 },
    braces: { 'max-spaces-inside': 1 },
    brackets: { 'max-spaces-inside': 1 },
  },
});

/** Decides what a YAML file is from its path and content. */
export function classifyYaml(path: string, src: string): Validator {
  return classify(path, src).kind;
}

/**
 * What a YAML file is, and for Kubernetes manifests the parse that told (the validation reads the
 * same parse: a second one was about a second of CPU over the suites that validate repositories).
 */
function classify(path: string, src: string): { kind: Validator; manifests?: Manifests } {
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return { kind: 'github-workflow' };
  if (/(^|\/)kustomization\.yaml$/.test(path)) return { kind: 'kustomize' };
  if (/(^|\/)(docker-)?compose[\w.-]*\.ya?ml$/.test(path)) return { kind: 'compose' };
  if (/^monitoring\/alertmanager(\/[\w.-]+)?\.ya?ml$/.test(path)) return { kind: 'alertmanager' };
  if (/^AWSTemplateFormatVersion:|^Transform:\s*AWS::Serverless/m.test(src))
    return { kind: 'cloudformation' };
  try {
    // Unique keys, as parseManifests reads a manifest (yaml's default too).
    const parsed = parseAllDocuments(src, { uniqueKeys: true });
    const values = [...parsed].map((d) => d.toJSON() as unknown);
    const docs = values.filter((d) => d !== null && d !== undefined);
    if (
      docs.length > 0 &&
      docs.every((d) => typeof d === 'object' && d !== null && 'apiVersion' in d && 'kind' in d)
    ) {
      return { kind: 'kubernetes', manifests: manifestsOf(parsed, values) };
    }
  } catch {
    // plain YAML: yamllint reports syntax problems
  }
  return { kind: 'yamllint' };
}

/**
 * Runs every applicable validator on every file of a generated repository: the in-process ones
 * (`npm test`) and those that need Debian's tools (`npm run test:e2e`). Never executes the
 * repository's own code: scripts go to shellcheck on stdin, Python is only compiled.
 */
export async function validateRepo(root: string): Promise<RepoReport> {
  const inProcess = await validateRepoInProcess(root);
  const tools = validateRepoWithTools(root);
  return {
    files: inProcess.files,
    ran: [...inProcess.ran, ...tools.ran],
    problems: [...inProcess.problems, ...tools.problems],
  };
}

function collector(files: string[]): {
  report: RepoReport;
  add: (file: string, validator: Validator, messages: string[]) => void;
} {
  const report: RepoReport = { files, ran: [], problems: [] };
  const add = (file: string, validator: Validator, messages: string[]): void => {
    report.ran.push({ file, validator });
    for (const message of messages) report.problems.push({ file, validator, message });
  };
  return { report, add };
}

/**
 * What the per-file validators said about a file, by its path and content: suites render the same
 * repository under many names or frameworks, and most files come out byte for byte the same, so
 * each distinct (path, content) is validated once per test process. Every validator here reads
 * only the path and the text (kustomize, which reads the folder, is not cached).
 */
const perFileResults = new Map<string, [Validator, string[]][]>();

async function validateFileInProcess(file: string, src: string): Promise<[Validator, string[]][]> {
  const key = `${file}\0${createHash('sha256').update(src).digest('base64')}`;
  const known = perFileResults.get(key);
  if (known) return known;
  const results: [Validator, string[]][] = [];
  results.push(['secretlint', await validateNoSecrets(file, src)]);
  const base = file.split('/').pop()!;
  if (/^Dockerfile(\.[\w-]+)?$/.test(base) || base.endsWith('.Dockerfile'))
    results.push(['dockerfile', validateDockerfile(src)]);
  if (file.endsWith('.json')) {
    try {
      JSON.parse(src);
      results.push(['json', []]);
    } catch (e) {
      results.push(['json', [(e as Error).message]]);
    }
  }
  if (/\.ya?ml$/.test(file)) {
    const { kind, manifests } = classify(file, src);
    if (kind === 'github-workflow') results.push([kind, validateGithubWorkflow(src)]);
    else if (kind === 'cloudformation') {
      // Parsed once for both (neither changes the template): the YAML parse is most of their cost.
      const { value, errors } = parseCfn(src);
      results.push([kind, errors.length > 0 ? errors : validateCfnObject(value)]);
      results.push(['iam', checkLeastPrivilege(value)]);
    } else if (kind === 'compose') results.push([kind, validateCompose(src)]);
    else if (kind === 'alertmanager') results.push([kind, validateAlertmanagerConfig(src)]);
    else if (kind === 'kubernetes') results.push([kind, validateK8sFile(manifests ?? src)]);
    else if (kind === 'kustomize') results.push([kind, []]); // placeholder: built below, per folder
  }
  perFileResults.set(key, results);
  return results;
}

/** Validators that run inside Node (npm packages only): secrets, JSON, Dockerfile, workflow, CloudFormation and IAM, compose, Alertmanager, Kubernetes, kustomize. */
export async function validateRepoInProcess(root: string): Promise<RepoReport> {
  const files = listFiles(root);
  const { report, add } = collector(files);
  for (const file of files) {
    const src = readFileSync(join(root, file), 'utf8');
    for (const [validator, messages] of await validateFileInProcess(file, src)) {
      if (validator !== 'kustomize') {
        add(file, validator, messages);
        continue;
      }
      const built = kustomizeBuild(join(root, dirname(file)));
      add(file, validator, [
        ...built.errors,
        ...built.docs.flatMap((d) => [...validateK8sObject(d), ...checkRestricted(d)]),
      ]);
    }
  }
  return report;
}

/**
 * Validators that need Debian's tools (end-to-end suites only): shellcheck on scripts and on
 * scripts embedded in CloudFormation, yamllint on every YAML file, and Python's own compiler on
 * every .py file (compile(), which also catches what ast.parse lets through, such as a misplaced
 * return).
 */
export function validateRepoWithTools(root: string): RepoReport {
  const files = listFiles(root);
  const { report, add } = collector(files);
  const yamlFiles: string[] = [];
  const pyFiles: string[] = [];
  for (const file of files) {
    const src = readFileSync(join(root, file), 'utf8');
    if (isShellScript(file, src))
      add(file, 'shellcheck', validateShell(src, /^#!.*\bsh$/.test(src) ? 'sh' : 'bash'));
    if (file.endsWith('.py')) pyFiles.push(file);
    if (!/\.ya?ml$/.test(file)) continue;
    yamlFiles.push(file);
    if (classifyYaml(file, src) === 'cloudformation') {
      const scripts = embeddedScripts(parseCfn(src).value);
      if (scripts.length > 0) {
        add(
          file,
          'shellcheck',
          scripts.flatMap(({ where, script }) => validateShell(script).map((m) => `${where}: ${m}`)),
        );
      }
    }
  }
  if (yamlFiles.length > 0) {
    const run = spawnSync('yamllint', ['-f', 'parsable', '-d', YAMLLINT_CONFIG, ...yamlFiles], {
      cwd: root,
      encoding: 'utf8',
    });
    if (run.error) throw new Error(`yamllint could not run (apt-get install yamllint): ${run.error.message}`);
    const byFile = new Map<string, string[]>(yamlFiles.map((f) => [f, []]));
    for (const line of run.stdout.split('\n').filter(Boolean)) {
      const file = line.split(':')[0]!;
      byFile.get(file)?.push(line.slice(file.length + 1));
    }
    for (const [file, messages] of byFile) add(file, 'yamllint', messages);
  }
  if (pyFiles.length > 0) {
    const script =
      'import sys,json\nout={}\nfor f in sys.argv[1:]:\n  try:\n    compile(open(f,encoding="utf-8").read(),f,"exec",dont_inherit=True)\n    out[f]=[]\n  except (SyntaxError, ValueError) as e:\n    out[f]=[f"line {getattr(e, \'lineno\', \'?\')}: {e}"]\nprint(json.dumps(out))';
    const run = spawnSync(DEBIAN_PYTHON, ['-c', script, ...pyFiles], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`python3 could not check syntax: ${run.stderr}`);
    for (const [file, messages] of Object.entries(JSON.parse(run.stdout) as Record<string, string[]>)) {
      add(file, 'python-syntax', messages);
    }
  }
  return report;
}

/** A readable list of problems for assertion messages. */
export function formatProblems(report: RepoReport): string {
  return report.problems.map((p) => `${p.file} [${p.validator}] ${p.message}`).join('\n');
}
