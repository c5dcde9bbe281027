import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scaffoldFromNotebook } from './from-notebook.js';

/** scaffold --from-notebook: the notebook's code seeds the repo, its findings go to the README. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => join(dir, rel))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path, 'utf8'))
    .join('\n');
}

describe('scaffold --from-notebook', () => {
  const { out, result, secrets } = scaffoldFromNotebook();

  it('writes the repository with the notebook code and findings', () => {
    expect(result.code, result.stderr).toBe(0);
    const seed = readFileSync(join(out, 'app', 'notebook_code.py'), 'utf8');
    expect(seed).toMatch(/def features\(frame\)/);
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    expect(readme).toMatch(/## From the notebook/);
    expect(readme).toMatch(/cell 3\b.*\/home\/|local path/s);
    expect(readFileSync(join(out, 'docs', 'RECOMMENDATION.md'), 'utf8')).toMatch(/sklearn/);
  });

  it('copies no credential anywhere', () => {
    expect(allText(out)).not.toContain(secrets.awsKeyId);
    expect(result.stdout + result.stderr).not.toContain(secrets.awsKeyId);
  });
});
