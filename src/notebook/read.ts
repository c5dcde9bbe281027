import { open, stat } from 'node:fs/promises';
import { UserInputError } from '../core/errors.js';

/** Notebooks larger than this are refused (outputs usually make up the bulk: clear them). */
export const MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024;

/** Reads a notebook file as UTF-8 text, refusing missing files, directories and files over the cap (UserInputError). */
export async function readNotebookFile(
  path: string,
  maxBytes = MAX_NOTEBOOK_BYTES,
  /** How to name the file in messages (the path as the user typed it). */
  shownAs = path,
): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory())
      throw new UserInputError(`--from-notebook ${shownAs}: is a directory; give the .ipynb file`);
    // A FIFO blocked the read forever, a device never ends: only regular files are read.
    if (!info.isFile())
      throw new UserInputError(
        `--from-notebook ${shownAs}: is not a regular file (a FIFO, device or socket); give the .ipynb file`,
      );
    size = info.size;
  } catch (error) {
    if (error instanceof UserInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserInputError(
      code === 'ENOENT'
        ? `--from-notebook ${shownAs}: no such file`
        : `--from-notebook ${shownAs}: cannot be read (${code ?? 'unknown error'})`,
    );
  }
  if (size > maxBytes) {
    throw new UserInputError(
      `--from-notebook ${shownAs}: ${formatSize(size)} is over the ${formatSize(maxBytes)} limit; ` +
        'clear the outputs first (jupyter nbconvert --clear-output --inplace NB.ipynb)',
    );
  }
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    // A file that stat sees but the user may not read (chmod 000, owned by another user).
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserInputError(
      `--from-notebook ${shownAs}: cannot be read (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'unknown error')})`,
    );
  }
  try {
    // Read at most the cap even if the file grew since stat.
    const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxBytes) {
      throw new UserInputError(`--from-notebook ${shownAs}: over the ${formatSize(maxBytes)} limit`);
    }
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} bytes`;
}
