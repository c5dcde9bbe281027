import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/core/errors.js';
import { FileProblemError } from '../../src/knowledge/yaml-file.js';
import {
  loadSnapshotPriceBook,
  pricesDir,
  SnapshotRegionError,
  snapshotRegions,
} from '../../src/pricing/snapshot.js';
import { snapshotFor } from '../../src/pricing/resolve.js';
import { UnknownPriceError } from '../../src/pricing/types.js';

const SNAPSHOT = join(pricesDir(), 'us-east-1.yaml');

function brokenCopy(edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlda-prices-'));
  writeFileSync(join(dir, 'us-east-1.yaml'), edit(readFileSync(SNAPSHOT, 'utf8')));
  return dir;
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('bundled us-east-1 snapshot', () => {
  const book = loadSnapshotPriceBook('us-east-1');

  it('is dated, from the snapshot source, for us-east-1', () => {
    expect(book.info).toEqual({
      source: 'snapshot',
      asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      region: 'us-east-1',
      priceRegion: 'us-east-1',
      regionFallback: false,
    });
  });

  it('has every price a cost model or the sizing can ask for, each with a URL and a date', () => {
    const needed = [
      'lambda.requests',
      'lambda.duration.x86_64',
      'lambda.duration.arm64',
      'lambda.provisioned-concurrency.x86_64',
      'lambda.provisioned-concurrency.arm64',
      'lambda.provisioned-duration.x86_64',
      'lambda.provisioned-duration.arm64',
      'lambda.ephemeral-storage',
      'sagemaker.serverless.gb-second',
      'sagemaker.data-processed',
      'fargate.vcpu-hour.x86_64',
      'fargate.gb-hour.x86_64',
      'fargate.vcpu-hour.arm64',
      'fargate.gb-hour.arm64',
      'fargate.ephemeral-storage.gb-hour',
      'eks.cluster-hour',
      ...['ml.m5.large', 'ml.m5.xlarge', 'ml.c5.xlarge', 'ml.g4dn.xlarge', 'ml.g5.xlarge'].flatMap((t) => [
        `sagemaker.hosting.${t}`,
        `sagemaker.async.${t}`,
        `sagemaker.batch.${t}`,
      ]),
      ...['m5.large', 'c5.xlarge', 'g4dn.xlarge', 'g5.xlarge', 'm7g.xlarge'].map((t) => `ec2.${t}`),
    ];
    for (const key of needed) {
      const price = book.get(key);
      expect(price.usd, key).toBeGreaterThan(0);
      expect(price.source, key).toMatch(/^https:\/\//);
      expect(price.asOf, key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('keeps the AWS reference prices (aws-prices.md)', () => {
    expect(book.get('lambda.requests').usd).toBe(0.0000002);
    expect(book.get('lambda.duration.x86_64').tiers).toEqual([
      { from: 0, to: 6e9, usd: 0.0000166667 },
      { from: 6e9, to: 15e9, usd: 0.000015 },
      { from: 15e9, to: null, usd: 0.0000133334 },
    ]);
    expect(book.get('lambda.duration.arm64').tiers?.map((t) => t.to)).toEqual([7.5e9, 18.75e9, null]);
    expect(book.get('fargate.vcpu-hour.x86_64').usd).toBe(0.04048);
    expect(book.get('fargate.gb-hour.x86_64').usd).toBe(0.004445);
    expect(book.get('eks.cluster-hour').usd).toBe(0.1);
    expect(book.get('ec2.m5.large').usd).toBe(0.096);
    expect(book.get('sagemaker.hosting.ml.m5.large').usd).toBe(0.115);
  });

  it('labels on-premises numbers as assumptions, not AWS prices', () => {
    const onPrem = book.assumptionKeys().filter((k) => k.startsWith('onprem.'));
    expect(onPrem.length).toBeGreaterThanOrEqual(8);
    for (const key of onPrem) expect(book.assumption(key).note).toMatch(/^ASSUMPTION/);
    expect(book.keys().some((k) => k.startsWith('onprem.'))).toBe(false);
  });

  it('says how far each price can be trusted', () => {
    for (const key of book.keys()) {
      expect(['published', 'transcribed', 'derived'], key).toContain(book.get(key).confidence);
    }
    expect(book.get('sagemaker.hosting.ml.g5.xlarge').confidence).toBe('transcribed');
    expect(book.get('sagemaker.data-processed').confidence).toBe('derived');
  });

  it('throws UnknownPriceError for a price it does not have, never $0', () => {
    expect(() => book.get('sagemaker.hosting.ml.p6-b200.48xlarge')).toThrow(UnknownPriceError);
    expect(() => book.get('sagemaker.hosting.ml.p6-b200.48xlarge')).toThrow(
      /no price known for sagemaker\.hosting\.ml\.p6-b200\.48xlarge in us-east-1/,
    );
    expect(() => book.assumption('onprem.nothing')).toThrow(UnknownPriceError);
    expect(book.has('ec2.p6-b200.48xlarge')).toBe(false);
  });
});

describe('a broken snapshot names file and line', () => {
  it('reports a price that is not a number', () => {
    const dir = brokenCopy((t) => t.replace('usd: 0.10\n', 'usd: cheap\n'));
    const text = readFileSync(join(dir, 'us-east-1.yaml'), 'utf8');
    const error = (() => {
      try {
        loadSnapshotPriceBook('us-east-1', dir);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FileProblemError);
    expect((error as FileProblemError).message).toContain(
      `${join(dir, 'us-east-1.yaml')}:${lineOf(text, 'usd: cheap')}`,
    );
    expect((error as FileProblemError).message).toContain('prices.eks.cluster-hour.usd');
  });

  it('reports tiers with a gap', () => {
    const dir = brokenCopy((t) =>
      t.replace('{ from: 6000000000, to: 15000000000', '{ from: 6000000001, to: 15000000000'),
    );
    expect(() => loadSnapshotPriceBook('us-east-1', dir)).toThrow(/tiers\.1\.from: must be 6000000000/);
  });

  it('reports a price with both usd and tiers, or neither', () => {
    const dir = brokenCopy((t) =>
      t.replace('    unit: GB-second\n    tiers:', '    unit: GB-second\n    usd: 1\n    tiers:'),
    );
    expect(() => loadSnapshotPriceBook('us-east-1', dir)).toThrow(/give exactly one of usd or tiers/);
  });

  it('reports invalid YAML with its line', () => {
    const dir = brokenCopy((t) => t.replace('currency: USD', 'currency: [USD'));
    expect(() => loadSnapshotPriceBook('us-east-1', dir)).toThrow(/us-east-1\.yaml:\d+: not valid YAML/);
  });

  it('reports a region that does not match the file name', () => {
    const dir = brokenCopy((t) => t.replace('region: us-east-1', 'region: us-west-2'));
    expect(() => loadSnapshotPriceBook('us-east-1', dir)).toThrow(
      /us-east-1\.yaml:\d+: region: "us-west-2" does not match/,
    );
  });
});

describe('regions without a snapshot', () => {
  it('is a user error naming --region and the snapshot regions', () => {
    expect(snapshotRegions()).toContain('us-east-1');
    const attempt = () => loadSnapshotPriceBook('sa-east-1');
    expect(attempt).toThrow(SnapshotRegionError);
    expect(attempt).toThrow(UserInputError);
    expect(attempt).toThrow(
      /--region: no bundled price snapshot for "sa-east-1"; snapshot regions: (\S+, )*us-east-1/,
    );
  });

  it('falls back to us-east-1 only when asked, and says so', () => {
    const { book, warnings } = snapshotFor('sa-east-1');
    expect(book.info).toMatchObject({
      region: 'us-east-1',
      priceRegion: 'us-east-1',
      regionFallback: true,
      requestedRegion: 'sa-east-1',
    });
    expect(warnings).toEqual([
      expect.stringMatching(/no bundled price snapshot for sa-east-1; using us-east-1 prices/),
    ]);
    expect(() => book.get('ec2.nothing.large')).toThrow(/in us-east-1/);
    expect(snapshotFor('us-east-1').warnings).toEqual([]);
  });
});
