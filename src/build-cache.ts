import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWLEDGE_FILES } from './knowledge/load.js';
import {
  bypassValidatedCache,
  parseYamlText,
  sha256,
  validateYaml,
  VALIDATED_CACHE_FILE,
  type ValidatedCache,
} from './knowledge/yaml-file.js';
import { knowledgeDir, packageRoot } from './paths.js';
import { snapshotFileSchema } from './pricing/snapshot.js';
import { REPORT_FILES } from './report/data.js';

/**
 * Build step (scripts/build.mjs runs the bundled form of this file): parses and validates every
 * bundled knowledge file and stores the result with the file's hash in dist/knowledge-cache.json.
 * A broken file fails the build with the same message `knowledge check` gives. It lives above the
 * folders because it gathers their files: src/knowledge knows its own files, src/report and
 * src/pricing know theirs, and src/knowledge imports neither.
 */
bypassValidatedCache();
const root = packageRoot();
const files: ValidatedCache['files'] = {};

function add(relPath: string, schema: Parameters<typeof validateYaml>[1]): void {
  const text = readFileSync(join(root, relPath), 'utf8');
  files[relPath] = {
    sha256: sha256(text),
    data: validateYaml(parseYamlText(text, relPath), schema, relPath),
  };
}

for (const [file, schema] of [...Object.values(KNOWLEDGE_FILES), ...Object.values(REPORT_FILES)]) {
  add(`knowledge/${file}`, schema);
}
for (const file of readdirSync(join(knowledgeDir(), 'prices')).filter((f) => f.endsWith('.yaml'))) {
  add(`knowledge/prices/${file}`, snapshotFileSchema);
}
writeFileSync(join(root, 'dist', VALIDATED_CACHE_FILE), JSON.stringify({ files } satisfies ValidatedCache));
