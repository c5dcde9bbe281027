import { rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTION_IDS } from '../../../src/core/options.js';
import { frameworksFor, generate } from './generate.js';

/**
 * Every option plugs into the common deploy flow: scripts/deploy.sh runs infra/deploy.sh when it
 * is executable, and README.md links infra/README.md.
 */

describe.each(OPTION_IDS)('%s layout', (option) => {
  it('has an executable infra/deploy.sh and an infra/README.md', async () => {
    const { dir, files } = await generate(option, { framework: frameworksFor(option)[0]! });
    try {
      expect(files).toContain('infra/deploy.sh');
      expect(files).toContain('infra/README.md');
      expect(statSync(join(dir, 'infra/deploy.sh')).mode & 0o111).not.toBe(0);
      for (const script of files.filter((f) => f.endsWith('.sh'))) {
        expect(statSync(join(dir, script)).mode & 0o100, `${script} is not executable`).not.toBe(0);
      }
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});

// Files shared by several options live once, in templates/scaffold/_families/ (see
// test/scaffold/day-one.test.ts, which refuses copied template files).
