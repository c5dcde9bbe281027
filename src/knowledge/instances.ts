import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { knowledgeDir } from '../paths.js';
import { readTextFileSync, TEXT_LIMITS } from '../read-text.js';
import {
  instancesFileSchema,
  toInstanceTypes,
  type InstancePrice,
  type InstancesFile,
  type InstanceType,
} from './instances-schema.js';
import { cacheKey, cachedData, FileProblemError, parseYamlText, validateYaml } from './yaml-file.js';

/**
 * Loads the instance catalogue (knowledge/instances.yaml). The bundled file comes from the build's
 * validated cache, so start-up parses no YAML; an edited or foreign file is parsed and validated,
 * and a problem names the file and line. Memoised per file: both the rules base and the price
 * snapshot read it.
 *
 * The build stores the bundled catalogue in parts (see build-cache.ts): the specs of every type
 * (`#specs`), and each region's prices with the derived ones already worked out
 * (`#prices-<region>`). A run reads the specs and the one region it prices; the prices of all
 * regions (`InstanceType.prices`) are worked out only when something reads them.
 */
export const INSTANCES_FILE = 'instances.yaml';

/** An instance type without its prices: what the `#specs` part of the cache holds. */
export type InstanceSpecs = Omit<InstanceType, 'prices'>;
/** One region's instance-hour prices by type name: the `#prices-<region>` parts of the cache. */
export type RegionInstancePrices = Record<string, InstancePrice>;

export const specsPart = (key: string): string => `${key}#specs`;
export const regionPricesPart = (key: string, region: string): string => `${key}#prices-${region}`;

/** The prices of one region, by type name, from a whole catalogue (what `#prices-<region>` holds). */
export function regionPricesOf(catalogue: readonly InstanceType[], region: string): RegionInstancePrices {
  const prices: RegionInstancePrices = {};
  for (const instance of catalogue) {
    const p = instance.prices[region];
    if (p) prices[instance.name] = p;
  }
  return prices;
}

interface LoadedCatalogue {
  catalogue: InstanceType[];
  regionPrices(region: string): RegionInstancePrices;
}

const loaded = new Map<string, LoadedCatalogue>();

function load(file: string, label: string): LoadedCatalogue {
  const found = loaded.get(file);
  if (found) return found;
  if (!existsSync(file)) throw new FileProblemError(label, undefined, 'file is missing');
  const text = readTextFileSync(file, label, TEXT_LIMITS.knowledge);
  const key = cacheKey(file);
  let whole: InstanceType[] | undefined;
  const wholeCatalogue = (): InstanceType[] =>
    (whole ??= toInstanceTypes(
      (cachedData(key, text) as InstancesFile | undefined) ??
        validateYaml(parseYamlText(text, label), instancesFileSchema, label),
    ));
  const specs = key === undefined ? undefined : (cachedData(specsPart(key), text) as InstanceSpecs[] | undefined);
  // A cached part exists only for the unchanged bundled file, which the build validated.
  const catalogue = specs ? withPricesOnDemand(specs, wholeCatalogue) : wholeCatalogue();
  const entry: LoadedCatalogue = {
    catalogue,
    regionPrices: (region) =>
      (key === undefined
        ? undefined
        : (cachedData(regionPricesPart(key, region), text) as RegionInstancePrices | undefined)) ??
      regionPricesOf(wholeCatalogue(), region),
  };
  loaded.set(file, entry);
  return entry;
}

/** Each type's `prices` (all regions) is worked out on first read, from the whole catalogue. */
function withPricesOnDemand(specs: InstanceSpecs[], whole: () => InstanceType[]): InstanceType[] {
  return specs.map(
    (spec, i) =>
      Object.defineProperty(spec, 'prices', {
        enumerable: true,
        get: () => whole()[i]!.prices,
      }) as InstanceType,
  );
}

export function loadInstanceCatalogue(
  file: string = join(knowledgeDir(), INSTANCES_FILE),
  label: string = file,
): InstanceType[] {
  return load(file, label).catalogue;
}

/** The catalogue's prices in one region, by type name, without working out the other regions. */
export function loadRegionInstancePrices(
  region: string,
  file: string = join(knowledgeDir(), INSTANCES_FILE),
  label: string = file,
): RegionInstancePrices {
  return load(file, label).regionPrices(region);
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
