import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlannedFile } from '../../src/scaffold/plan.js';
import { writeScaffold } from '../../src/scaffold/write.js';
import { removeTempDirs, tempDir } from './support.js';

/**
 * A move that fails after others succeeded must be undone. Root ignores file modes, so the
 * failure comes from an immutable file (chattr +i, e2fsprogs): the checks before the move pass
 * (the folder is writable), and rename() over that file then fails with EPERM.
 */

const immutable: string[] = [];
afterAll(() => {
  for (const path of immutable) spawnSync('chattr', ['-i', path]);
  removeTempDirs();
});

const enc = (s: string) => new TextEncoder().encode(s);
const FILES: PlannedFile[] = [
  { path: 'README.md', content: enc('# hi\n'), mode: 0o644 },
  { path: 'app/a.py', content: enc('x = 1\n'), mode: 0o644 },
  { path: 'z/last.txt', content: enc('new\n'), mode: 0o644 },
];

describe('scaffold --force when a move fails half-way', () => {
  it('puts back every replaced file and removes every moved-in file and created folder', async () => {
    const chattr = spawnSync('chattr', ['--help']);
    expect(chattr.error, 'chattr is missing: apt-get install -y e2fsprogs').toBeUndefined();
    const target = tempDir();
    writeFileSync(join(target, 'README.md'), 'mine\n');
    mkdirSync(join(target, 'z'));
    writeFileSync(join(target, 'z', 'last.txt'), 'keep\n');
    const set = spawnSync('chattr', ['+i', join(target, 'z', 'last.txt')], { encoding: 'utf8' });
    expect(set.status, `chattr +i failed: ${set.stderr}`).toBe(0);
    immutable.push(join(target, 'z', 'last.txt'));

    const error = await writeScaffold(target, FILES, { force: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/EPERM|not permitted/);
    expect(readdirSync(target).sort()).toEqual(['README.md', 'z']); // no staging folder either
    expect(readFileSync(join(target, 'README.md'), 'utf8')).toBe('mine\n');
    expect(readFileSync(join(target, 'z', 'last.txt'), 'utf8')).toBe('keep\n');
    expect(readdirSync(dirname(target)).filter((n) => n.includes('.scaffold-'))).toEqual([]);
  });
});
