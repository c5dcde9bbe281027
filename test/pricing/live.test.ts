import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../../src/core/answers.js';
import { deriveWorkload } from '../../src/core/workload.js';
import { estimateOptionCost } from '../../src/costs/estimate.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { cacheFile } from '../../src/pricing/cache.js';
import { apiRegionFor, batches, liveQueries, parseProduct } from '../../src/pricing/live.js';
import { hasAwsCredentials, resolvePrices } from '../../src/pricing/resolve.js';
import { hideSdkNodeVersionWarning, isSdkNodeVersionWarning } from '../../src/pricing/sdk-warning.js';
import { isLivePriceKey } from '../../src/pricing/keys.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';
import { FAKE_CREDENTIALS } from '../support/aws-json-server.js';
import {
  catalogue,
  priceListEntry,
  setPrice,
  startFakePriceList,
  useFakePriceList,
} from './fake-price-list.js';

/**
 * The live source with the real @aws-sdk/client-pricing client against a loopback server that
 * speaks AWS JSON 1.1 (X-Amz-Target: AWSPriceListService.GetProducts).
 */

const live = useFakePriceList('mlda-live-');
const request = live.request;

const snapshot = loadSnapshotPriceBook('us-east-1');

describe('live prices through the real SDK client', () => {
  it('fetches every snapshot price, in fewer GetProducts calls than price dimensions', async () => {
    const { book, warnings, calls } = await resolvePrices(request());
    expect(warnings).toEqual([]);
    expect(book.info.source).toBe('live');
    expect(book.info.region).toBe('us-east-1');
    expect(book.keys()).toEqual(snapshot.keys());
    for (const key of book.keys().filter(isLivePriceKey)) {
      expect(book.get(key).source, key).toMatch(/^AWS Price List API \(SKU FAKESKU\d+\)$/);
      expect(book.get(key).usd, key).toBeCloseTo(snapshot.get(key).usd, 12);
    }
    // Network prices are not in the Price List queries: the snapshot's, with their own source.
    expect(book.get('elb.alb.hour')).toEqual(snapshot.get('elb.alb.hour'));
    expect(book.get('lambda.duration.x86_64').tiers).toEqual(snapshot.get('lambda.duration.x86_64').tiers);
    expect(calls).toBe(live.fake.server.count('GetProducts'));
    expect(calls).toBeLessThanOrEqual(snapshot.keys().length);
    // Instance types are asked for in batches: far fewer calls than types in the catalogue.
    const instanceTypes = snapshotEc2().length + snapshotMl().length;
    expect(instanceTypes).toBeGreaterThan(150);
    expect(calls).toBeLessThan(instanceTypes / 5);
    // Requests speak the API: aws_v1, TERM_MATCH filters with regionCode (ANY_OF for instance
    // type batches, within 1,024 characters), MaxResults <= 100.
    for (const input of live.fake.server.inputs('GetProducts')) {
      expect(input.FormatVersion).toBe('aws_v1');
      expect(input.MaxResults).toBe(100);
      const filters = input.Filters as { Type: string; Field: string; Value: string }[];
      for (const f of filters) {
        if (f.Type === 'ANY_OF') expect(['instanceType', 'instanceName']).toContain(f.Field);
        else expect(f.Type).toBe('TERM_MATCH');
        expect(f.Value.length).toBeLessThanOrEqual(1024);
      }
      expect(filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' });
    }
    expect(live.fake.server.requests[0]!.headers['x-amz-target']).toBe('AWSPriceListService.GetProducts');
    expect(String(live.fake.server.requests[0]!.headers.authorization)).toContain(
      FAKE_CREDENTIALS.accessKeyId,
    );
  });

  it('follows NextToken pagination', async () => {
    live.fake.pageSize = 3;
    const { book, calls } = await resolvePrices(request());
    expect(book.info.source).toBe('live');
    expect(book.keys()).toEqual(snapshot.keys());
    expect(live.fake.server.inputs('GetProducts').some((i) => typeof i.NextToken === 'string')).toBe(true);
    expect(calls).toBeGreaterThan(liveQueries('us-east-1', ['a'], ['b']).length);
  });

  it('a second run comes from the cache and makes no request', async () => {
    await resolvePrices(request());
    const before = live.fake.server.count();
    const second = await resolvePrices(request());
    expect(second.book.info.source).toBe('cache');
    expect(second.calls).toBe(0);
    expect(live.fake.server.count()).toBe(before);
    expect(
      JSON.parse(readFileSync(cacheFile(request().env, 'us-east-1', live.fake.server.url), 'utf8')),
    ).toMatchObject({
      region: 'us-east-1',
      endpoint: live.fake.server.url,
    });
  });

  it('a stale cache is refreshed; a price changed on the server moves the cost', async () => {
    const knowledge = loadKnowledge();
    const w = deriveWorkload(
      applyDefaults({ framework: 'sklearn', requestsPerSecond: 5, latencyP95Ms: 200, monthlyBudgetUsd: 100 })
        .answers,
      knowledge.sizing,
    );
    const first = await resolvePrices(request());
    const before = estimateOptionCost('tf-serving', w, first.book, knowledge);
    // The EC2 line moves with the live price; the other lines (load balancer, NAT, people) do not.
    const ec2 = (c: typeof before) => c.lineItems.find((l) => l.item.startsWith('EC2 '))!;
    const type = /^EC2 (\S+)/.exec(ec2(before).item)![1]!;
    const was = snapshot.get(`ec2.${type}`).usd;
    // Instance-hours at the snapshot's price (two instances or more: production keeps a spare).
    expect(ec2(before).quantity).toBeGreaterThanOrEqual(730);
    expect(ec2(before)).toMatchObject({
      unitPriceUsd: was,
      usd: Math.round(ec2(before).quantity * was * 100) / 100,
    });
    // Every EC2 price on the server five times higher: the same type is picked, at the new price.
    for (const key of snapshot.keys().filter((k) => k.startsWith('ec2.'))) {
      setPrice(live.fake, `BoxUsage:${key.slice(4)}`, snapshot.get(key).usd * 5);
    }
    const later = Date.now() + 25 * 60 * 60 * 1000;
    const second = await resolvePrices(request({ now: later }));
    expect(second.book.info.source).toBe('live');
    const after = estimateOptionCost('tf-serving', w, second.book, knowledge);
    expect(ec2(after).item).toMatch(new RegExp(`^EC2 ${type.replace('.', '\\.')} `));
    expect(ec2(after).unitPriceUsd).toBeCloseTo(was * 5, 10);
    expect(after.monthlyUsd - before.monthlyUsd).toBeCloseTo(ec2(after).usd - ec2(before).usd, 2);
  });

  it('retries a ThrottlingException with backoff and succeeds', async () => {
    live.fake.throttleNext = 2;
    const { book, warnings } = await resolvePrices(request());
    expect(book.info.source).toBe('live');
    expect(warnings).toEqual([]);
    expect(live.fake.server.count('GetProducts')).toBeGreaterThan(
      liveQueries('us-east-1', snapshotEc2(), snapshotMl()).length,
    );
  });

  it('persistent throttling falls back to the snapshot with one warning naming the cause', async () => {
    live.fake.throttleNext = 1e9;
    const { book, warnings } = await resolvePrices(request({ live: { maxAttempts: 2 } }));
    expect(book.info.source).toBe('snapshot');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /live prices unavailable \(ThrottlingException: Rate exceeded\); using the bundled snapshot/,
    );
  });

  it('an answer slower than the timeout falls back, in bounded time', async () => {
    live.fake.server.setDelay(5000);
    const started = Date.now();
    const { book, warnings } = await resolvePrices(
      request({ live: { requestTimeoutMs: 300, totalTimeoutMs: 3000, maxAttempts: 1 } }),
    );
    expect(Date.now() - started).toBeLessThan(2500); // the request timeout, not the overall deadline
    expect(book.info.source).toBe('snapshot');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/live prices unavailable \(.*(time|abort).*\)/i);
    expect(live.fake.server.count('GetProducts')).toBeLessThanOrEqual(4); // gave up after the first round
  });

  it('an endpoint that is down falls back to the cache, then to the snapshot', async () => {
    await resolvePrices(request());
    const url = live.fake.server.url;
    await live.fake.server.close();
    const stale = Date.now() + 48 * 60 * 60 * 1000;
    const fromCache = await resolvePrices(request({ endpoint: url, now: stale }));
    expect(fromCache.book.info.source).toBe('cache');
    expect(fromCache.warnings).toEqual([
      expect.stringMatching(/live prices unavailable \(.*ECONNREFUSED.*\); using cached prices from \d{4}-/),
    ]);
    const fresh = request({ endpoint: url });
    fresh.env = { ...fresh.env, XDG_CACHE_HOME: join(live.home, 'other-cache') };
    const fromSnapshot = await resolvePrices(fresh);
    expect(fromSnapshot.book.info.source).toBe('snapshot');
    expect(fromSnapshot.warnings).toHaveLength(1);
    live.fake = await startFakePriceList(); // for afterEach
  });

  it('skips malformed entries and says so; all garbage falls back to the snapshot', async () => {
    live.fake.corrupt = (service, entries) =>
      service === 'AWSLambda'
        ? ['{not json', '42', JSON.stringify({ product: {} }), ...entries.slice(3)]
        : entries;
    const partial = await resolvePrices(request());
    expect(partial.book.info.source).toBe('live');
    expect(partial.warnings).toHaveLength(1);
    expect(partial.warnings[0]).toMatch(
      /malformed entries skipped.*the snapshot's prices are used for lambda\./,
    );
    expect(partial.book.get('lambda.requests').source).toMatch(/^https:/); // from the snapshot, and says so

    live.fake.corrupt = () => [
      'garbage',
      '{"product":{"sku":"X","attributes":{"usagetype":"Request"}},"terms":{"OnDemand":{"a":{"priceDimensions":{"b":{"pricePerUnit":{"USD":"free"}}}}}}}',
    ];
    const garbage = await resolvePrices(
      request({ env: { ...request().env, XDG_CACHE_HOME: join(live.home, 'c2') } }),
    );
    expect(garbage.book.info.source).toBe('snapshot');
    expect(garbage.warnings).toEqual([
      expect.stringMatching(/live prices unavailable \(the Price List API returned no usable prices\)/),
    ]);
  });

  it('rejects a $0 price rather than billing nothing', async () => {
    setPrice(live.fake, 'Fargate-vCPU-Hours:perCPU', 0);
    const { book, warnings } = await resolvePrices(request());
    expect(book.get('fargate.vcpu-hour.x86_64').usd).toBe(0.04048);
    expect(book.get('fargate.vcpu-hour.x86_64').source).toMatch(/^https:/);
    expect(warnings[0]).toMatch(/fargate\.vcpu-hour\.x86_64/);
  });

  it('without credentials, live fails with a warning naming the cause (auto uses the snapshot)', async () => {
    const env = {
      HOME: live.home,
      XDG_CACHE_HOME: join(live.home, 'cache'),
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    };
    expect(hasAwsCredentials(env)).toBe(false);
    const auto = await resolvePrices(request({ mode: 'auto', env }));
    expect(auto.book.info.source).toBe('snapshot');
    expect(auto.warnings).toEqual([]);
    expect(live.fake.server.count()).toBe(0);
    expect(hasAwsCredentials({ ...env, AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' })).toBe(true);
    const credFile = join(live.home, 'credentials');
    writeFileSync(credFile, '[default]\n');
    expect(hasAwsCredentials({ ...env, AWS_SHARED_CREDENTIALS_FILE: credFile })).toBe(true);
  });

  it('prices another region from its own answer, without using us-east-1 prices for it', async () => {
    live.fake.products = catalogue('eu-west-1', 1.1);
    const { book, warnings } = await resolvePrices(request({ region: 'eu-west-1' }));
    expect(book.info).toMatchObject({ source: 'live', region: 'eu-west-1' });
    expect(book.get('ec2.m5.large').usd).toBeCloseTo(0.1056, 10);
    expect(book.get('lambda.duration.x86_64').usd).toBe(0.0000183334); // 10 decimals, as the API gives
    expect(warnings).toEqual([]);
    expect(live.fake.server.inputs('GetProducts')[0]!.Filters).toContainEqual({
      Type: 'TERM_MATCH',
      Field: 'regionCode',
      Value: 'eu-west-1',
    });
  });
});

describe('instance types asked for in batches', () => {
  it('keeps each batch within its size and the 1,024-character filter value', () => {
    const types = Array.from({ length: 70 }, (_, i) => `ml.g6e.${i}xlarge`);
    const groups = batches(types, 30);
    expect(groups.map((g) => g.length)).toEqual([30, 30, 10]);
    expect(groups.flat()).toEqual(types);
    const long = Array.from({ length: 40 }, (_, i) => `${'x'.repeat(60)}.${i}`);
    for (const g of batches(long, 30)) expect(g.join(',').length).toBeLessThanOrEqual(1000);
    expect(batches([], 30)).toEqual([]);
  });

  it('a region without a snapshot takes live prices, and us-east-1 network prices with a warning', async () => {
    live.fake.products = catalogue('sa-east-1', 1.5);
    const { book, warnings } = await resolvePrices(request({ region: 'sa-east-1' }));
    expect(book.info).toMatchObject({ source: 'live', region: 'sa-east-1', priceRegion: 'sa-east-1' });
    expect(book.get('ec2.m5.large').usd).toBeCloseTo(0.144, 10);
    expect(book.get('elb.alb.hour').usd).toBe(0.0225);
    expect(warnings).toEqual([
      expect.stringMatching(
        /no bundled price snapshot for sa-east-1: load balancer, .* prices are us-east-1's/,
      ),
    ]);
  });
});

describe('PriceList entries', () => {
  it('parses the aws_v1 shape, strips region prefixes, and orders tiers', () => {
    const entry = priceListEntry(catalogue()[2]!);
    const p = parseProduct(entry)!;
    expect(p.usage).toBe('Lambda-GB-Second');
    expect(p.dimensions.map((d) => [d.begin, d.end])).toEqual([
      [0, 6e9],
      [6e9, 15e9],
      [15e9, null],
    ]);
    expect(parseProduct(new String(entry))?.sku).toBe(p.sku);
    expect(parseProduct('{"product":')).toBeUndefined();
    expect(
      parseProduct(
        JSON.stringify({
          product: { sku: 'A', attributes: { usagetype: 'USE1-Fargate-GB-Hours' } },
          terms: { OnDemand: {} },
        }),
      ),
    ).toBeUndefined();
  });

  it('uses the nearest Pricing API endpoint region', () => {
    expect(apiRegionFor('us-west-2')).toBe('us-east-1');
    expect(apiRegionFor('eu-west-1')).toBe('eu-central-1');
    expect(apiRegionFor('ap-southeast-2')).toBe('ap-south-1');
  });
});

describe("the SDK's Node version warning", () => {
  const OTHER = 'an unrelated warning this test emits on purpose: it must still reach the user';
  it('is hidden while the SDK runs; other warnings still go through', () => {
    const seen: string[] = [];
    const listener = (w: Error) => seen.push(w.message);
    process.on('warning', listener);
    const restore = hideSdkNodeVersionWarning();
    try {
      process.emitWarning(
        'NodeVersionSupportWarning: The AWS SDK for JavaScript (v3)\nversions published after ...',
      );
      // Node prints this one: the line in the test output is expected.
      process.emitWarning(OTHER, 'DeprecationWarning');
    } finally {
      restore();
    }
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        process.off('warning', listener);
        expect(seen).toEqual([OTHER]);
        expect(
          isSdkNodeVersionWarning('The AWS SDK for JavaScript (v3) will need', 'NodeDeprecationWarning'),
        ).toBe(true);
        resolve();
      }),
    );
  });
});

function snapshotEc2(): string[] {
  return snapshot
    .keys()
    .filter((k) => k.startsWith('ec2.'))
    .map((k) => k.slice(4));
}
function snapshotMl(): string[] {
  return snapshot
    .keys()
    .filter((k) => k.startsWith('sagemaker.hosting.'))
    .map((k) => k.slice('sagemaker.hosting.'.length));
}
