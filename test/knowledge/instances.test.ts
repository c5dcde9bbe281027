import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  INSTANCES_FILE,
  loadInstanceCatalogue,
  loadRegionInstancePrices,
  regionPricesOf,
  regionPricesPart,
  specsPart,
} from '../../src/knowledge/instances.js';
import {
  ACCELERATORS,
  instancesFileSchema,
  toInstanceTypes,
  type InstancesFile,
} from '../../src/knowledge/instances-schema.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import {
  cacheEntryPath,
  FileProblemError,
  parseYamlText,
  validateYaml,
} from '../../src/knowledge/yaml-file.js';
import { knowledgeDir } from '../../src/paths.js';
import { copyKnowledge, editKnowledgeFile } from '../support/knowledge-copy.js';

/** The instance catalogue: what the bundled file holds, and how a broken one is reported. */

const SNAPSHOT_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
];

describe('the bundled instance catalogue', () => {
  const catalogue = loadKnowledge().instances;
  const byName = new Map(catalogue.map((i) => [i.name, i]));
  const family = (prefix: string) => catalogue.filter((i) => i.name.startsWith(`${prefix}.`));

  it('is the knowledge.instances the rules base hands out', () => {
    expect(catalogue.length).toBeGreaterThan(150);
    expect(loadInstanceCatalogue()).toBe(catalogue); // one load, shared with the price snapshots
  });

  it('covers every family the options use, on SageMaker and EC2', () => {
    const sagemaker = ['m5', 'm6i', 'm7i', 'c5', 'c6i', 'c7i', 'r5', 'r6i', 'g4dn', 'g5', 'g6', 'g6e'];
    const ec2 = [...sagemaker, 'm6g', 'm7g', 'c6g', 'c7g', 'r6g', 'r7g', 'p4d', 'p5', 'inf2'];
    for (const f of sagemaker) expect(family(`ml.${f}`).length, `ml.${f}`).toBeGreaterThan(0);
    for (const f of ['p4d', 'p5', 'inf2']) expect(family(`ml.${f}`).length, `ml.${f}`).toBeGreaterThan(0);
    for (const f of ec2) expect(family(f).length, f).toBeGreaterThan(0);
    // A10G beyond xlarge, including the multi-GPU sizes.
    for (const size of ['2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge']) {
      expect(byName.has(`g5.${size}`), `g5.${size}`).toBe(true);
      expect(byName.has(`ml.g5.${size}`), `ml.g5.${size}`).toBe(true);
    }
  });

  it('gives each accelerated family its accelerator, count and per-device memory', () => {
    const expected: Record<string, [string, number]> = {
      g4dn: ['T4', 16],
      g5: ['A10G', 24],
      g6: ['L4', 24],
      g6e: ['L40S', 48],
      p4d: ['A100', 40],
      p5: ['H100', 80],
      inf2: ['Inferentia2', 32],
    };
    for (const instance of catalogue) {
      const f = instance.name.replace(/^ml\./, '').split('.')[0]!;
      const want = expected[f];
      if (!want) {
        expect(instance.accelerator, instance.name).toBeNull();
        continue;
      }
      expect(instance.accelerator, instance.name).toMatchObject({ name: want[0], memoryGiB: want[1] });
      expect(instance.accelerator!.kind).toBe(ACCELERATORS[want[0] as keyof typeof ACCELERATORS]);
    }
    expect(byName.get('g5.12xlarge')!.accelerator!.count).toBe(4);
    expect(byName.get('g5.48xlarge')!.accelerator!.count).toBe(8);
    expect(byName.get('ml.g6e.48xlarge')!.accelerator!.count).toBe(8);
    expect(byName.get('p5.48xlarge')!.accelerator!.count).toBe(8);
    expect(byName.get('inf2.48xlarge')!.accelerator).toMatchObject({ count: 12, kind: 'neuron' });
  });

  it('marks Graviton types arm64 and everything else x86_64', () => {
    for (const instance of catalogue) {
      const graviton = /^(ml\.)?[mcr][67]g\./.test(instance.name);
      expect(instance.architecture, instance.name).toBe(graviton ? 'arm64' : 'x86_64');
    }
  });

  it('prices every CPU type in every snapshot region, each price positive, sourced and dated', () => {
    for (const instance of catalogue) {
      for (const [region, price] of Object.entries(instance.prices)) {
        expect(SNAPSHOT_REGIONS, `${instance.name} ${region}`).toContain(region);
        expect(price.usd).toBeGreaterThan(0);
        expect(Number.isFinite(price.usd)).toBe(true);
        expect(price.source).toMatch(/^https:\/\//);
        expect(price.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (price.confidence === 'derived') expect(price.from, instance.name).toBe('us-east-1');
      }
      expect(instance.prices['us-east-1'], instance.name).toBeDefined();
      if (!instance.accelerator) {
        expect(Object.keys(instance.prices).sort(), instance.name).toEqual([...SNAPSHOT_REGIONS].sort());
      }
    }
  });

  it('matches its sources on a few prices (spot check)', () => {
    const usd = (name: string, region: string) => byName.get(name)!.prices[region]!.usd;
    // AWS Price List, AmazonEC2 us-east-1 (SKU 6C86BEPQVG73ZGGR for m5.large).
    expect(usd('m5.large', 'us-east-1')).toBe(0.096);
    expect(usd('m7g.xlarge', 'us-east-1')).toBe(0.1632); // also the Lambda pricing page's example
    expect(usd('p5.48xlarge', 'us-east-1')).toBe(55.04); // after AWS's 2025 P5 price cut
    // instances.vantage.sh, 2026-01-21.
    expect(usd('g6e.xlarge', 'ap-northeast-1')).toBe(2.699);
    expect(usd('g5.xlarge', 'eu-west-1')).toBe(1.123);
    expect(usd('inf2.xlarge', 'eu-central-1')).toBe(1.1373);
    // SageMaker offer file, us-east-1, 2026-09-27.
    expect(usd('ml.g5.12xlarge', 'us-east-1')).toBe(7.09);
    expect(usd('ml.g5.xlarge', 'us-east-1')).toBe(1.408);
    // Derived: the factor is stated and the arithmetic holds.
    const derived = byName.get('ml.m5.large')!.prices['eu-west-1']!;
    expect(derived).toMatchObject({ confidence: 'derived', from: 'us-east-1', factor: 1.1146 });
    expect(derived.usd).toBeCloseTo(0.115 * 1.1146, 4);
  });

  it('leaves out a region where a type has no on-demand price, rather than guessing one', () => {
    expect(byName.get('g5.xlarge')!.prices['ap-southeast-1']).toBeUndefined();
    expect(byName.get('ml.g5.xlarge')!.prices['ap-southeast-1']).toBeUndefined();
  });

  it('is in the build-time cache in parts, so start-up parses no YAML and derives no price', () => {
    const text = readFileSync(join(knowledgeDir(), INSTANCES_FILE), 'utf8');
    const hash = createHash('sha256').update(text).digest('hex');
    const key = `knowledge/${INSTANCES_FILE}`;
    const entry = (k: string) =>
      JSON.parse(readFileSync(cacheEntryPath(k), 'utf8')) as { sha256: string; data: unknown };
    const whole = entry(key);
    expect(whole.sha256).toBe(hash);
    expect((whole.data as { instances: unknown[] }).instances.length).toBe(catalogue.length);
    const specs = entry(specsPart(key));
    expect(specs.sha256).toBe(hash);
    const worked = toInstanceTypes(whole.data as InstancesFile);
    expect(specs.data).toEqual(worked.map(({ prices: _prices, ...rest }) => rest));
    for (const region of SNAPSHOT_REGIONS) {
      const prices = entry(regionPricesPart(key, region));
      expect(prices.sha256).toBe(hash);
      // Derived prices are stored worked out, equal to what the file derives at load.
      expect(prices.data, region).toEqual(regionPricesOf(worked, region));
      expect(loadRegionInstancePrices(region), region).toEqual(regionPricesOf(catalogue, region));
    }
    expect(entry(regionPricesPart(key, 'eu-west-1')).data).toMatchObject({
      'ml.m5.large': { confidence: 'derived', from: 'us-east-1', factor: 1.1146 },
    });
  });

  it('hands out all regional prices of each type from the cached specs, as the file gives them', () => {
    const fromFile = toInstanceTypes(
      validateYaml(
        parseYamlText(readFileSync(join(knowledgeDir(), INSTANCES_FILE), 'utf8'), INSTANCES_FILE),
        instancesFileSchema,
        INSTANCES_FILE,
      ),
    );
    expect(JSON.stringify(catalogue)).toBe(JSON.stringify(fromFile));
  });
});

/**
 * A small catalogue in the bundled format: the error cases edit it, so each check parses a few
 * lines rather than the whole bundled file.
 */
const SMALL = `sources:
  offer:
    url: https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json
    title: AWS Price List
  ratio:
    url: https://aws.amazon.com/ec2/pricing/on-demand/
    title: DERIVED regional ratio
  ratio-ec2-same-type:
    url: https://instances.vantage.sh/
    title: DERIVED from the EC2 twin
regionalFactors:
  cpu:
    eu-central-1: { factor: 1.1979, source: ratio, checked: '2026-12-02' }
    ap-northeast-1: { factor: 1.3104, source: ratio, checked: '2026-12-02' }
instances:
  - name: m5.large
    service: ec2
    vcpu: 2
    memoryGiB: 8
    accelerator: null
    architecture: x86_64
    spec: { source: offer, checked: '2026-11-26' }
    prices:
      us-east-1: { usd: 0.096, source: offer, checked: '2026-09-24', confidence: transcribed }
      eu-west-1: { usd: 0.107, source: ratio, checked: '2026-12-02', confidence: derived, from: us-east-1, factor: 1.1146 }
    derive: { factors: cpu }
  - name: ml.g5.xlarge
    service: sagemaker
    vcpu: 4
    memoryGiB: 16
    accelerator: { name: A10G, count: 1, memoryGiB: 24 }
    architecture: x86_64
    spec: { source: offer, checked: '2026-11-26' }
    prices:
      us-east-1: { usd: 1.408, source: offer, checked: '2026-09-27', confidence: transcribed }
    derive: { ec2Ratio: g5.xlarge }
  - name: g5.xlarge
    service: ec2
    vcpu: 4
    memoryGiB: 16
    accelerator: { name: A10G, count: 1, memoryGiB: 24 }
    architecture: x86_64
    spec: { source: offer, checked: '2026-11-26' }
    prices:
      us-east-1: { usd: 1.006, source: offer, checked: '2026-09-24', confidence: transcribed }
      eu-west-1: { usd: 1.123, source: offer, checked: '2026-01-21', confidence: transcribed }
`;

/** Loads SMALL with one edit and returns the problem it reports (file shown as kb/instances.yaml). */
function problemWith(from: string, to: string): FileProblemError {
  if (!SMALL.includes(from)) throw new Error(`the small catalogue has no ${JSON.stringify(from)}`);
  const file = join(mkdtempSync(join(tmpdir(), 'mlda-instances-')), INSTANCES_FILE);
  writeFileSync(file, SMALL.replace(from, to));
  try {
    loadInstanceCatalogue(file, `kb/${INSTANCES_FILE}`);
  } catch (error) {
    expect(error).toBeInstanceOf(FileProblemError);
    return error as FileProblemError;
  }
  throw new Error('expected the catalogue to be rejected');
}

/** The 1-based line of `needle` in SMALL. */
const lineOf = (needle: string): number => SMALL.slice(0, SMALL.indexOf(needle)).split('\n').length;

const PRICE = 'us-east-1: { usd: 0.096, source: offer';
const DERIVED = 'eu-west-1: { usd: 0.107, source: ratio';

describe('a broken catalogue names file, line and field', () => {
  it('loads the small catalogue as it is', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mlda-instances-')), INSTANCES_FILE);
    writeFileSync(file, SMALL);
    const catalogue = loadInstanceCatalogue(file);
    expect(catalogue.map((i) => i.name)).toEqual(['m5.large', 'ml.g5.xlarge', 'g5.xlarge']);
    // `derive` prices the other regions once: the factor set, or the EC2 twin's ratio.
    const [m5, ml] = catalogue;
    expect(Object.keys(m5!.prices).sort()).toEqual(['ap-northeast-1', 'eu-central-1', 'eu-west-1', 'us-east-1']);
    expect(m5!.prices['ap-northeast-1']).toMatchObject({ usd: 0.1258, confidence: 'derived', factor: 1.3104 });
    expect(m5!.prices['eu-west-1']).toMatchObject({ usd: 0.107, factor: 1.1146 }); // explicit wins
    expect(ml!.prices['eu-west-1']).toMatchObject({
      usd: 1.5718, // 1.408 x (1.123 / 1.006 = 1.1163)
      confidence: 'derived',
      factor: 1.1163,
      source: 'https://instances.vantage.sh/',
      note: 'EC2 g5.xlarge: $1.123 here, $1.006 in us-east-1',
    });
    expect(ml!.prices['ap-northeast-1']).toBeUndefined(); // the twin has no price there
  });

  it('rejects a derivation that names no factor set, or no EC2 twin', () => {
    expect(problemWith('derive: { factors: cpu }', 'derive: { factors: gpu }').message).toMatch(
      /instances\.0\.derive\.factors: unknown factor set "gpu"; regionalFactors has cpu/,
    );
    expect(problemWith('derive: { ec2Ratio: g5.xlarge }', 'derive: { ec2Ratio: g9.xlarge }').message).toMatch(
      /instances\.1\.derive\.ec2Ratio: g9\.xlarge must be an EC2 type of this file with a us-east-1 price/,
    );
  });

  it.each([
    ['a zero price', 'usd: 0,'],
    ['a negative price', 'usd: -0.096,'],
    ['an infinite price', 'usd: .inf,'],
    ['a price that is not a number', 'usd: .nan,'],
  ])('rejects %s', (_what, usd) => {
    const error = problemWith(PRICE, PRICE.replace('usd: 0.096,', usd));
    expect(error.message).toContain(`kb/${INSTANCES_FILE}:${lineOf(PRICE)}: instances.0.prices.us-east-1.usd: `);
  });

  it('rejects an unknown architecture', () => {
    const error = problemWith('    architecture: x86_64\n', '    architecture: riscv64\n');
    expect(error.message).toContain(`kb/${INSTANCES_FILE}:${lineOf('    architecture: x86_64')}:`);
    expect(error.message).toMatch(/instances\.0\.architecture: .*x86_64.*arm64/);
  });

  it('rejects an unknown accelerator', () => {
    const error = problemWith('name: A10G', 'name: RTX4090');
    expect(error.message).toContain(`kb/${INSTANCES_FILE}:${lineOf('name: A10G')}:`);
    expect(error.message).toMatch(/instances\.1\.accelerator\.name: /);
  });

  it('rejects a price without a source', () => {
    const error = problemWith(PRICE, 'us-east-1: { usd: 0.096');
    expect(error.message).toContain(`kb/${INSTANCES_FILE}:${lineOf(PRICE)}: instances.0.prices.us-east-1.source: `);
  });

  it('rejects a source that is not in the sources table', () => {
    const error = problemWith(PRICE, PRICE.replace('source: offer', 'source: a-blog-post'));
    expect(error.message).toContain(`kb/${INSTANCES_FILE}:${lineOf(PRICE)}:`);
    expect(error.message).toMatch(/unknown source "a-blog-post"; the sources table has offer, ratio/);
  });

  it('rejects a derived price whose arithmetic does not hold', () => {
    const error = problemWith(DERIVED, DERIVED.replace('0.107', '0.117'));
    expect(error.message).toContain(`kb/${INSTANCES_FILE}:${lineOf(DERIVED)}:`);
    expect(error.message).toMatch(/0\.117 is not us-east-1's 0\.096 x 1\.1146 \(= 0\.1070\)/);
  });

  it('rejects a derived price that does not say what it was derived from', () => {
    const error = problemWith(', from: us-east-1, factor: 1.1146', '');
    expect(error.message).toContain(`kb/${INSTANCES_FILE}:${lineOf(DERIVED)}:`);
    expect(error.message).toMatch(/a derived price names its base region \(from\) and its factor/);
  });

  it('rejects a type filed under the wrong service, and a type listed twice', () => {
    expect(problemWith('name: m5.large\n    service: ec2', 'name: ml.m5.large\n    service: ec2').message).toMatch(
      /instances\.0\.service: ml\.m5\.large is a SageMaker type/,
    );
    const twice = problemWith('  - name: g5.xlarge\n', '  - name: m5.large\n');
    expect(twice.details.join('\n')).toMatch(/instances\.2\.name: m5\.large is listed twice/);
  });

  it('is reported by `knowledge check` for the bundled file too, naming file and line', () => {
    const dir = copyKnowledge();
    const line = original.split('\n').findIndex((l) => l.includes('architecture: x86_64')) + 1;
    editKnowledgeFile(dir, INSTANCES_FILE, 'architecture: x86_64', 'architecture: sparc');
    expect(() => loadKnowledge(dir, 'kb')).toThrow(`kb/${INSTANCES_FILE}:${line}: instances.0.architecture:`);
  });
});

const original = readFileSync(join(knowledgeDir(), INSTANCES_FILE), 'utf8');
