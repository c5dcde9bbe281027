import { constants } from 'node:fs';
import {
  access,
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  realpath,
  rename,
  rm,
  rmdir,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserInputError } from '../core/errors.js';
import { isSafeText, quotePath, sanitizeText } from '../core/sanitize.js';
import { checkOutputPath, type PlannedFile } from './plan.js';

/**
 * Writes a planned scaffold safely. Everything is staged in a temporary folder beside the target,
 * every destination is checked (a real folder we may write in, a regular file or nothing at each
 * path) and only then moved into place. A move that still fails is rolled back: replaced files
 * come back, moved-in files and created folders go. Ctrl+C, SIGTERM and SIGHUP stop the write
 * and remove the temporary folder. A missing target is created in one rename; an existing one
 * (empty, or non-empty with `force`) is filled, so its permissions stay and `--out .` keeps the
 * shell's folder. A symlink at or inside the target is refused; a dry run checks and writes nothing.
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
  /**
   * Runs before each staged file is moved into an existing target (`path` as planned): the seam
   * where tests change the folder between the checks and the moves, as another process could.
   */
  beforeMove?: (path: string) => Promise<void> | void;
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

type Kind = 'dir' | 'file' | 'missing' | 'link' | 'special';

/** Folders we may create entries in: write and search permission (EACCES/EROFS otherwise). */
async function writable(path: string): Promise<boolean> {
  try {
    await access(path, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks each planned path inside an existing target before anything moves: no symlinks on the
 * way, no file/folder clashes, only regular files replaced, and every folder that gains or loses
 * an entry writable. Returns the files that would be replaced.
 */
async function checkInsideTarget(target: string, files: PlannedFile[]): Promise<string[]> {
  const problems: string[] = [];
  const overwritten: string[] = [];
  const seen = new Map<string, Kind>();
  const kindOf = async (rel: string): Promise<Kind> => {
    let kind = seen.get(rel);
    if (!kind) {
      const stat = await lstatOrNull(rel === '' ? target : join(target, rel));
      kind = !stat
        ? 'missing'
        : stat.isSymbolicLink()
          ? 'link'
          : stat.isDirectory()
            ? 'dir'
            : stat.isFile()
              ? 'file'
              : 'special';
      seen.set(rel, kind);
    }
    return kind;
  };
  const checkedDirs = new Map<string, boolean>();
  const needWritable = async (rel: string) => {
    if (!checkedDirs.has(rel)) {
      const ok = await writable(rel === '' ? target : join(target, rel));
      checkedDirs.set(rel, ok);
      if (!ok)
        problems.push(
          `${rel === '' ? '.' : rel} is a folder we cannot write in (permission denied or read-only)`,
        );
    }
  };
  for (const file of files) {
    const segments = file.path.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const rel = segments.slice(0, i).join('/');
      const parent = segments.slice(0, i - 1).join('/');
      const kind = await kindOf(rel);
      const last = i === segments.length;
      if (kind === 'link') {
        problems.push(`${rel} is a symbolic link; refusing to write through it`);
        break;
      }
      if (kind === 'special') {
        problems.push(
          `${rel} is not a regular file or folder (a FIFO, device or socket); refusing to replace it`,
        );
        break;
      }
      if (kind === 'missing') {
        // The deepest existing folder gains the new entry.
        await needWritable(parent);
        break;
      }
      if (!last && kind === 'file') {
        problems.push(`${rel} is a file, but the scaffold needs a folder there`);
        break;
      }
      if (last && kind === 'dir') problems.push(`${rel} is a folder, but the scaffold writes a file there`);
      if (last && kind === 'file') {
        overwritten.push(rel);
        await needWritable(parent);
      }
    }
  }
  if (problems.length) {
    throw new UserInputError(`--out ${quotePath(target)}: cannot write the scaffold; nothing was written`, [
      ...new Set(problems),
    ]);
  }
  return overwritten;
}

/** Files people read as documents; a raw control character in them would act on a terminal or viewer. */
const DOCUMENT = /\.(md|markdown|txt|rst|html?)$/i;

/**
 * The last edge before a document reaches the disk: text from answers, notebooks and rules that
 * a template let through with an escape sequence or a bidi override is stripped here. Code files
 * are left byte for byte (their strings are quoted by the template helpers).
 */
function documentContent(file: PlannedFile): Uint8Array {
  if (!DOCUMENT.test(file.path)) return file.content;
  const text = new TextDecoder().decode(file.content);
  return isSafeText(text) ? file.content : new TextEncoder().encode(sanitizeText(text));
}

/** Signals that end a write early; their handlers abort it so the temporary folder is removed. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export async function writeScaffold(
  out: string,
  files: PlannedFile[],
  options: WriteOptions = {},
): Promise<WriteResult> {
  const target = resolve(out);
  for (const file of files) checkOutputPath(file.path);
  const stat = await lstatOrNull(target);
  if (stat?.isSymbolicLink())
    throw new UserInputError(`--out ${quotePath(out)}: is a symbolic link; give a real folder`);
  if (stat && !stat.isDirectory())
    throw new UserInputError(`--out ${quotePath(out)}: exists and is not a folder`);

  // Staging folders a killed run (SIGKILL, power loss) left behind, beside or inside the target.
  if (!options.dryRun) {
    await removeStaleStaging(dirname(target), basename(target));
    if (stat) await removeStaleStaging(target, basename(target));
  }
  const entries = stat ? await readdir(target) : [];
  const blocking = entries.filter((name) => !HARMLESS_ENTRIES.has(name)).sort();
  if (blocking.length && !options.force) {
    const planned = new Set(files.map((f) => f.path.split('/')[0]));
    const clashes = blocking.filter((name) => planned.has(name));
    throw new UserInputError(
      `--out ${quotePath(out)}: the folder is not empty (${shown(blocking)}); nothing was written. ` +
        `Use an empty folder, or --force to write into it` +
        (clashes.length ? ` (it would replace: ${shown(clashes)})` : ''),
    );
  }
  // An existing folder, even an empty one, is filled rather than replaced.
  const merge = stat !== null;
  const overwritten = merge ? await checkInsideTarget(target, files) : [];
  if (options.dryRun) return { target, how: 'dry-run', files, overwritten };

  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const onSignal = () => controller.abort();
  for (const name of STOP_SIGNALS) process.on(name, onSignal);
  const check = () => {
    if (signal.aborted) throw new InterruptedError();
  };
  let temp: string | undefined;
  try {
    check();
    // Staged beside a new target (it is then renamed into place), inside an existing one (the
    // same file system, and `--out .` works where the parent folder is not ours to write in).
    const parent = dirname(target);
    if (!merge) {
      await mkdir(parent, { recursive: true });
      if (!(await writable(parent))) {
        throw new UserInputError(
          `--out ${quotePath(out)}: cannot create the folder in ${quotePath(parent)} (permission denied or read-only)`,
        );
      }
    }
    const realParent = await realpath(parent);
    temp = await mkdtemp(join(merge ? target : parent, `${stagingPrefix(basename(target))}${process.pid}-`));
    const staged = join(temp, 'tree');
    await mkdir(staged);
    for (const file of files) {
      check();
      const path = join(staged, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, documentContent(file), { flag: 'wx' });
      await chmod(path, file.mode);
      options.onFile?.(file.path);
      if (options.pauseMs) await new Promise((done) => setTimeout(done, options.pauseMs));
    }
    check();
    if (!merge) {
      await chmod(staged, 0o755);
      // A missing target is created in one step: it appears whole or not at all. The folder it
      // lands in must still be the one checked, and the name still free (no link put there since).
      if ((await realpath(parent)) !== realParent || (await lstatOrNull(target))) {
        throw changedError(target, '.');
      }
      await rename(staged, target);
    } else {
      // Re-check just before moving: the folder may have changed while we staged.
      await checkInsideTarget(target, files);
      await moveInto(target, staged, join(temp, 'replaced'), files, check, options.beforeMove);
    }
  } catch (error) {
    throw explainWriteError(error, out);
  } finally {
    for (const name of STOP_SIGNALS) process.removeListener(name, onSignal);
    if (temp) await rm(temp, { recursive: true, force: true });
  }
  return { target, how: merge ? 'merge' : 'fresh', files, overwritten };
}

/**
 * A system error while staging or moving, in words: a path that vanished or appeared under us
 * means another run (a second `scaffold --force`) changed the target; a full disk names the
 * target. Either way the journal has already put the folder back: nothing was written.
 */
function explainWriteError(error: unknown, out: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'EEXIST' || code === 'ENOTEMPTY') {
    return new UserInputError(
      `--out ${quotePath(out)}: another run changed the target while this one wrote it (${code}); nothing was written, run it again`,
    );
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new Error(`--out ${quotePath(out)}: the disk is full (${code}); nothing was written`);
  }
  return error;
}

/** The start of our staging folders' names: `.NAME.scaffold-PID-XXXXXX` (mkdtemp adds XXXXXX). */
function stagingPrefix(name: string): string {
  return `.${name.slice(0, 100)}.scaffold-`;
}

/** A staging folder with no live owner is left over after this long (a run takes seconds). */
const STALE_STAGING_MS = 60 * 60 * 1000;

/**
 * Removes staging folders of ours for this target that a killed run left in `dir`: the name
 * pattern, a folder owned by this user, and its run's process gone (the pid is in the name) or,
 * for names without a pid (older versions), older than an hour.
 */
async function removeStaleStaging(dir: string, name: string): Promise<void> {
  const prefix = stagingPrefix(name);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const m = /^(?:(\d{1,10})-)?[A-Za-z0-9]{6}$/.exec(entry.slice(prefix.length));
    if (!m) continue;
    const path = join(dir, entry);
    const info = await lstatOrNull(path);
    if (!info?.isDirectory() || (process.getuid && info.uid !== process.getuid())) continue;
    const pid = m[1] === undefined ? undefined : Number(m[1]);
    const stale =
      pid !== undefined
        ? pid !== process.pid && !processAlive(pid)
        : Date.now() - info.mtimeMs > STALE_STAGING_MS;
    if (stale) await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A path inside the target changed between the checks and the move (another process, a race). */
function changedError(target: string, rel: string): UserInputError {
  return new UserInputError(
    `--out ${quotePath(target)}: ${rel} changed while the scaffold was written (it is now a symbolic link, or not a folder or file); nothing was written`,
  );
}

/**
 * Moves staged files into an existing folder with a journal: a replaced file is first moved
 * aside (into `aside`, on the same file system), then the new one takes its name. Any failure,
 * or an interruption, undoes every step in reverse, so the folder ends as it was.
 */
async function moveInto(
  target: string,
  staged: string,
  aside: string,
  files: PlannedFile[],
  check: () => void,
  beforeMove?: (path: string) => Promise<void> | void,
): Promise<void> {
  const undo: (() => Promise<unknown>)[] = [];
  // The target's real path, taken once: every folder a file lands in must resolve under it.
  const realTarget = await realpath(target);
  try {
    await mkdir(aside);
    for (const file of files) {
      check();
      await beforeMove?.(file.path);
      const dest = join(target, file.path);
      // Create missing folders one by one, so the undo removes exactly those. A folder that is
      // there must still be a real folder: a symlink put in its place since the check is refused.
      const segments = file.path.split('/').slice(0, -1);
      for (let i = 1; i <= segments.length; i++) {
        const dir = join(target, ...segments.slice(0, i));
        const found = await lstatOrNull(dir);
        if (found && !found.isDirectory()) throw changedError(target, segments.slice(0, i).join('/'));
        if (found) continue;
        await mkdir(dir);
        undo.push(() => rmdir(dir));
      }
      // Immediately before the move (Node has no rename relative to a folder descriptor): the
      // folder must resolve to where the plan says, and the name must be a regular file or free.
      if ((await realpath(dirname(dest))) !== join(realTarget, ...segments)) {
        throw changedError(target, segments.join('/'));
      }
      const existing = await lstatOrNull(dest);
      if (existing && !existing.isFile()) throw changedError(target, file.path);
      if (existing) {
        const kept = join(aside, String(undo.length));
        await rename(dest, kept);
        undo.push(async () => {
          if ((await realpath(dirname(dest))) === join(realTarget, ...segments)) await rename(kept, dest);
        });
      }
      await rename(join(staged, file.path), dest);
      // Undone only where the folder is still the one we moved into: after a swap, the same name
      // could point at someone else's file outside the target.
      const where = join(realTarget, ...segments);
      undo.push(async () => {
        if ((await realpath(dirname(dest))) === where) await rm(dest, { force: true });
      });
    }
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw error;
  }
}
