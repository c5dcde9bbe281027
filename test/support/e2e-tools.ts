import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { beforeAll } from 'vitest';

/**
 * What the end-to-end suites (`*.e2e.test.ts`, `npm run test:e2e`) need from Debian, and the one
 * `apt-get install` line that brings whatever is missing. Before any e2e file runs, the project's
 * global setup (`test/support/e2e-preflight.ts`) checks every tool listed here and stops the run
 * with that line. An e2e file also calls `requireTools(...)` at its top, for runs that skip the
 * preflight: a missing tool fails every test of the file at once (never a skip, so a machine
 * without the tools cannot pass by running less).
 */

/** Debian's Python: the first python3 on PATH may be a bare one without the packages below. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** Python modules the generated repositories and notebook code import, with their Debian package. */
const PYTHON_MODULES: Record<string, string> = {
  fastapi: 'python3-fastapi',
  uvicorn: 'python3-uvicorn',
  httpx: 'python3-httpx',
  numpy: 'python3-numpy',
  joblib: 'python3-joblib',
  sklearn: 'python3-sklearn',
  xgboost: 'python3-xgboost',
  torch: 'python3-torch',
  pytest: 'python3-pytest',
};

/** A command found on PATH, and the Debian package that provides it. */
const COMMANDS = {
  shellcheck: 'shellcheck',
  yamllint: 'yamllint',
  tmux: 'tmux',
  chromium: 'chromium',
  make: 'make',
  curl: 'curl',
} as const;

export type Tool = keyof typeof COMMANDS | 'python';

/** Every tool the e2e suite uses, in the order the preflight names their packages. */
export const E2E_TOOLS: readonly Tool[] = [...(Object.keys(COMMANDS) as (keyof typeof COMMANDS)[]), 'python'];

export interface Where {
  /** The PATH to look in (default: this process's). */
  path?: string;
  /** Debian's Python (default: DEBIAN_PYTHON). */
  python?: string;
}

/** The executable `command` resolves to on `path`, or undefined. */
export function which(command: string, path = process.env.PATH ?? ''): string | undefined {
  const candidates = isAbsolute(command)
    ? [command]
    : path
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The Debian packages that are missing for `tools`, in a stable order (empty when all are there). */
export function missingPackages(tools: readonly Tool[], where: Where = {}): string[] {
  const missing = new Set<string>();
  for (const tool of new Set(tools)) {
    if (tool === 'python') {
      for (const pkg of missingPythonPackages(where.python ?? DEBIAN_PYTHON)) missing.add(pkg);
    } else if (!which(COMMANDS[tool], where.path)) missing.add(COMMANDS[tool]);
  }
  return [...missing];
}

function missingPythonPackages(python: string): string[] {
  const all = Object.values(PYTHON_MODULES);
  if (!which(python)) return ['python3', ...all];
  // find_spec only locates the modules: importing torch would cost seconds for every test file.
  const script = `import importlib.util, sys\nprint(" ".join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))`;
  const run = spawnSync(python, ['-c', script, ...Object.keys(PYTHON_MODULES)], { encoding: 'utf8' });
  if (run.status !== 0) return ['python3', ...all];
  const absent = new Set(run.stdout.trim().split(/\s+/));
  return Object.entries(PYTHON_MODULES)
    .filter(([module]) => absent.has(module))
    .map(([, pkg]) => pkg);
}

/** The message an e2e test fails with: what is missing and the single line that installs it. */
export function missingToolsMessage(packages: readonly string[]): string {
  return (
    `This end-to-end test needs Debian packages that are not installed: ${packages.join(', ')}.\n` +
    `Install them with:\n  apt-get install -y --no-install-recommends ${packages.join(' ')}`
  );
}

/**
 * What `npm run test:e2e` stops with before any test file runs: one line naming every missing
 * package, then the one apt-get line that installs them all; undefined when nothing is missing.
 */
export function preflightMessage(where: Where = {}): string | undefined {
  const missing = missingPackages(E2E_TOOLS, where);
  if (missing.length === 0) return undefined;
  return (
    `npm run test:e2e needs Debian packages that are missing: ${missing.join(', ')}\n` +
    `  apt-get install -y --no-install-recommends ${missing.join(' ')}`
  );
}

/** Throws (with the apt-get line) when any of `tools` is missing. */
export function assertTools(tools: readonly Tool[], where: Where = {}): void {
  const missing = missingPackages(tools, where);
  if (missing.length > 0) throw new Error(missingToolsMessage(missing));
}

/** Call at the top of an e2e test file: every test in it fails at once when a tool is missing. */
export function requireTools(...tools: Tool[]): void {
  beforeAll(() => assertTools(tools));
}
