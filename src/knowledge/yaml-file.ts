import type * as Crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';
import { config, safeParse, type $ZodType, type output } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';
import { UserInputError } from '../core/errors.js';
import { packageRoot } from '../paths.js';
import { readTextFileSync, TEXT_LIMITS } from '../read-text.js';
import { jsonErrorOffset } from './json-position.js';
import { MAX_YAML_DEPTH, yamlDepth } from './yaml-depth.js';

/**
 * Reads YAML (or JSON, which YAML 1.2 contains) and validates it with a zod schema, turning every
 * problem into a message that names the file, the line and the field.
 */
export class FileProblemError extends UserInputError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
    details: readonly string[] = [],
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`, details);
  }
}

export interface ParsedYaml {
  data: unknown;
  /** The line (1-based) of the value at a path, or of its nearest parent that exists. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

let yamlModule: typeof YamlModule | undefined;

/**
 * The YAML parser that keeps positions (for error lines), required on first use rather than
 * bundled into start-up: loading it costs 15-20 ms, which `recommend` never pays when its files
 * come from the build cache and its answers parse cleanly (see quickParse).
 */
function yaml(): typeof YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof YamlModule;
  return yamlModule;
}

/**
 * Refuses text nested past MAX_YAML_DEPTH before a parser recurses into it (see yaml-depth.ts):
 * a clean exit 2 naming the file, the line and the limit, in milliseconds.
 */
export function checkYamlDepth(text: string, file: string): void {
  const found = yamlDepth(text);
  if (found.depth > MAX_YAML_DEPTH) {
    throw new FileProblemError(
      file,
      found.line,
      `nested more than ${MAX_YAML_DEPTH} levels deep; at most ${MAX_YAML_DEPTH} levels of lists and mappings are allowed`,
    );
  }
}

export function parseYamlText(text: string, file: string): ParsedYaml {
  checkYamlDepth(text, file);
  const { LineCounter, parseDocument, isNode } = yaml();
  const lineCounter = new LineCounter();
  if (file.endsWith('.json')) checkJson(text, file);
  // The parser's own uniqueKeys check compares each key with every earlier one (50,000 keys took
  // minutes); duplicates are found below with one Set per mapping instead.
  let doc: YamlModule.Document;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    // A recursion the depth check did not foresee: still bad input, never a crash (exit 1).
    if (error instanceof RangeError) throw new FileProblemError(file, undefined, `not usable YAML: ${error.message}`);
    throw error;
  }
  const first = doc.errors[0];
  if (first) {
    const line = lineCounter.linePos(first.pos[0]).line;
    const what = first.message.split('\n')[0] ?? first.message;
    throw new FileProblemError(file, line, `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${what}`);
  }
  const duplicate = firstDuplicateKey(doc);
  if (duplicate) {
    const line = lineCounter.linePos(duplicate.offset).line;
    throw new FileProblemError(file, line, `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: Map keys must be unique (${duplicate.key})`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // The parser refuses alias expansion past maxAliasCount (a "billion laughs" file): bad input.
    const what = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new FileProblemError(file, undefined, `not usable YAML: ${what}`);
  }
  return {
    data,
    lineOf(path) {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = doc.getIn(path.slice(0, depth) as unknown[], true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

/** The first key given twice in one mapping, in linear time; only scalar keys are compared. */
function firstDuplicateKey(doc: YamlModule.Document): { key: string; offset: number } | undefined {
  const { isMap, isScalar, visit } = yaml();
  let found: { key: string; offset: number } | undefined;
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return undefined;
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          found = { key: key.length > 80 ? `${key.slice(0, 80)}...` : key, offset: pair.key.range?.[0] ?? 0 };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

/**
 * A schema, or a function that builds it on first call: the knowledge schemas are built only when
 * a file must be validated (an edited or foreign file), never when it comes from the cache.
 */
export type SchemaSource<S extends $ZodType> = S | (() => S);

const schemaOf = <S extends $ZodType>(source: SchemaSource<S>): S =>
  typeof source === 'function' ? source() : source;

/** Validates parsed YAML; the first problem is the headline, all problems are listed. */
export function validateYaml<S extends $ZodType>(
  parsed: ParsedYaml,
  schema: SchemaSource<S>,
  file: string,
): output<S> {
  // zod/mini carries no messages until a locale is configured: only this slow path needs them.
  config(en());
  const result = safeParse(schemaOf(schema), parsed.data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const line = parsed.lineOf(issue.path);
    const where = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
    return { line, text: `${file}${line ? `:${line}` : ''}: ${where}: ${issue.message}` };
  });
  const head = problems[0]!;
  const headMessage = head.text.slice(head.text.indexOf(': ') + 2);
  throw new FileProblemError(
    file,
    head.line,
    headMessage,
    problems.length > 1 ? problems.map((p) => p.text) : [],
  );
}

/** JSON files are held to JSON's grammar (YAML would accept `{"a": }` as a null). */
function checkJson(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const line = offset === undefined ? undefined : text.slice(0, offset).split('\n').length;
    const what = error instanceof Error ? error.message : String(error);
    throw new FileProblemError(file, line, `not valid JSON: ${what}`);
  }
}

/**
 * The bundled knowledge files, parsed and validated at build time (scripts/build.mjs): one JSON
 * file per knowledge file (or per part of one, see instances.ts) under dist/knowledge-cache/,
 * each with the hash of the text it was built from. Start-up reads only the entries of the files
 * it uses (one region's snapshot, not all eight) and skips YAML parsing and validation for files
 * that are byte-for-byte what the build checked; an edited file is parsed and validated as usual.
 */
export interface CacheEntry {
  sha256: string;
  data: unknown;
}

export const VALIDATED_CACHE_DIR = 'knowledge-cache';
let cacheBypassed = false;

/** The cache key of a file of the package (its path from the package root), else undefined. */
export function cacheKey(path: string): string | undefined {
  const rel = relative(packageRoot(), path);
  return rel.startsWith('..') || rel.startsWith(sep) ? undefined : rel.split(sep).join('/');
}

/** Where the entry for a key (a package path, with `#part` for a part of a file) is stored. */
export const cacheEntryPath = (key: string): string =>
  join(packageRoot(), 'dist', VALIDATED_CACHE_DIR, `${key.replace('#', '.')}.json`);

