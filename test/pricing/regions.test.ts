import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advice.js';
import { applyDefaults, type AnswersInput } from '../../src/core/answers.js';
import { OPTION_IDS } from '../../src/core/options.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { FileProblemError } from '../../src/knowledge/yaml-file.js';
import { isInstancePriceKey } from '../../src/pricing/keys.js';
import { snapshotFor } from '../../src/pricing/resolve.js';
import {
  loadSnapshotPriceBook,
  pricesDir,
  SnapshotRegionError,
  snapshotRegions,
} from '../../src/pricing/snapshot.js';

/** The bundled regional price snapshots: each loads, is sourced, and prices every option. */

const REGIONS = [
  'ap-northeast-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'eu-central-1',
  'eu-west-1',
  'us-east-1',
  'us-east-2',
  'us-west-2',
];

const NETWORK_KEYS = [
  'elb.alb.hour',
  'elb.alb.lcu-hour',
  'apigateway.http.requests',
  'apigateway.rest.requests',
  'nat-gateway.hour',
  'nat-gateway.gb',
  'data-transfer.out.internet',
  'vpn.connection-hour',
  'direct-connect.port-hour.1g',
  'direct-connect.data-transfer-out',
];

const usEast1 = loadSnapshotPriceBook('us-east-1');

describe('bundled regions', () => {
  it('are the eight the advice promises', () => {
    expect(snapshotRegions()).toEqual(REGIONS);
  });

  it.each(REGIONS)('%s loads, says whose prices it holds, and is sourced, dated and rated', (region) => {
    const book = loadSnapshotPriceBook(region);
    expect(book.info).toEqual({
      source: 'snapshot',
      asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      region,
      priceRegion: region,
      regionFallback: false,
    });
    for (const key of book.keys()) {
      const price = book.get(key);
      expect(price.usd, key).toBeGreaterThan(0);
      expect(Number.isFinite(price.usd), key).toBe(true);
      expect(price.source, key).toMatch(/^https:\/\//);
      expect(price.asOf, key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['published', 'transcribed', 'derived'], key).toContain(price.confidence);
      if (price.confidence === 'derived') expect(price.note, key).toMatch(/\S/);
    }
    // The same non-instance keys as us-east-1, the network ones included.
    const plain = (keys: string[]) => keys.filter((k) => !isInstancePriceKey(k));
    expect(plain(book.keys())).toEqual(plain(usEast1.keys()));
    for (const key of NETWORK_KEYS) expect(book.has(key), `${region} ${key}`).toBe(true);
    // The shared assumptions (free tier, on-premises defaults) come with every region.
    expect(book.assumptionKeys()).toEqual(usEast1.assumptionKeys());
  });

  it('matches its sources on a few prices (spot check)', () => {
    const usd = (region: string, key: string) => loadSnapshotPriceBook(region).get(key).usd;
    expect(usd('eu-central-1', 'fargate.vcpu-hour.x86_64')).toBe(0.04656); // Fargate pricing page
    expect(usd('ap-southeast-1', 'fargate.gb-hour.x86_64')).toBe(0.00553);
    expect(usd('eu-central-1', 'elb.alb.hour')).toBe(0.027); // ELB pricing page
    expect(usd('ap-northeast-1', 'elb.alb.hour')).toBe(0.0243);
    expect(usd('ap-northeast-1', 'nat-gateway.hour')).toBe(0.062); // VPC pricing page
    expect(usd('ap-southeast-1', 'data-transfer.out.internet')).toBe(0.12); // AWSDataTransfer
    expect(usd('us-east-1', 'elb.alb.lcu-hour')).toBe(0.008);
    expect(loadSnapshotPriceBook('us-east-1').get('apigateway.http.requests').tiers).toEqual([
      { from: 0, to: 300e6, usd: 0.000001 },
      { from: 300e6, to: null, usd: 0.0000009 },
    ]);
    // Instance prices come from the catalogue, under each use's key.
    expect(usd('ap-northeast-1', 'ec2.g6e.xlarge')).toBe(2.699);
    expect(usd('us-east-1', 'sagemaker.async.ml.g5.12xlarge')).toBe(7.09);
    expect(usd('us-east-1', 'sagemaker.batch.ml.g5.12xlarge')).toBe(7.09);
    expect(loadSnapshotPriceBook('eu-west-1').get('ec2.m5.large')).toMatchObject({
      usd: 0.107,
      confidence: 'derived',
      note: expect.stringMatching(/derived: us-east-1 price x 1\.1146/),
    });
  });
});

describe('every option can be priced in every bundled region', () => {
  const knowledge = loadKnowledge();
  const workloads: Record<string, AnswersInput> = {
    'a small CPU model': {
      framework: 'sklearn',
      requestsPerSecond: 5,
      latencyP95Ms: 300,
      monthlyBudgetUsd: 500,
    },
    'a GPU model': {
      framework: 'pytorch',
      modelSizeMb: 2000,
      gpu: 'required',
      requestsPerSecond: 20,
      latencyP95Ms: 500,
      monthlyBudgetUsd: 5000,
    },
    'an optional-GPU batch job': {
      framework: 'huggingface',
      modelSizeMb: 500,
      gpu: 'optional',
      trafficPattern: 'batch',
      requestsPerSecond: 2,
      latencyP95Ms: null,
      monthlyBudgetUsd: 1000,
    },
  };

  it.each(REGIONS)('%s', (region) => {
    const prices = loadSnapshotPriceBook(region);
    for (const [name, answers] of Object.entries(workloads)) {
      const result = advise(applyDefaults({ ...answers, region }), knowledge, prices);
      expect(result.ranking.map((r) => r.option).sort(), name).toEqual([...OPTION_IDS].sort());
      for (const r of result.ranking) {
        expect(r.costError ?? '', `${region}, ${name}, ${r.option}`).not.toMatch(/no price known/);
      }
      if (name === 'a small CPU model') {
        for (const r of result.ranking) {
          expect(r.monthlyCostUsd, `${region}, ${r.option}`).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe('a region without a snapshot', () => {
  it('is a user error naming --region and the eight snapshot regions', () => {
    const attempt = () => loadSnapshotPriceBook('sa-east-1');
    expect(attempt).toThrow(SnapshotRegionError);
    expect(attempt).toThrow(`snapshot regions: ${REGIONS.join(', ')}`);
  });

  it('falls back to us-east-1 and the book itself says so', () => {
    const { book, warnings } = snapshotFor('me-central-1');
    expect(book.info).toMatchObject({
      source: 'snapshot',
      region: 'us-east-1',
      priceRegion: 'us-east-1',
      regionFallback: true,
      requestedRegion: 'me-central-1',
    });
    expect(warnings).toEqual([
      expect.stringMatching(/^no bundled price snapshot for me-central-1; using us-east-1 prices/),
    ]);
    expect(book.get('ec2.m5.large').usd).toBe(0.096);
    const result = advise(
      applyDefaults({
        framework: 'sklearn',
        requestsPerSecond: 5,
        latencyP95Ms: 300,
        monthlyBudgetUsd: 500,
        region: 'me-central-1',
      }),
      loadKnowledge(),
      book,
    );
    expect(result.pricing).toMatchObject({
      priceRegion: 'us-east-1',
      regionFallback: true,
      requestedRegion: 'me-central-1',
    });
  });
});

describe('a broken regional snapshot names file and line', () => {
  const euWest1 = readFileSync(join(pricesDir(), 'eu-west-1.yaml'), 'utf8');

  function problemWith(edit: (text: string) => string): FileProblemError {
    const dir = mkdtempSync(join(tmpdir(), 'mlda-region-'));
    writeFileSync(join(dir, 'eu-west-1.yaml'), edit(euWest1));
    try {
      loadSnapshotPriceBook('eu-west-1', dir);
    } catch (error) {
      expect(error).toBeInstanceOf(FileProblemError);
      return error as FileProblemError;
    }
    throw new Error('expected the snapshot to be rejected');
  }

  it('rejects an instance price: those live in the catalogue only', () => {
    const error = problemWith((t) =>
      t.replace(
        'prices:\n',
        "prices:\n  ec2.m5.large:\n    unit: hour\n    usd: 0.107\n    source: https://aws.amazon.com/ec2/pricing/on-demand/\n    asOf: '2026-12-02'\n    confidence: transcribed\n",
      ),
    );
    expect(error.message).toMatch(
      /eu-west-1\.yaml:\d+: prices\.ec2\.m5\.large: instance prices belong in knowledge\/instances\.yaml/,
    );
  });

  it('rejects a price without a confidence, and a derived one that does not say how', () => {
    const first = euWest1.indexOf('    confidence: ');
    const line = euWest1.slice(0, first).split('\n').length;
    const noConfidence = problemWith((t) => t.replace(/\n {4}confidence: \w+/, ''));
    expect(noConfidence.message).toMatch(
      new RegExp(`eu-west-1\\.yaml:${line - 4}: prices\\.lambda\\.requests\\.confidence: `),
    );
    const silent = problemWith((t) => t.replace(/\n {4}note: "DERIVED[^\n]*/, ''));
    expect(silent.message).toMatch(
      /prices\.lambda\.requests\.note: a derived price says in note how it was derived/,
    );
  });

  it('rejects a zero price', () => {
    const error = problemWith((t) => t.replace('usd: 0.0000002\n', 'usd: 0\n'));
    expect(error.message).toMatch(/eu-west-1\.yaml:\d+: prices\.lambda\.requests/);
  });
});
