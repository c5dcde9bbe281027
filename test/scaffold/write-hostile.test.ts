import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSafeText } from '../../src/core/sanitize.js';
import type { PlannedFile } from '../../src/scaffold/plan.js';
import { writeScaffold } from '../../src/scaffold/write.js';
import { HOSTILE_NAMES, prepare, removeTempDirs, tempDir } from './support.js';

afterAll(removeTempDirs);

const enc = (s: string) => new TextEncoder().encode(s);
const FILES: PlannedFile[] = [
  { path: 'README.md', content: enc('# hi\n'), mode: 0o644 },
  { path: 'app/a.py', content: enc('x = 1\n'), mode: 0o644 },
  { path: 'z/last.txt', content: enc('new\n'), mode: 0o644 },
];
const siblings = (target: string) => readdirSync(dirname(target)).filter((n) => n.includes('.scaffold-'));

describe('the scaffold writer against hostile targets', () => {
  it('never replaces a FIFO inside the target, even with --force, and writes nothing', async () => {
    const target = tempDir();
    writeFileSync(join(target, 'notes.txt'), 'mine\n');
    execFileSync('mkfifo', [join(target, 'README.md')]);
    await expect(writeScaffold(target, FILES, { force: true })).rejects.toThrow(/cannot write the scaffold/);
    expect(lstatSync(join(target, 'README.md')).isFIFO()).toBe(true);
    expect(readdirSync(target).sort()).toEqual(['README.md', 'notes.txt']);
    expect(siblings(target)).toEqual([]);
  });

  it('fills an empty target instead of replacing it: same folder, same mode', async () => {
    const target = join(tempDir(), 'out');
    mkdirSync(target);
    chmodSync(target, 0o750);
    const inode = statSync(target).ino;
    const result = await writeScaffold(target, FILES);
    expect(result.how).toBe('merge');
    expect(statSync(target).ino).toBe(inode);
    expect(statSync(target).mode & 0o777).toBe(0o750);
    expect(readFileSync(join(target, 'z/last.txt'), 'utf8')).toBe('new\n');
    expect(siblings(target)).toEqual([]);
  });

  it('an interruption after staging leaves the folder as it was', async () => {
    const target = tempDir();
    writeFileSync(join(target, 'README.md'), 'mine\n');
    const controller = new AbortController();
    let staged = 0;
    const promise = writeScaffold(target, FILES, {
      force: true,
      signal: controller.signal,
      onFile: () => {
        staged += 1;
        // Abort once the last file is staged: the check before the first move stops it.
        if (staged === FILES.length) queueMicrotask(() => controller.abort());
      },
    });
    await expect(promise).rejects.toThrow(/interrupted/);
    expect(readdirSync(target)).toEqual(['README.md']);
    expect(readFileSync(join(target, 'README.md'), 'utf8')).toBe('mine\n');
    expect(siblings(target)).toEqual([]);
  });

  it('docs of a scaffold for an escape-laden project name hold no raw control character', async () => {
    const name = `${HOSTILE_NAMES[0]}\u001b]52;c;ZWNobyBoaQ==\u0007\u001b[2J\u202eevil`;
    const prepared = await prepare('lambda', { projectName: name });
    const target = join(tempDir(), 'out');
    await writeScaffold(target, prepared.files);
    for (const file of prepared.files.filter((f) => /\.(md|txt|html)$/.test(f.path))) {
      const text = readFileSync(join(target, file.path), 'utf8');
      expect(isSafeText(text), file.path).toBe(true);
    }
  });
});
