import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

/** The README's "install and start" command runs the same program, with nothing but its output. */
describe('npm start', () => {
  it('runs the CLI and prints recommend --json alone on stdout (no npm banner)', () => {
    const result = spawnSync(
      'npm',
      ['start', '--', 'recommend', '--answers', 'examples/answers.yaml', '--json'],
      {
        cwd: packageRoot(),
        encoding: 'utf8',
        env: {
          ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_'))),
          AWS_CONFIG_FILE: '/nonexistent',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
        },
        timeout: 60_000,
      },
    );
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.ranking).toHaveLength(10);
  });
});
