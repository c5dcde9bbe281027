import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSafeText } from '../../src/core/sanitize.js';
import { writeFileAtomic } from '../../src/report/write.js';

/** `report --out` pointed at things that are not a report file. */
const fresh = () => mkdtempSync(join(tmpdir(), 'mlda-write-'));

describe('writeFileAtomic against hostile targets', () => {
  it('never replaces a FIFO, even with --force', async () => {
    const dir = fresh();
    const fifo = join(dir, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    await expect(writeFileAtomic(fifo, 'x', { force: true })).rejects.toThrow(/not a regular file/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe.md']);
  });

  it('never replaces a device, even with --force (as root it swapped /dev/null for a file)', async () => {
    const dir = fresh();
    const device = join(dir, 'null');
    // A private copy of /dev/null (character device 1,3): root may create it; the real one is never touched.
    execFileSync('mknod', [device, 'c', '1', '3']);
    await expect(writeFileAtomic(device, 'x', { force: true })).rejects.toThrow(/not a regular file/);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });

  it('refuses a symbolic link as the target', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'real.md'), 'mine');
    symlinkSync(join(dir, 'real.md'), join(dir, 'link.md'));
    await expect(writeFileAtomic(join(dir, 'link.md'), 'x', { force: true })).rejects.toThrow(
      /symbolic link/,
    );
    expect(readFileSync(join(dir, 'real.md'), 'utf8')).toBe('mine');
  });

  it('writes a valid 243-character file name (the temporary name passed 255 bytes)', async () => {
    const dir = fresh();
    const name = `${'r'.repeat(240)}.md`;
    expect(name).toHaveLength(243);
    await writeFileAtomic(join(dir, name), '# report\n');
    expect(readdirSync(dir)).toEqual([name]);
  });

  it('no raw control character reaches the document', async () => {
    const dir = fresh();
    await writeFileAtomic(join(dir, 'r.md'), '# x\u001b]52;c;ZWNobw==\u0007 y\u202e\n\ttab\n');
    const text = readFileSync(join(dir, 'r.md'), 'utf8');
    expect(text).toBe('# x y\n\ttab\n');
    expect(isSafeText(text)).toBe(true);
  });
});
