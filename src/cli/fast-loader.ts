import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import type { CliIo } from '../io/cli-io.js';

/**
 * Loads the fast bundle (the non-interactive commands, see scripts/build.mjs) with the V8 code
 * cache the build wrote beside it. Node 20 keeps no compiled code between runs of an ES module,
 * so every run compiled the bundle again: about a sixth of `recommend`'s start-up. The bundle is
 * built as a function body (CommonJS format) and run through vm.Script, which takes a code cache.
 * The cache holds the functions a typical run compiled; a cache from another Node version or with
 * other V8 flags is refused by V8, and the bundle is then compiled as usual, only slower.
 */
export const FAST_BUNDLE = 'fast.cjs';
export const FAST_CODE_CACHE = 'fast.cjs.cache';
/**
 * What the bundle's `import()` calls (the AWS SDK's chunk, for live prices) are renamed to: a
 * script run by vm cannot import without an experimental flag. The same length as `import`, so
 * the source map still lines up (scripts/build.mjs does the renaming).
 */
export const FAST_IMPORT = '_mlda$';

export type FastMain = (argv: string[], io?: CliIo) => Promise<number>;

export interface LoadedFast {
  main: FastMain;
  /** For the build, which writes the code cache after a run (see code-cache-build.ts). */
  script: Script;
  /** Whether V8 took the code cache: none when there is no cache file. */
  cache: 'accepted' | 'rejected' | 'none';
}

export function loadFastBundle(dir: string, options: { useCache?: boolean } = {}): LoadedFast {
  const file = join(dir, FAST_BUNDLE);
  let cachedData: Buffer | undefined;
  if (options.useCache !== false) {
    try {
      cachedData = readFileSync(join(dir, FAST_CODE_CACHE));
    } catch {
      // No cache (an unbuilt or stripped tree): compiled as usual.
    }
  }
  const url = pathToFileURL(file).href;
  // Strict, as the ES modules it was built from are; the parameters stand for what an ES module
  // or CommonJS module has (import.meta.url, require) and for import() (see FAST_IMPORT).
  const source = `(function (exports, require, module, __mlda_import_meta_url, ${FAST_IMPORT}) {"use strict";${readFileSync(file, 'utf8')}\n})`;
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} as { main?: FastMain } };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(
    module.exports,
    createRequire(file),
    module,
    url,
    (specifier: string) => import(new URL(specifier, url).href),
  );
  if (!module.exports.main) throw new Error(`${file} exports no main()`);
  const cache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  return { main: module.exports.main, script, cache };
}
