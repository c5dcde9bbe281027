import { spawnSync } from 'node:child_process';

/**
 * Shell scripts through shellcheck (severity style and up). The script is passed on stdin and
 * never executed. `shell` forces the dialect when the file has no shebang.
 */
export function validateShell(content: string, shell: 'bash' | 'sh' = 'bash'): string[] {
  const run = spawnSync('shellcheck', ['--format=gcc', `--shell=${shell}`, '--severity=style', '-'], {
    input: content,
    encoding: 'utf8',
  });
  if (run.error)
    throw new Error(`shellcheck could not run (apt-get install shellcheck): ${run.error.message}`);
  if (run.status === 0) return [];
  const lines = `${run.stdout}${run.stderr}`.split('\n').filter((l) => l.trim() !== '');
  return lines.length > 0
    ? lines.map((l) => `shellcheck ${l.replace(/^-:/, 'line ')}`)
    : [`shellcheck exit ${run.status}`];
}

/** True when a file is a shell script by name or shebang. */
export function isShellScript(path: string, content: string): boolean {
  return /\.(sh|bash)$/.test(path) || /^#!\s*\/(usr\/)?bin\/(env\s+)?(ba)?sh\b/.test(content);
}
