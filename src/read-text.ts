import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { UserInputError } from './core/errors.js';

/**
 * Reads a user-supplied text file (answers, a rules base, deploy.json, a price cache) with a size
 * limit, and only when it is a regular file. A symlink to /dev/zero once ate 9 GB in 30 seconds
 * and a FIFO blocked forever: the file is opened non-blocking, checked with fstat on the open
 * descriptor (so it cannot be swapped between the check and the read) and read up to the limit.
 */

/**
 * Limits by kind of file: far above any real one (the largest bundled rules file is 23 KB),
 * far below what hurts (the positional YAML parser takes seconds per MB of a list).
 */
export const TEXT_LIMITS = {
  answers: 1024 * 1024,
  knowledge: 512 * 1024,
  deployConfig: 1024 * 1024,
  priceCache: 16 * 1024 * 1024,
} as const;

export class FileReadError extends UserInputError {
  constructor(
    readonly shownAs: string,
    readonly reason: 'missing' | 'folder' | 'not-regular' | 'too-large' | 'unreadable',
    message: string,
  ) {
    super(`${shownAs}: ${message}`);
  }
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The file's text (UTF-8). Throws FileReadError (exit 2) naming `shownAs` and what is wrong. */
export function readTextFileSync(path: string, shownAs: string, maxBytes: number): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FileReadError(shownAs, 'missing', 'no such file');
    if (code === 'EISDIR') throw new FileReadError(shownAs, 'folder', 'is a folder, not a file');
    throw new FileReadError(shownAs, 'unreadable', `cannot read the file (${String(code)})`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new FileReadError(shownAs, 'folder', 'is a folder, not a file');
    if (!stat.isFile()) {
      throw new FileReadError(
        shownAs,
        'not-regular',
        'is not a regular file (a device, FIFO or socket, or a link to one); give a file',
      );
    }
    if (stat.size > maxBytes) {
      throw new FileReadError(shownAs, 'too-large', `is ${mb(stat.size)}; at most ${mb(maxBytes)} is read`);
    }
    // Read to the limit, not to the size fstat reported: a file may grow while it is read.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(Math.max(stat.size + 1, 64 * 1024), maxBytes + 1 - length));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new FileReadError(shownAs, 'unreadable', `cannot read the file (${String(code)})`);
      }
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > maxBytes) {
        throw new FileReadError(shownAs, 'too-large', `is larger than ${mb(maxBytes)}; at most that is read`);
      }
    }
    return Buffer.concat(chunks, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
