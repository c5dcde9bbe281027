import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

/**
 * The non-interactive commands run from one bundle compiled with the V8 code cache the build
 * wrote beside it (src/cli/fast-loader.ts). A cache V8 refuses costs nothing visible but the
 * time: only this test sees it. A plain Node process, as a user runs the CLI (V8 refuses a cache
 * made under other flags).
 */
describe('the fast bundle', () => {
  it("is compiled with the build's code cache, which V8 accepts", () => {
    const loader = pathToFileURL(join(packageRoot(), 'src', 'cli', 'fast-loader.ts')).href;
    const chunks = join(packageRoot(), 'dist', 'chunks');
    const script = `const { loadFastBundle } = await import(${JSON.stringify(loader)});
const { main, cache } = loadFastBundle(${JSON.stringify(chunks)});
console.log(JSON.stringify({ cache, main: typeof main }));`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: packageRoot(),
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ cache: 'accepted', main: 'function' });
  });
});
