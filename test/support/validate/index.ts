import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  checkLeastPrivilege,
  embeddedScripts,
  parseCfnYaml as parseCfn,
  validateCfnTemplate,
} from './cfn.js';
import { validateCompose } from './compose.js';
import { validateDockerfile } from './dockerfile.js';
import { checkRestricted, validateK8sFile, validateK8sObject } from './k8s.js';
import { kustomizeBuild } from './kustomize.js';
import { validateNoSecrets } from './secrets.js';
import { isShellScript, validateShell } from './shell.js';
import { validateGithubWorkflow } from './workflow.js';

export { checkLeastPrivilege, validateCfnTemplate, parseCfnYaml } from './cfn.js';
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
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return 'github-workflow';
  if (/(^|\/)kustomization\.yaml$/.test(path)) return 'kustomize';
  if (/(^|\/)(docker-)?compose[\w.-]*\.ya?ml$/.test(path)) return 'compose';
  if (/^AWSTemplateFormatVersion:|^Transform:\s*AWS::Serverless/m.test(src)) return 'cloudformation';
  try {
    const docs = parseAllDocuments(src)
      .map((d) => d.toJSON() as unknown)
      .filter((d) => d !== null && d !== undefined);
    if (
      docs.length > 0 &&
      docs.every((d) => typeof d === 'object' && d !== null && 'apiVersion' in d && 'kind' in d)
    ) {
      return 'kubernetes';
    }
  } catch {
    // plain YAML: yamllint reports syntax problems
  }
  return 'yamllint';
}

/**
 * Runs every applicable validator on every file of a generated repository. Never executes the
 * repository's own code: scripts go to shellcheck on stdin, Python is only compiled with `ast`.
 */
export async function validateRepo(root: string): Promise<RepoReport> {
  const files = listFiles(root);
  const report: RepoReport = { files, ran: [], problems: [] };
  const add = (file: string, validator: Validator, messages: string[]): void => {
    report.ran.push({ file, validator });
    for (const message of messages) report.problems.push({ file, validator, message });
  };
  const yamlFiles: string[] = [];
  const pyFiles: string[] = [];
  for (const file of files) {
    const src = readFileSync(join(root, file), 'utf8');
    add(file, 'secretlint', await validateNoSecrets(file, src));
    const base = file.split('/').pop()!;
    if (isShellScript(file, src))
      add(file, 'shellcheck', validateShell(src, /^#!.*\bsh$/.test(src) ? 'sh' : 'bash'));
    if (/^Dockerfile(\.[\w-]+)?$/.test(base) || base.endsWith('.Dockerfile'))
      add(file, 'dockerfile', validateDockerfile(src));
    if (file.endsWith('.py')) pyFiles.push(file);
    if (file.endsWith('.json')) {
      try {
        JSON.parse(src);
        add(file, 'json', []);
      } catch (e) {
        add(file, 'json', [(e as Error).message]);
      }
    }
    if (!/\.ya?ml$/.test(file)) continue;
    yamlFiles.push(file);
    const kind = classifyYaml(file, src);
    if (kind === 'github-workflow') add(file, kind, validateGithubWorkflow(src));
    else if (kind === 'cloudformation') {
      add(file, kind, validateCfnTemplate(src));
      const parsed = parseCfn(src).value;
      add(file, 'iam', checkLeastPrivilege(parsed));
      const scripts = embeddedScripts(parsed);
      if (scripts.length > 0) {
        add(
          file,
          'shellcheck',
          scripts.flatMap(({ where, script }) => validateShell(script).map((m) => `${where}: ${m}`)),
        );
      }
    } else if (kind === 'compose') add(file, kind, validateCompose(src));
    else if (kind === 'kubernetes') add(file, kind, validateK8sFile(src));
    else if (kind === 'kustomize') {
      const built = kustomizeBuild(join(root, dirname(file)));
      add(file, kind, [
        ...built.errors,
        ...built.docs.flatMap((d) => [...validateK8sObject(d), ...checkRestricted(d)]),
      ]);
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
      'import ast,sys,json\nout={}\nfor f in sys.argv[1:]:\n  try:\n    ast.parse(open(f,encoding="utf-8").read(),f)\n    out[f]=[]\n  except SyntaxError as e:\n    out[f]=[f"line {e.lineno}: {e.msg}"]\nprint(json.dumps(out))';
    const run = spawnSync('/usr/bin/python3', ['-c', script, ...pyFiles], { cwd: root, encoding: 'utf8' });
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
