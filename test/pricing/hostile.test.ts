import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pricingOptionsFromFlags } from '../../src/pricing/flags.js';
import { UserInputError } from '../../src/core/errors.js';
import { cacheFile, readPriceCache, writePriceCache } from '../../src/pricing/cache.js';
import { toPrice, type ParsedProduct } from '../../src/pricing/live.js';
import { resolvePrices } from '../../src/pricing/resolve.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';
import { setPrice, startFakePriceList, useFakePriceList } from './fake-price-list.js';

/** Prices that would print $0.00 or $Infinity, caches that lie, endpoints that carry passwords. */

const snapshot = loadSnapshotPriceBook('us-east-1');
const live = useFakePriceList('mlda-hostile-prices-');
const request = live.request;

describe('live prices out of range', () => {
  it.each([1e308, 1e-300, 0])(
    'a live price of %d is skipped, with a warning, and the snapshot used',
    async (usd) => {
      setPrice(live.fake, 'BoxUsage:m5.large', usd);
      const { book, warnings } = await resolvePrices(request());
      expect(book.info.source).toBe('live');
      expect(book.get('ec2.m5.large').usd).toBe(snapshot.get('ec2.m5.large').usd);
      expect(book.get('ec2.m5.large').source).toMatch(/^https:/);
      expect(warnings.join('\n')).toMatch(/malformed entries skipped.*ec2\.m5\.large/);
    },
  );
});

