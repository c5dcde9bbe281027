import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as FsPromises from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';

/** A full disk while the report is written: the path is named, nothing is left (was a raw ENOSPC). */
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args);
      return Object.assign(Object.create(handle) as typeof handle, {
        writeFile: () =>
          Promise.reject(
            Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
          ),
        close: () => handle.close(),
        sync: () => handle.sync(),
      });
    },
  };
});

const { writeFileAtomic } = await import('../../src/report/write.js');

describe('writeFileAtomic on a full disk', () => {
  it('names --out and the folder, says nothing was written, and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlda-enospc-'));
    await expect(writeFileAtomic(join(dir, 'r.md'), '# report\n')).rejects.toThrow(
      /^--out .*r\.md: the disk is full \(ENOSPC\) while writing in .*; nothing was written$/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
