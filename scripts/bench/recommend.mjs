// `recommend --json` against `node -e 0`: the non-interactive commands must start in at most
// twice the time of an empty Node process (issue 2).
import { join } from 'node:path';
import { cli, fmt, interleavedMedians, root } from '../bench-lib.mjs';

export const name = 'recommend --json vs node -e 0 (median wall time, interleaved)';

export async function run() {
  const answers = join(root, 'examples', 'answers.yaml');
  const [empty, recommend, check] = interleavedMedians(
    [
      [process.execPath, ['-e', '0']],
      [process.execPath, [cli, 'recommend', '--answers', answers, '--json']],
      [process.execPath, [cli, 'knowledge', 'check']],
    ],
    21,
  );
  const ratio = recommend / empty;
  return {
    ok: ratio <= 2,
    lines: [
      `node -e 0:           ${fmt(empty)}`,
      `recommend --json:    ${fmt(recommend)}  ratio ${ratio.toFixed(2)}x (limit 2.00x) ${ratio <= 2 ? 'ok' : 'OVER'}`,
      `knowledge check:     ${fmt(check)}  ratio ${(check / empty).toFixed(2)}x`,
    ],
  };
}
