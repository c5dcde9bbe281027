import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, statSync } from 'node:fs';
import { link, open, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UserInputError } from '../core/errors.js';
import { quotePath, sanitizeText } from '../core/sanitize.js';

/**
 * Writes a file atomically: the text goes to a temporary file beside the target, is flushed, and
 * then takes the target's name in one step. Readers see the old file or the new one, never half
 * of one. Without `force` an existing target is kept (exit 2), even if it appears meanwhile:
 * the temporary file is hard-linked to the name, which fails when the name exists. Only a regular
 * file is ever replaced: a FIFO, a device (`--out /dev/null --force` as root) or a symbolic link
 * is refused. The text passes through the sanitiser: no raw control character reaches a document.
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  options: { force?: boolean; shownAs?: string; flag?: string } = {},
): Promise<void> {
  const shown = quotePath(options.shownAs ?? path);
  const flag = options.flag ?? '--out';
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UserInputError(`${flag} ${shown}: the folder ${quotePath(dir)} does not exist`);
  }
  const existing = lstatSync(path, { throwIfNoEntry: false });
  if (existing) {
    if (existing.isDirectory()) throw new UserInputError(`${flag} ${shown}: is a folder, not a file`);
    if (existing.isSymbolicLink()) {
      throw new UserInputError(`${flag} ${shown}: is a symbolic link; give the path of a regular file`);
    }
    if (!existing.isFile()) {
      throw new UserInputError(
        `${flag} ${shown}: is not a regular file (a device, FIFO or socket); it is never replaced, even with --force`,
      );
    }
    if (!options.force) {
      throw new UserInputError(`${flag} ${shown}: the file exists and is kept; add --force to replace it`);
    }
  }
  // Short, whatever the target's length: a 243-character name plus a suffix would pass 255 bytes.
  const temp = join(dir, `.mlda-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(sanitizeText(text), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.force) {
      await rename(temp, path);
    } else {
      try {
        await link(temp, path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') {
          throw new UserInputError(
            `${flag} ${shown}: the file exists and is kept; add --force to replace it`,
          );
        }
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
        // File systems without hard links: the existence check above is the guard.
        await rename(temp, path);
        return;
      }
      await unlink(temp);
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw explainWriteError(error, `${flag} ${shown}`, dir);
  }
}

/**
 * A system error while writing, in words that name the flag and the path and say that nothing was
 * written (the temporary file is gone). Permissions are the user's to fix: exit 2. A full disk or
 * an I/O error is not input, so it stays an error (exit 1), but without the temporary file's name.
 */
function explainWriteError(error: unknown, what: string, dir: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new UserInputError(
      `${what}: cannot write in ${quotePath(dir)} (${code === 'EROFS' ? 'read-only file system' : 'permission denied'}); nothing was written`,
    );
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new Error(
      `${what}: the disk is full (${code}) while writing in ${quotePath(dir)}; nothing was written`,
    );
  }
  if (code === 'EIO') return new Error(`${what}: an I/O error (EIO) while writing; nothing was written`);
  return error;
}
