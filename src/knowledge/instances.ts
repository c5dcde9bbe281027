import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { knowledgeDir } from '../paths.js';
import { instancesFileSchema, toInstanceTypes, type InstanceType } from './instances-schema.js';
import { FileProblemError, readYamlFile } from './yaml-file.js';

/**
 * Loads the instance catalogue (knowledge/instances.yaml). The bundled file comes from the build's
 * validated cache, so start-up parses no YAML; an edited or foreign file is parsed and validated,
 * and a problem names the file and line. Memoised per file: both the rules base and the price
 * snapshot read it.
 */
export const INSTANCES_FILE = 'instances.yaml';

const loaded = new Map<string, InstanceType[]>();

export function loadInstanceCatalogue(
  file: string = join(knowledgeDir(), INSTANCES_FILE),
  label: string = file,
): InstanceType[] {
  const cached = loaded.get(file);
  if (cached) return cached;
  if (!existsSync(file)) throw new FileProblemError(label, undefined, 'file is missing');
  const catalogue = toInstanceTypes(readYamlFile(file, instancesFileSchema, label));
  loaded.set(file, catalogue);
  return catalogue;
}

/**
 * The catalogue that goes with a folder of price snapshots: knowledge/prices/ sits beside
 * knowledge/instances.yaml. A prices folder without one beside it (a test's copy of a single
 * snapshot) is priced with the bundled catalogue.
 */
export function catalogueFileFor(pricesDir: string): string {
  const beside = join(dirname(pricesDir), INSTANCES_FILE);
  return existsSync(beside) ? beside : join(knowledgeDir(), INSTANCES_FILE);
}
