import { mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlannedFile } from '../../src/scaffold/plan.js';
import { writeScaffold } from '../../src/scaffold/write.js';
import { removeTempDirs, tempDir } from './support.js';

/**
 * A folder inside the target swapped for a symlink after the writer checked it and before it
 * moved a file there (another process racing the write) must never send a file outside the
 * target: the move is refused, the write rolled back, and the outside folder left untouched.
 */

afterAll(removeTempDirs);

const enc = (s: string) => new TextEncoder().encode(s);
const FILES: PlannedFile[] = [
  { path: 'README.md', content: enc('# new\n'), mode: 0o644 },
  { path: 'app/a.py', content: enc('x = 1\n'), mode: 0o644 },
  { path: 'app/deep/b.py', content: enc('y = 2\n'), mode: 0o644 },
];

/** A target holding app/ (so its check passes), and a folder outside it to lure writes into. */
function setUp() {
  const root = tempDir();
  const target = join(root, 'out');
  const outside = join(root, 'outside');
  mkdirSync(join(target, 'app', 'deep'), { recursive: true });
  writeFileSync(join(target, 'README.md'), '# mine\n');
  mkdirSync(join(outside, 'deep'), { recursive: true });
  // Decoys with the planned names: a careless undo through the link would delete them.
  writeFileSync(join(outside, 'a.py'), 'theirs\n');
  writeFileSync(join(outside, 'deep', 'b.py'), 'theirs\n');
  return { target, outside };
}

/** Swaps `dir` for a symlink to `to`, keeping the real folder aside. */
function swap(dir: string, to: string): void {
  renameSync(dir, `${dir}.real`);
  symlinkSync(to, dir);
}

describe('the scaffold writer against a folder swapped for a symlink mid-write', () => {
  it.each([
    ['the folder of the next file', 'app/a.py', 'app'],
    ['a folder further up the path', 'app/deep/b.py', 'app'],
    ['the deepest folder only', 'app/deep/b.py', 'app/deep'],
  ])('%s: nothing is written outside the target and the write is undone', async (_, when, swapped) => {
    const { target, outside } = setUp();
    const lure = swapped === 'app' ? outside : join(outside, 'deep');
    const error = await writeScaffold(target, FILES, {
      force: true,
      beforeMove: (path) => {
        if (path === when) swap(join(target, swapped), lure);
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/changed while the scaffold was written|symbolic link/);
    expect(readdirSync(outside).sort()).toEqual(['a.py', 'deep']);
    expect(readdirSync(join(outside, 'deep'))).toEqual(['b.py']);
    expect(readFileSync(join(outside, 'a.py'), 'utf8')).toBe('theirs\n');
    expect(readFileSync(join(outside, 'deep', 'b.py'), 'utf8')).toBe('theirs\n');
    // Rolled back: the file moved in before the swap is the user's again.
    expect(readFileSync(join(target, 'README.md'), 'utf8')).toBe('# mine\n');
    expect(readdirSync(dirname(target)).filter((n) => n.includes('.scaffold-'))).toEqual([]);
  });

  it('a file swapped for a symlink before it is replaced is refused, its link target untouched', async () => {
    const { target, outside } = setUp();
    writeFileSync(join(target, 'app', 'a.py'), 'old\n');
    writeFileSync(join(outside, 'victim.py'), 'victim\n');
    const error = await writeScaffold(target, FILES, {
      force: true,
      beforeMove: (path) => {
        if (path === 'app/a.py') {
          renameSync(join(target, 'app', 'a.py'), join(target, 'app', 'a.py.real'));
          symlinkSync(join(outside, 'victim.py'), join(target, 'app', 'a.py'));
        }
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(readFileSync(join(outside, 'victim.py'), 'utf8')).toBe('victim\n');
    expect(readFileSync(join(target, 'README.md'), 'utf8')).toBe('# mine\n');
  });

  it('without a swap the same write succeeds (the seam changes nothing by itself)', async () => {
    const { target } = setUp();
    const moved: string[] = [];
    await writeScaffold(target, FILES, { force: true, beforeMove: (path) => void moved.push(path) });
    expect(moved).toEqual(FILES.map((f) => f.path));
    expect(readFileSync(join(target, 'app/deep/b.py'), 'utf8')).toBe('y = 2\n');
  });
});