describe('toPrice: what a live entry may price at', () => {
  const product = (usd: number): ParsedProduct => ({
    sku: 'S',
    attributes: {},
    usage: 'BoxUsage:m5.large',
    dimensions: [{ begin: 0, end: null, usd, unit: 'Hrs' }],
    effectiveDate: '2026-11-01',
  });
  it.each([1e-300, 1e308, 0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (usd) => {
    expect(toPrice('ec2.m5.large', product(usd), 1, '2026-12-01')).toBeUndefined();
  });
  it('accepts real prices, from Lambda storage per GB-second to a large GPU instance per hour', () => {
    for (const usd of [0.0000000309, 0.096, 113.07]) {
      expect(toPrice('ec2.m5.large', product(usd), 1, '2026-12-01')?.usd).toBe(usd);
    }
  });
});

describe('the price cache', () => {
  it('a cached price of 0 is not used: a warning, then the next source ($0.00 per month before)', async () => {
    await resolvePrices(request());
    const file = cacheFile(request().env, 'us-east-1', live.fake.server.url);
    const cache = JSON.parse(readFileSync(file, 'utf8'));
    cache.prices.find((p: { key: string }) => p.key === 'ec2.m5.large').usd = 0;
    writeFileSync(file, JSON.stringify(cache));
    const url = live.fake.server.url;
    await live.fake.server.close();
    const stale = Date.now() + 48 * 60 * 60 * 1000;
    const result = await resolvePrices(request({ endpoint: url, now: stale }));
    expect(result.book.info.source).toBe('snapshot');
    expect(result.book.get('ec2.m5.large').usd).toBeGreaterThan(0);
    expect(result.warnings[0]).toMatch(/holds an unusable price \(ec2\.m5\.large: \$0 .*it is not used/);
    live.fake = await startFakePriceList(); // for afterEach
  });

  it('is keyed by endpoint: prices from one endpoint are never served for another', async () => {
    const first = await resolvePrices(request());
    expect(first.book.info.source).toBe('live');
    const other = await startFakePriceList();
    setPrice(other, 'BoxUsage:m5.large', 0.5);
    try {
      const second = await resolvePrices(request({ endpoint: other.server.url }));
      expect(second.book.info.source).toBe('live'); // not the first endpoint's cache
      expect(second.book.get('ec2.m5.large').usd).toBe(0.5);
      expect(other.server.count('GetProducts')).toBeGreaterThan(0);
    } finally {
      await other.server.close();
    }
    const files = readdirSync(join(live.home, 'cache', 'ml-deploy-advisor')).filter((f) =>
      f.endsWith('.json'),
    );
    expect(files).toHaveLength(2);
  });

  it('is readable by its owner only, in an owner-only folder', async () => {
    const { cacheFile: file } = await resolvePrices(request());
    expect(file).toBeDefined();
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    expect(statSync(join(live.home, 'cache', 'ml-deploy-advisor')).mode & 0o777).toBe(0o700);
  });

  it('never stores a user name or password from the endpoint URL', () => {
    const env = { HOME: live.home, XDG_CACHE_HOME: join(live.home, 'cache') };
    const file = writePriceCache(
      env,
      'us-east-1',
      'http://user:s3cr3tPW@127.0.0.1:9/x',
      snapshot.keys().map((k) => snapshot.get(k)),
      Date.now(),
    );
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('s3cr3tPW');
    expect(text).not.toContain('user');
    expect(JSON.parse(text).endpoint).toBe('http://127.0.0.1:9/x');
  });

  it('an old cache that stored a password in its endpoint is removed when read', () => {
    const env = { HOME: live.home, XDG_CACHE_HOME: join(live.home, 'cache') };
    const file = cacheFile(env, 'us-east-1');
    mkdirSync(join(live.home, 'cache', 'ml-deploy-advisor'), { recursive: true });
    const prices = snapshot.keys().map((k) => snapshot.get(k));
    writeFileSync(
      file,
      JSON.stringify({
        format: 1,
        region: 'us-east-1',
        endpoint: 'http://u:s3cr3tPW@127.0.0.1:9',
        fetchedAt: new Date().toISOString(),
        prices,
      }),
    );
    const read = readPriceCache(env, 'us-east-1');
    expect(read.cache).toBeUndefined();
    expect(read.problem).toMatch(/removed the price cache/);
    expect(read.problem).not.toContain('s3cr3tPW');
    expect(readdirSync(join(live.home, 'cache', 'ml-deploy-advisor'))).toEqual([]);
  });

  it('the flag refuses such a URL without echoing the password', () => {
    let error: unknown;
    try {
      pricingOptionsFromFlags({ 'pricing-endpoint': 'https://me:s3cr3tPW@pricing.example' }, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserInputError);
    expect(String((error as Error).message)).not.toContain('s3cr3tPW');
  });

  it('a cache that is a link to /dev/zero, a folder or garbage is reported and skipped at once', async () => {
    const env = { HOME: live.home, XDG_CACHE_HOME: join(live.home, 'cache') };
    const file = cacheFile(env, 'us-east-1');
    mkdirSync(join(live.home, 'cache', 'ml-deploy-advisor'), { recursive: true });
    symlinkSync('/dev/zero', file);
    const started = Date.now();
    expect(readPriceCache(env, 'us-east-1').problem).toMatch(/not a regular file/);
    expect(Date.now() - started).toBeLessThan(1000);
    const folderEnv = { HOME: live.home, XDG_CACHE_HOME: join(live.home, 'c2') };
    mkdirSync(cacheFile(folderEnv, 'us-east-1'), { recursive: true });
    expect(readPriceCache(folderEnv, 'us-east-1').problem).toMatch(/folder/);
    const junkEnv = { HOME: live.home, XDG_CACHE_HOME: join(live.home, 'c3') };
    mkdirSync(join(live.home, 'c3', 'ml-deploy-advisor'), { recursive: true });
    writeFileSync(cacheFile(junkEnv, 'us-east-1'), '{"format":1,');
    chmodSync(cacheFile(junkEnv, 'us-east-1'), 0o600);
    expect(readPriceCache(junkEnv, 'us-east-1').problem).toMatch(/not valid JSON/);
  });
});

describe('ML_DEPLOY_ADVISOR_PRICING_TIMEOUT_MS', () => {
  // Before: abc, 0 and -5 fell back to 30 s silently, and 1e308 made the timeout warning a RangeError.
  it.each(['abc', '0', '-5', '1e308', '600001', '1.5'])('%s is refused, naming the variable', (value) => {
    expect(() => pricingOptionsFromFlags({}, { ML_DEPLOY_ADVISOR_PRICING_TIMEOUT_MS: value })).toThrow(
      UserInputError,
    );
    expect(() => pricingOptionsFromFlags({}, { ML_DEPLOY_ADVISOR_PRICING_TIMEOUT_MS: value })).toThrow(
      /^ML_DEPLOY_ADVISOR_PRICING_TIMEOUT_MS: ".*" is not allowed; expected a whole number of milliseconds, 1-600000$/,
    );
  });

  it.each(['1', '30000', '600000'])('%s is used', (value) => {
    expect(() => pricingOptionsFromFlags({}, { ML_DEPLOY_ADVISOR_PRICING_TIMEOUT_MS: value })).not.toThrow();
  });
});