/**
 * Where the build keeps the text it cached a file from (the key without its `#part`): start-up
 * compares the file with it, byte for byte, rather than hashing it, which loaded node:crypto and
 * took a few milliseconds of every run.
 */
export const cacheSourcePath = (key: string): string =>
  join(packageRoot(), 'dist', VALIDATED_CACHE_DIR, `${key.split('#')[0]!}.source`);

/** The texts found equal to the build's copy, by key: a file's parts are checked once. */
const unchangedTexts = new Map<string, string>();

function unchangedSinceBuild(key: string, text: string): boolean {
  const file = key.split('#')[0]!;
  if (unchangedTexts.get(file) === text) return true;
  let built: string;
  try {
    built = readFileSync(cacheSourcePath(file), 'utf8');
  } catch {
    return false; // no copy (an unbuilt tree, a file the build does not know)
  }
  if (built !== text) return false;
  unchangedTexts.set(file, text);
  return true;
}

/**
 * The cached data for `key` when it was built from this very text; undefined when there is no
 * entry (an unbuilt tree, a file the build does not know) or the file changed since.
 */
export function cachedData(key: string | undefined, text: string): unknown {
  if (key === undefined || cacheBypassed || !unchangedSinceBuild(key, text)) return undefined;
  let entry: CacheEntry;
  try {
    entry = JSON.parse(readFileSync(cacheEntryPath(key), 'utf8')) as CacheEntry;
  } catch {
    return undefined; // missing or damaged: it only costs speed
  }
  return entry.data;
}

/** Set by the build while it fills the cache: every file is then parsed and validated. */
export function bypassValidatedCache(): void {
  cacheBypassed = true;
}

// Through require(), not an import: the ES module form of node:crypto reads every export at start-up,
// Web Crypto included, which costs more than all the hashing a run does.
let cryptoModule: typeof Crypto | undefined;

export const sha256 = (text: string): string =>
  (cryptoModule ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto)
    .createHash('sha256')
    .update(text)
    .digest('hex');

/**
 * Reads one YAML file and validates it; `label` is how errors name it. Files of the package that
 * the build already validated, unchanged since, come from the cache.
 */
export function readYamlFile<S extends $ZodType>(
  path: string,
  schema: SchemaSource<S>,
  label: string,
): output<S> {
  const text = readTextFileSync(path, label, TEXT_LIMITS.knowledge);
  const cached = cachedData(cacheKey(path), text);
  if (cached !== undefined) return cached as output<S>;
  return validateYaml(parseYamlText(text, label), schema, label);
}
