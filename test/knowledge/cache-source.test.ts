import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTANCES_FILE, specsPart } from '../../src/knowledge/instances.js';
import { cachedData, cacheSourcePath } from '../../src/knowledge/yaml-file.js';
import { knowledgeDir } from '../../src/paths.js';

/**
 * Start-up takes a bundled file's validated data from the build cache only when the file is byte
 * for byte the text the build validated (kept beside the cache, compared rather than hashed).
 */
describe('the build cache of a knowledge file', () => {
  const text = (file: string) => readFileSync(join(knowledgeDir(), file), 'utf8');

  it('keeps the text each entry was built from', () => {
    for (const file of ['tco.yaml', 'rules.yaml', INSTANCES_FILE, 'prices/us-east-1.yaml']) {
      expect(readFileSync(cacheSourcePath(`knowledge/${file}`), 'utf8'), file).toBe(text(file));
    }
  });

  it('serves the unchanged file, and not one edited by a single byte', () => {
    const tco = text('tco.yaml');
    expect(cachedData('knowledge/tco.yaml', tco)).toBeDefined();
    expect(cachedData('knowledge/tco.yaml', `${tco} `)).toBeUndefined();
    expect(cachedData('knowledge/tco.yaml', tco.replace('0', '1'))).toBeUndefined();
    // And the unchanged text again, after an edited one was refused.
    expect(cachedData('knowledge/tco.yaml', tco)).toBeDefined();
  });

  it('checks a part (the instance specs) against its whole file', () => {
    const instances = text(INSTANCES_FILE);
    const key = specsPart(`knowledge/${INSTANCES_FILE}`);
    expect(cachedData(key, instances)).toBeDefined();
    expect(cachedData(key, instances.slice(1))).toBeUndefined();
  });

  it('serves nothing for a file the build does not know', () => {
    expect(cachedData('knowledge/not-a-file.yaml', 'x: 1')).toBeUndefined();
    expect(cachedData(undefined, 'x: 1')).toBeUndefined();
  });
});
