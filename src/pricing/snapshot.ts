import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { UserInputError } from '../core/errors.js';
import { FileProblemError, parseYamlText, readYamlFile, validateYaml } from '../knowledge/yaml-file.js';
import { PRICE_CONFIDENCE, type InstanceType } from '../knowledge/instances-schema.js';
import {
  catalogueFileFor,
  loadInstanceCatalogue,
  loadRegionInstancePrices,
  regionPricesOf,
  type RegionInstancePrices,
} from '../knowledge/instances.js';
import { knowledgeDir } from '../paths.js';
import { MapPriceBook } from './book.js';
import {
  ec2Instance,
  isInstancePriceKey,
  PRICE_KEY_PATTERN,
  SAGEMAKER_USES,
  sagemakerInstance,
} from './keys.js';
import { PRICE_USD_MAX, PRICE_USD_MIN } from './plausible.js';
import type { Assumption, Price, PriceBook } from './types.js';

/**
 * The bundled price snapshot: knowledge/prices/<region>.yaml, validated with zod so that a broken
 * file names the file and line. Synchronous and small, so `recommend` starts fast.
 */

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01'));
// zod/mini: `recommend` loads this module and must start fast. z.number() rejects Infinity and NaN;
// a price of 0 (or 1e-300, or 1e308) would print $0.00 or $Infinity: see pricing/plausible.ts.
const usd = z
  .number()
  .check(
    z.gte(PRICE_USD_MIN, `must be a price of at least ${PRICE_USD_MIN} USD (0 is never a price)`),
    z.lte(PRICE_USD_MAX, `must be a price of at most ${PRICE_USD_MAX} USD`),
  );
const text = () => z.string().check(z.minLength(1));

const tierSchema = z.strictObject({
  from: z.number().check(z.gte(0)),
  to: z.nullable(z.number().check(z.positive())),
  usd,
});

const priceEntrySchema = z
  .strictObject({
    unit: text(),
    usd: z.optional(usd),
    tiers: z.optional(z.array(tierSchema).check(z.minLength(1))),
    source: z.url(),
    asOf: isoDate,
    /** published (AWS page or Price List), transcribed (a third party's copy) or derived (see note). */
    confidence: z.enum(PRICE_CONFIDENCE),
    note: z.optional(text()),
  })
  .check(
    z.superRefine((entry, ctx) => {
      if ((entry.usd === undefined) === (entry.tiers === undefined)) {
        ctx.addIssue({ code: 'custom', message: 'give exactly one of usd or tiers' });
      }
      if (entry.confidence === 'derived' && !entry.note) {
        ctx.addIssue({
          code: 'custom',
          path: ['note'],
          message: 'a derived price says in note how it was derived',
        });
      }
      const tiers = entry.tiers ?? [];
      tiers.forEach((tier, i) => {
        const expectedFrom = i === 0 ? 0 : tiers[i - 1]!.to;
        if (tier.from !== expectedFrom) {
          ctx.addIssue({
            code: 'custom',
            path: ['tiers', i, 'from'],
            message: `must be ${String(expectedFrom)}: tiers start at 0 and each starts where the previous ends`,
          });
        }
        const last = i === tiers.length - 1;
        if (last !== (tier.to === null)) {
          ctx.addIssue({
            code: 'custom',
            path: ['tiers', i, 'to'],
            message: last ? 'the last tier must end at null (no end)' : 'only the last tier may end at null',
          });
        } else if (tier.to !== null && tier.to <= tier.from) {
          ctx.addIssue({ code: 'custom', path: ['tiers', i, 'to'], message: 'must be greater than from' });
        }
      });
    }),
  );

const assumptionEntrySchema = z.strictObject({
  value: z.number(),
  unit: text(),
  note: text(),
  source: z.optional(z.url()),
  asOf: z.optional(isoDate),
});

const priceKey = z
  .string()
  .check(z.regex(PRICE_KEY_PATTERN, 'price keys are lower-case, like lambda.duration.x86_64'));
