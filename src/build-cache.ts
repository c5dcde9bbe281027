import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { toInstanceTypes, type InstancesFile } from './knowledge/instances-schema.js';
import { INSTANCES_FILE, regionPricesOf, regionPricesPart, specsPart } from './knowledge/instances.js';
import { KNOWLEDGE_FILES } from './knowledge/load.js';
import {
  bypassValidatedCache,
  cacheEntryPath,
  cacheSourcePath,
  parseYamlText,
  sha256,
  validateYaml,
  VALIDATED_CACHE_DIR,
  type CacheEntry,
} from './knowledge/yaml-file.js';
import { knowledgeDir, packageRoot } from './paths.js';
import { snapshotFileSchema } from './pricing/snapshot.js';
import { REPORT_FILES } from './report/data.js';
import { PHRASES_FILE, phrasesSchema } from './report/phrases.js';

/**
 * Build step (scripts/build.mjs runs the bundled form of this file): parses and validates every
 * bundled knowledge file and stores the result with the file's hash under dist/knowledge-cache/,
 * one JSON file per knowledge file, so that a run reads only what it uses. The instance
 * catalogue is stored in parts (see knowledge/instances.ts): its specs, and each region's prices
 * with the derived ones worked out here rather than at every start-up. A broken file fails the
 * build with the same message `knowledge check` gives. It lives above the folders because it
 * gathers their files: src/knowledge knows its own files, src/report and src/pricing know theirs,
 * and src/knowledge imports neither.
 */
bypassValidatedCache();
const root = packageRoot();
const entries = new Map<string, CacheEntry>();

/** The texts the entries were built from, by file, for start-up to compare (cacheSourcePath). */
const sources = new Map<string, string>();

function add(relPath: string, schema: Parameters<typeof validateYaml>[1]): void {
  const text = readFileSync(join(root, relPath), 'utf8');
  sources.set(relPath, text);
  const hash = sha256(text);
  const data = validateYaml(parseYamlText(text, relPath), schema, relPath);
  entries.set(relPath, { sha256: hash, data });
}

for (const [file, schema] of [...Object.values(KNOWLEDGE_FILES), ...Object.values(REPORT_FILES)]) {
  add(`knowledge/${file}`, schema);
}
// The report's sentences: `knowledge check` and `report` read them, and would otherwise load the
// YAML parser for this one file.
add(PHRASES_FILE, phrasesSchema);
const snapshotRegions: string[] = [];
for (const file of readdirSync(join(knowledgeDir(), 'prices')).filter((f) => f.endsWith('.yaml'))) {
  add(`knowledge/prices/${file}`, snapshotFileSchema);
  snapshotRegions.push(file.slice(0, -'.yaml'.length));
}

{
  const key = `knowledge/${INSTANCES_FILE}`;
  const { sha256: hash, data } = entries.get(key)!;
  const catalogue = toInstanceTypes(data as InstancesFile);
  entries.set(specsPart(key), { sha256: hash, data: catalogue.map(({ prices: _, ...specs }) => specs) });
  const regions = new Set([...snapshotRegions, ...catalogue.flatMap((i) => Object.keys(i.prices))]);
  for (const region of regions) {
    entries.set(regionPricesPart(key, region), { sha256: hash, data: regionPricesOf(catalogue, region) });
  }
}

// Entries are replaced in place, never the folder, so a running CLI keeps working; entries this
// build did not write (a removed snapshot) are removed.
const written = new Set<string>();
for (const [key, entry] of entries) {
  const path = cacheEntryPath(key);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(entry));
  written.add(path);
}
for (const [relPath, text] of sources) {
  const path = cacheSourcePath(relPath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  written.add(path);
}
function removeStale(dir: string): void {
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) removeStale(path);
    else if (!written.has(path)) rmSync(path, { force: true });
  }
}
removeStale(join(root, 'dist', VALIDATED_CACHE_DIR));
// The single-file cache of earlier builds.
rmSync(join(root, 'dist', 'knowledge-cache.json'), { force: true });
