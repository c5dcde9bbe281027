import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';
import type { CliIo } from '../io/cli-io.js';
import { FAST_CODE_CACHE, loadFastBundle } from './fast-loader.js';

/**
 * Run by scripts/build.mjs (as dist/code-cache.js): compiles the fast bundle, runs the commands
 * that must start fast on the bundled example, and writes V8's code cache of everything they
 * compiled beside the bundle, where fast-loader.ts reads it.
 */
const dist = dirname(fileURLToPath(import.meta.url));
const chunks = join(dist, 'chunks');
const root = dirname(dist);
const { main, script } = loadFastBundle(chunks, { useCache: false });
const sink = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
const io: CliIo = { stdout: sink(), stderr: sink(), stdin: Readable.from([]), env: {}, cwd: root };
const runs = [
  ['recommend', '--json', '--answers', join(root, 'examples', 'answers.yaml')],
  ['recommend', '--answers', join(root, 'examples', 'answers.yaml')],
  ['knowledge', 'check'],
];
for (const argv of runs) {
  const code = await main(argv, io);
  if (code !== 0) throw new Error(`code cache: ${argv.join(' ')} exited ${code}`);
}
writeFileSync(join(chunks, FAST_CODE_CACHE), script.createCachedData());
