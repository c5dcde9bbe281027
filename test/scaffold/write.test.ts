import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/core/errors.js';
import { planScaffold, checkOutputPath, type PlannedFile } from '../../src/scaffold/plan.js';
import { InterruptedError, writeScaffold } from '../../src/scaffold/write.js';
import type { RawCatalogue } from '../../src/scaffold/catalogue.js';
import { prepare, removeTempDirs, tempDir, templates } from './support.js';

afterAll(removeTempDirs);

const enc = (s: string) => new TextEncoder().encode(s);
const FILES: PlannedFile[] = [
  { path: 'README.md', content: enc('# hi\n'), mode: 0o644 },
  { path: 'scripts/run.sh', content: enc('#!/bin/sh\necho hi\n'), mode: 0o755 },
  { path: 'app/a/b/c.py', content: enc('x = 1\n'), mode: 0o644 },
];

/** A fingerprint of a folder: every path, mode, symlink target and content hash. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, name.name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (name.isSymbolicLink()) out.push(`${p} -> link`);
      else if (name.isDirectory()) {
        out.push(`${p}/ ${st?.mode}`);
        walk(p);
      } else out.push(`${p} ${st?.mode} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`);
    }
  };
  walk(dir);
  return out.sort();
}

const siblings = (target: string) => readdirSync(dirname(target)).filter((n) => n.includes('.scaffold-'));

describe('writing a scaffold', () => {
  it('writes a fresh folder with modes kept, and no temporary folder left', async () => {
    const target = join(tempDir(), 'out');
    const result = await writeScaffold(target, FILES);
    expect(result.how).toBe('fresh');
    expect(readFileSync(join(target, 'app/a/b/c.py'), 'utf8')).toBe('x = 1\n');
    expect(statSync(join(target, 'scripts/run.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(join(target, 'README.md')).mode & 0o777).toBe(0o644);
    expect(statSync(target).mode & 0o777).toBe(0o755);
    expect(siblings(target)).toEqual([]);
  });

  it('keeps the executable bits of the real templates', async () => {
    const prepared = await prepare('ecs-fargate');
    const target = join(tempDir(), 'out');
    await writeScaffold(target, prepared.files);
    const deploy = prepared.files.find((f) => f.path === 'scripts/deploy.sh');
    expect(deploy?.mode).toBe(0o755);
    expect(statSync(join(target, 'scripts/deploy.sh')).mode & 0o111).toBe(0o111);
    expect(statSync(join(target, 'app/model.py')).mode & 0o111).toBe(0);
  });

  it('refuses a non-empty folder, lists what is there, and leaves it untouched', async () => {
    const target = tempDir();
    writeFileSync(join(target, 'README.md'), 'mine\n');
    mkdirSync(join(target, 'notes'));
    writeFileSync(join(target, 'notes/todo.txt'), 'keep\n');
    const before = snapshot(target);
    const error = await writeScaffold(target, FILES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserInputError);
    expect(String((error as Error).message)).toMatch(
      /not empty \(README\.md, notes\).*--force.*would replace: README\.md/,
    );
    expect(snapshot(target)).toEqual(before);
    expect(siblings(target)).toEqual([]);
    // A dry run refuses the same way, and writes nothing either.
    await expect(writeScaffold(target, FILES, { dryRun: true })).rejects.toThrow(/not empty/);
    expect(snapshot(target)).toEqual(before);
  });

  it('with --force writes into it, keeping other files and reporting replaced ones', async () => {
    const target = tempDir();
    writeFileSync(join(target, 'README.md'), 'mine\n');
    writeFileSync(join(target, 'other.txt'), 'keep\n');
    const result = await writeScaffold(target, FILES, { force: true });
    expect(result.how).toBe('merge');
    expect(result.overwritten).toEqual(['README.md']);
    expect(readFileSync(join(target, 'README.md'), 'utf8')).toBe('# hi\n');
    expect(readFileSync(join(target, 'other.txt'), 'utf8')).toBe('keep\n');
    expect(siblings(target)).toEqual([]);
  });

  it('a folder holding only .git is fine without --force, and .git is kept', async () => {
    const target = tempDir();
    mkdirSync(join(target, '.git'));
    writeFileSync(join(target, '.git/HEAD'), 'ref: refs/heads/main\n');
    await writeScaffold(target, FILES);
    expect(readFileSync(join(target, '.git/HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
    expect(existsSync(join(target, 'README.md'))).toBe(true);
  });

  it('a dry run lists every file and writes nothing', async () => {
    const parent = tempDir();
    const target = join(parent, 'out');
    const result = await writeScaffold(target, FILES, { dryRun: true });
    expect(result.how).toBe('dry-run');
    expect(result.files.map((f) => f.path)).toEqual(FILES.map((f) => f.path));
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses a symlink as the target', async () => {
    const parent = tempDir();
    const real = join(parent, 'real');
    mkdirSync(real);
    symlinkSync(real, join(parent, 'link'));
    await expect(writeScaffold(join(parent, 'link'), FILES)).rejects.toThrow(/symbolic link/);
    expect(readdirSync(real)).toEqual([]);
  });

  it('refuses a planted symlink inside the target, even with --force, writing nothing', async () => {
    const target = tempDir();
    const outside = tempDir();
    symlinkSync(outside, join(target, 'app'));
    const before = snapshot(target);
    await expect(writeScaffold(target, FILES, { force: true })).rejects.toThrow(UserInputError);
    const error = await writeScaffold(target, FILES, { force: true }).catch((e: UserInputError) => e);
    expect((error as UserInputError).details.join('\n')).toMatch(/app is a symbolic link/);
    expect(readdirSync(outside)).toEqual([]);
    expect(snapshot(target)).toEqual(before);

    const fileLink = tempDir();
    symlinkSync(join(outside, 'victim'), join(fileLink, 'README.md'));
    await expect(writeScaffold(fileLink, FILES, { force: true })).rejects.toThrow(UserInputError);
    expect(existsSync(join(outside, 'victim'))).toBe(false);
  });

  it('an interruption removes the temporary folder and leaves no target', async () => {
    const parent = tempDir();
    const target = join(parent, 'out');
    const controller = new AbortController();
    const promise = writeScaffold(target, FILES, {
      signal: controller.signal,
      onFile: (path) => {
        if (path === 'README.md') controller.abort();
      },
    });
    await expect(promise).rejects.toBeInstanceOf(InterruptedError);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses paths that escape the target', () => {
    for (const bad of [
      '../x',
      'a/../../x',
      '/etc/passwd',
      'a//b',
      './a',
      'a/./b',
      'C:/x',
      'a\\b',
      '',
      'a\0b',
    ]) {
      expect(() => checkOutputPath(bad), bad).toThrow(/output path/);
    }
    expect(checkOutputPath('a/b.c')).toBe('a/b.c');
  });

  it('the plan refuses a template whose path escapes, and the writer re-checks', async () => {
    const raw = templates();
    const evil: RawCatalogue = {
      ...raw,
      common: {
        ...raw.common,
        parts: { ...raw.common.parts, base: [...raw.common.parts.base!, '../escape.txt'] },
      },
      files: [...raw.files, { layer: 'common', source: '../escape.txt', mode: 0o644, bytes: enc('x') }],
    };
    const prepared = await prepare('ecs-fargate');
    expect(() => planScaffold(prepared.context, evil)).toThrow(/escapes the target/);
    const target = join(tempDir(), 'out');
    await expect(
      writeScaffold(target, [{ path: '../escape.txt', content: enc('x'), mode: 0o644 }]),
    ).rejects.toThrow(/escapes/);
    expect(existsSync(dirname(target) + '/escape.txt')).toBe(false);
  });
});

describe('staging folders a killed run left behind', () => {
  it('are removed on the next run: a dead owner pid, or no pid and over an hour old; live ones stay', async () => {
    const { spawnSync } = await import('node:child_process');
    const { utimesSync } = await import('node:fs');
    const parent = tempDir();
    const target = join(parent, 'out');
    // A pid that has just ended: a child that ran and exited.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const stale = [`.out.scaffold-${dead}-AbC123`, '.out.scaffold-XyZ789'];
    const kept = [`.out.scaffold-${process.ppid}-LiVe12`, '.out.scaffold-NeW345', '.other.scaffold-XyZ789'];
    for (const name of [...stale, ...kept]) {
      mkdirSync(join(parent, name, 'tree'), { recursive: true });
      writeFileSync(join(parent, name, 'tree', 'README.md'), 'half\n');
    }
    const hoursAgo = Date.now() / 1000 - 2 * 3600;
    utimesSync(join(parent, '.out.scaffold-XyZ789'), hoursAgo, hoursAgo);
    await writeScaffold(target, FILES);
    expect(readdirSync(parent).sort()).toEqual([...kept, 'out'].sort());
  });
});

describe('another run changing the target mid-write', () => {
  it('is said in words, not as a raw ENOENT from rename', async () => {
    const { rmSync } = await import('node:fs');
    const target = join(tempDir(), 'out');
    mkdirSync(target);
    const run = writeScaffold(target, FILES, {
      force: true,
      // What a concurrent `scaffold --force` does between our checks and our move.
      beforeMove: () => rmSync(target, { recursive: true, force: true }),
    });
    await expect(run).rejects.toThrow(UserInputError);
    await expect(run).rejects.toThrow(
      /another run changed the target while this one wrote it \(ENOENT\); nothing was written/,
    );
  });
});
