import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/core/errors.js';
import { writeFileAtomic } from '../../src/report/write.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'mlda-write-'));

describe('writeFileAtomic', () => {
  it('writes the whole text and leaves no temporary file', async () => {
    const dir = fresh();
    const text = 'x'.repeat(1_000_000) + '\nend\n';
    await writeFileAtomic(join(dir, 'r.md'), text);
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['r.md']);
  });

  it('keeps an existing file without force, replaces it with force', async () => {
    const dir = fresh();
    const path = join(dir, 'r.md');
    writeFileSync(path, 'mine');
    await expect(writeFileAtomic(path, 'new')).rejects.toThrow(/exists and is kept; add --force/);
    expect(readFileSync(path, 'utf8')).toBe('mine');
    await writeFileAtomic(path, 'new', { force: true });
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['r.md']);
  });

  it('two writers racing for a new name without force: one wins, the other keeps its hands off', async () => {
    const dir = fresh();
    const path = join(dir, 'r.md');
    const results = await Promise.allSettled([
      writeFileAtomic(path, 'first'),
      writeFileAtomic(path, 'second'),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(UserInputError);
    expect(['first', 'second']).toContain(readFileSync(path, 'utf8'));
    expect(readdirSync(dir)).toEqual(['r.md']);
  });

  it('a target that is a folder, or a missing folder, is a user error and writes nothing', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'sub'));
    await expect(writeFileAtomic(join(dir, 'sub'), 'x', { force: true })).rejects.toThrow(/is a folder/);
    await expect(writeFileAtomic(join(dir, 'nope', 'r.md'), 'x')).rejects.toThrow(/does not exist/);
    expect(readdirSync(dir)).toEqual(['sub']);
    expect(readdirSync(join(dir, 'sub'))).toEqual([]);
  });
});
