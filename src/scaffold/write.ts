import { chmod, lstat, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserInputError } from '../core/errors.js';
import { checkOutputPath, type PlannedFile } from './plan.js';

/**
 * Writes a planned scaffold safely. Everything is rendered into a temporary folder beside the
 * target and moved into place at the end, so a failure or Ctrl+C leaves no half-written repo.
 * A non-empty target is refused unless `force` (harmless entries such as `.git` are allowed), a
 * symlink at or inside the target is refused, and a dry run checks all of that and writes nothing.
 */

/** Entries that do not make a folder "non-empty" (create-next-app keeps a similar list). */
export const HARMLESS_ENTRIES = new Set(['.git', '.DS_Store', 'Thumbs.db', '.idea', '.vscode']);

export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor() {
    super('interrupted: nothing was written');
  }
}

export interface WriteOptions {
  force?: boolean;
  dryRun?: boolean;
  /** Aborting it (SIGINT) stops the write and removes the temporary folder. */
  signal?: AbortSignal;
  /** Called after each file is written to the temporary folder (progress, and tests). */
  onFile?: (path: string) => void;
  /** Waits this long after each file: lets tests interrupt a write half-way. */
  pauseMs?: number;
}

export interface WriteResult {
  target: string;
  /** `fresh`: the whole folder was moved into place; `merge`: files moved into an existing folder. */
  how: 'fresh' | 'merge' | 'dry-run';
  files: PlannedFile[];
  /** Files that existed and were (or, in a dry run, would be) replaced. */
  overwritten: string[];
}

async function lstatOrNull(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const shown = (names: string[], max = 20): string =>
  names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', ');

/** Checks each planned path inside an existing target: no symlinks on the way, no file/folder clashes. */
async function checkInsideTarget(target: string, files: PlannedFile[]): Promise<string[]> {
  const problems: string[] = [];
  const overwritten: string[] = [];
  const seen = new Map<string, 'dir' | 'file' | 'missing' | 'link'>();
  const kindOf = async (rel: string) => {
    let kind = seen.get(rel);
    if (!kind) {
      const stat = await lstatOrNull(join(target, rel));
      kind = !stat ? 'missing' : stat.isSymbolicLink() ? 'link' : stat.isDirectory() ? 'dir' : 'file';
      seen.set(rel, kind);
    }
    return kind;
  };
  for (const file of files) {
    const segments = file.path.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const rel = segments.slice(0, i).join('/');
      const kind = await kindOf(rel);
      const last = i === segments.length;
      if (kind === 'link') {
        problems.push(`${rel} is a symbolic link; refusing to write through it`);
        break;
      }
      if (kind === 'missing') break;
      if (!last && kind === 'file') {
        problems.push(`${rel} is a file, but the scaffold needs a folder there`);
        break;
      }
      if (last && kind === 'dir') problems.push(`${rel} is a folder, but the scaffold writes a file there`);
      if (last && kind === 'file') overwritten.push(rel);
    }
  }
  if (problems.length) {
    throw new UserInputError(`--out ${target}: cannot write the scaffold`, [...new Set(problems)]);
  }
  return overwritten;
}

export async function writeScaffold(
  out: string,
  files: PlannedFile[],
  options: WriteOptions = {},
): Promise<WriteResult> {
  const target = resolve(out);
  for (const file of files) checkOutputPath(file.path);
  const stat = await lstatOrNull(target);
  if (stat?.isSymbolicLink())
    throw new UserInputError(`--out ${out}: is a symbolic link; give a real folder`);
  if (stat && !stat.isDirectory()) throw new UserInputError(`--out ${out}: exists and is not a folder`);

  const entries = stat ? await readdir(target) : [];
  const blocking = entries.filter((name) => !HARMLESS_ENTRIES.has(name)).sort();
  if (blocking.length && !options.force) {
    const planned = new Set(files.map((f) => f.path.split('/')[0]));
    const clashes = blocking.filter((name) => planned.has(name));
    throw new UserInputError(
      `--out ${out}: the folder is not empty (${shown(blocking)}); nothing was written. ` +
        `Use an empty folder, or --force to write into it` +
        (clashes.length ? ` (it would replace: ${shown(clashes)})` : ''),
    );
  }
  const merge = entries.length > 0;
  const overwritten = merge ? await checkInsideTarget(target, files) : [];
  if (options.dryRun) return { target, how: 'dry-run', files, overwritten };

  const check = () => {
    if (options.signal?.aborted) throw new InterruptedError();
  };
  check();
  await mkdir(dirname(target), { recursive: true });
  const temp = await mkdtemp(join(dirname(target), `.${basename(target)}.scaffold-`));
  try {
    for (const file of files) {
      check();
      const path = join(temp, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content, { flag: 'wx' });
      await chmod(path, file.mode);
      options.onFile?.(file.path);
      if (options.pauseMs) await new Promise((done) => setTimeout(done, options.pauseMs));
    }
    check();
    if (!merge) {
      await chmod(temp, 0o755);
      // rename() replaces an empty folder atomically; a missing one is simply created.
      await rename(temp, target);
    } else {
      // Re-check just before moving: the folder may have changed while we rendered.
      await checkInsideTarget(target, files);
      for (const file of files) {
        const dest = join(target, file.path);
        await mkdir(dirname(dest), { recursive: true });
        await rename(join(temp, file.path), dest);
      }
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  return { target, how: merge ? 'merge' : 'fresh', files, overwritten };
}