export const snapshotFileSchema = z
  .strictObject({
    region: z
      .string()
      .check(z.regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region code like us-east-1')),
    asOf: isoDate,
    currency: z.literal('USD'),
    prices: z.record(priceKey, priceEntrySchema),
    /** Kept once, in the us-east-1 file; another region's file may override some. */
    assumptions: z.optional(z.record(priceKey, assumptionEntrySchema)),
  })
  .check(
    // Instance-hour prices have one home, the instance catalogue; a snapshot never repeats them.
    z.superRefine((file, ctx) => {
      for (const key of Object.keys(file.prices).filter(isInstancePriceKey)) {
        ctx.addIssue({
          code: 'custom',
          path: ['prices', key],
          message: 'instance prices belong in knowledge/instances.yaml, not in a snapshot',
        });
      }
    }),
  );
export type SnapshotFile = z.infer<typeof snapshotFileSchema>;

/** Asked for a region the snapshot does not cover. A user error: it names --region and the choices. */
export class SnapshotRegionError extends UserInputError {
  constructor(
    readonly region: string,
    readonly available: readonly string[],
  ) {
    super(
      `--region: no bundled price snapshot for ${JSON.stringify(region)}; snapshot regions: ${available.join(', ') || '(none)'} (use --pricing live for other regions)`,
    );
  }
}

export const pricesDir = (): string => join(knowledgeDir(), 'prices');

/** The regions with a bundled snapshot file. */
export function snapshotRegions(dir: string = pricesDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** Parses and validates snapshot text; `file` is used in error messages. */
export function parseSnapshot(text: string, file: string): SnapshotFile {
  const parsed = parseYamlText(text, file);
  const data = validateYaml(parsed, snapshotFileSchema, file);
  const expected = file.replace(/^.*[\\/]/, '').replace(/\.yaml$/, '');
  if (/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(expected) && data.region !== expected) {
    throw new FileProblemError(
      file,
      parsed.lineOf(['region']),
      `region: ${JSON.stringify(data.region)} does not match the file name (${expected}.yaml)`,
    );
  }
  return data;
}

/**
 * Turns a validated snapshot into a PriceBook (source `snapshot`), with the instance-hour prices
 * of the catalogue for the snapshot's region (`regional`, when the caller has them by name).
 */
export function snapshotToPriceBook(
  data: SnapshotFile,
  catalogue: readonly InstanceType[] = [],
  sharedAssumptions: SnapshotFile['assumptions'] = {},
  regional?: RegionInstancePrices,
): PriceBook {
  const prices: Price[] = Object.entries(data.prices).map(([key, e]) => {
    const price: Price = {
      key,
      unit: e.unit,
      usd: e.usd ?? e.tiers![0]!.usd,
      source: e.source,
      asOf: e.asOf,
      confidence: e.confidence,
    };
    if (e.note) price.note = e.note;
    if (e.tiers) price.tiers = e.tiers.map((t) => ({ from: t.from, to: t.to, usd: t.usd }));
    return price;
  });
  prices.push(...instancePrices(catalogue, data.region, regional));
  const merged = { ...sharedAssumptions, ...data.assumptions };
  const assumptions: Assumption[] = Object.entries(merged).map(([key, e]) => {
    const a: Assumption = { key, value: e.value, unit: e.unit, note: e.note };
    if (e.source) a.source = e.source;
    if (e.asOf) a.asOf = e.asOf;
    return a;
  });
  return new MapPriceBook(
    {
      source: 'snapshot',
      asOf: data.asOf,
      region: data.region,
      priceRegion: data.region,
      regionFallback: false,
    },
    prices,
    assumptions,
  );
}

/**
 * The catalogue's prices in one region, under the price keys the cost models ask for. `regional`
 * holds them by type name (the build caches it per region, so a run reads one region's prices).
 */
export function instancePrices(
  catalogue: readonly InstanceType[],
  region: string,
  regional: RegionInstancePrices = regionPricesOf(catalogue, region),
): Price[] {
  return catalogue.flatMap((instance) => {
    const p = regional[instance.name];
    if (!p) return [];
    const note = [
      p.note,
      p.confidence === 'derived' ? `derived: ${p.from ?? '?'} price x ${String(p.factor)}` : undefined,
    ]
      .filter(Boolean)
      .join('; ');
    const keys =
      instance.service === 'ec2'
        ? [ec2Instance(instance.name)]
        : SAGEMAKER_USES.map((use) => sagemakerInstance(use, instance.name));
    return keys.map((key) => {
      const price: Price = {
        key,
        unit: 'hour',
        usd: p.usd,
        source: p.source,
        asOf: p.checked,
        confidence: p.confidence,
      };
      if (note) price.note = note;
      return price;
    });
  });
}

/**
 * Loads the bundled snapshot for a region. A region without a snapshot throws SnapshotRegionError
 * (never a silent substitute); callers that want the us-east-1 fallback say so (see
 * pricing/flags.ts). A broken file throws FileProblemError naming file and line.
 */
export function loadSnapshotPriceBook(
  region: string,
  dir: string = pricesDir(),
  catalogueFile: string = catalogueFileFor(dir),
): PriceBook {
  const file = join(dir, `${region}.yaml`);
  if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region) || !existsSync(file)) {
    throw new SnapshotRegionError(region, snapshotRegions(dir));
  }
  // The bundled snapshot was validated at build time; readYamlFile re-validates it if edited.
  const data = readYamlFile(file, snapshotFileSchema, file);
  const catalogue = loadInstanceCatalogue(catalogueFile);
  const shared = region === SHARED_ASSUMPTIONS_REGION ? {} : sharedAssumptions(dir);
  if (data.region !== region) {
    return snapshotToPriceBook(parseSnapshot(readFileSync(file, 'utf8'), file), catalogue, shared);
  }
  return snapshotToPriceBook(data, catalogue, shared, loadRegionInstancePrices(region, catalogueFile));
}

/** The region whose snapshot holds the assumptions every region shares. */
export const SHARED_ASSUMPTIONS_REGION = 'us-east-1';

/**
 * The shared assumptions (free tier, on-premises defaults): the us-east-1 snapshot's, from the
 * same folder when it has one, else the bundled one.
 */
function sharedAssumptions(dir: string): SnapshotFile['assumptions'] {
  const beside = join(dir, `${SHARED_ASSUMPTIONS_REGION}.yaml`);
  const file = existsSync(beside) ? beside : join(pricesDir(), `${SHARED_ASSUMPTIONS_REGION}.yaml`);
  return readYamlFile(file, snapshotFileSchema, file).assumptions ?? {};
}
