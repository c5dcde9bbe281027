import { loadInstanceCatalogue } from '../../src/knowledge/instances.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { PricingRequest } from '../../src/pricing/resolve.js';
import {
  AwsJsonError,
  createAwsJsonServer,
  FAKE_CREDENTIALS,
  type AwsJsonServer,
} from '../support/aws-json-server.js';

/**
 * A fake AWS Price List Query API for tests: the generic loopback AWS JSON 1.1 server with a
 * GetProducts handler over a catalogue of realistic products (the aws_v1 shape: product,
 * serviceCode, terms.OnDemand.<sku>.<offer>.priceDimensions, prices as 10-decimal strings),
 * TERM_MATCH and ANY_OF filtering, MaxResults and NextToken pagination. Prices can be changed while it runs.
 */

export interface Dimension {
  usd: number;
  unit: string;
  begin?: number;
  end?: number | null;
}

export interface FakeProduct {
  serviceCode: string;
  productFamily: string;
  sku: string;
  attributes: Record<string, string>;
  dimensions: Dimension[];
  /** Add a Reserved term, as real EC2 items have. */
  reserved?: boolean;
}

const OFFER = 'JRTCKXETXF';
const RATE = '6YS6EN2CT7';

/** The JSON string GetProducts puts in PriceList for one product. */
export function priceListEntry(p: FakeProduct): string {
  const dims = Object.fromEntries(
    p.dimensions.map((d, i) => {
      const rate = `${p.sku}.${OFFER}.${i === 0 ? RATE : `${RATE}${i}`}`;
      return [
        rate,
        {
          unit: d.unit,
          endRange: d.end === undefined || d.end === null ? 'Inf' : String(d.end),
          description: `$${d.usd} per ${d.unit}`,
          appliesTo: [],
          rateCode: rate,
          beginRange: String(d.begin ?? 0),
          pricePerUnit: { USD: d.usd.toFixed(10) },
        },
      ];
    }),
  );
  const terms: Record<string, unknown> = {
    OnDemand: {
      [`${p.sku}.${OFFER}`]: {
        priceDimensions: dims,
        sku: p.sku,
        effectiveDate: '2026-10-01T00:00:00Z',
        offerTermCode: OFFER,
        termAttributes: {},
      },
    },
  };
  if (p.reserved) {
    terms.Reserved = {
      [`${p.sku}.4NA7Y494T4`]: {
        termAttributes: {
          LeaseContractLength: '1yr',
          OfferingClass: 'standard',
          PurchaseOption: 'No Upfront',
        },
        priceDimensions: {
          [`${p.sku}.4NA7Y494T4.${RATE}`]: { unit: 'Hrs', pricePerUnit: { USD: '0.0010000000' } },
        },
      },
    };
  }
  return JSON.stringify({
    product: {
      productFamily: p.productFamily,
      attributes: { servicecode: p.serviceCode, ...p.attributes },
      sku: p.sku,
    },
    serviceCode: p.serviceCode,
    terms,
    version: '20261001000000',
    publicationDate: '2026-10-01T00:00:00Z',
  });
}

let skuCounter = 0;
const sku = () => `FAKESKU${String(++skuCounter).padStart(9, '0')}`;
const loc = (region: string) =>
  region === 'us-east-1' ? 'US East (N. Virginia)' : region === 'eu-west-1' ? 'EU (Ireland)' : region;
const prefix = (region: string) =>
  region === 'us-east-1' ? 'USE1-' : region === 'eu-west-1' ? 'EU-' : 'XX-';

/** A realistic us-east-1 (or other region) catalogue with the snapshot's dimensions, plus noise. */
export function catalogue(region = 'us-east-1', scale = 1): FakeProduct[] {
  const base = { regionCode: region, location: loc(region), locationType: 'AWS Region' };
  const pre = prefix(region);
  const lambdaUsage = (usage: string) => (region === 'us-east-1' ? usage : `${pre}${usage}`);
  const products: FakeProduct[] = [];
  const lambda = (usagetype: string, group: string, dims: Dimension[]) =>
    products.push({
      serviceCode: 'AWSLambda',
      productFamily: 'Serverless',
      sku: sku(),
      attributes: { ...base, usagetype: lambdaUsage(usagetype), group, groupDescription: group },
      dimensions: dims,
    });
  lambda('Request', 'AWS-Lambda-Requests', [{ usd: 0.0000002 * scale, unit: 'Requests' }]);
  lambda('Request-ARM', 'AWS-Lambda-Requests-ARM', [{ usd: 0.0000002 * scale, unit: 'Requests' }]);
  lambda('Lambda-GB-Second', 'AWS-Lambda-Duration', [
    { usd: 0.0000166667 * scale, unit: 'Lambda-GB-Second', begin: 0, end: 6e9 },
    { usd: 0.000015 * scale, unit: 'Lambda-GB-Second', begin: 6e9, end: 15e9 },
    { usd: 0.0000133334 * scale, unit: 'Lambda-GB-Second', begin: 15e9, end: null },
  ]);
  lambda('Lambda-GB-Second-ARM', 'AWS-Lambda-Duration-ARM', [
    { usd: 0.0000133334 * scale, unit: 'Lambda-GB-Second', begin: 0, end: 7.5e9 },
    { usd: 0.0000120001 * scale, unit: 'Lambda-GB-Second', begin: 7.5e9, end: 18.75e9 },
    { usd: 0.0000106667 * scale, unit: 'Lambda-GB-Second', begin: 18.75e9, end: null },
  ]);
  lambda('Lambda-Provisioned-Concurrency', 'AWS-Lambda-Provisioned-Concurrency', [
    { usd: 0.0000041667 * scale, unit: 'Lambda-GB-Second' },
  ]);
  lambda('Lambda-Provisioned-Concurrency-ARM', 'AWS-Lambda-Provisioned-Concurrency-ARM', [
    { usd: 0.0000033334 * scale, unit: 'Lambda-GB-Second' },
  ]);
  lambda('Lambda-Provisioned-GB-Second', 'AWS-Lambda-Duration-Provisioned', [
    { usd: 0.0000097222 * scale, unit: 'Lambda-GB-Second' },
  ]);
  lambda('Lambda-Provisioned-GB-Second-ARM', 'AWS-Lambda-Duration-Provisioned-ARM', [
    { usd: 0.0000077778 * scale, unit: 'Lambda-GB-Second' },
  ]);
  lambda('Lambda-Storage-GB-Second', 'AWS-Lambda-Storage-Duration', [
    { usd: 0.0000000309 * scale, unit: 'GB-Seconds' },
  ]);
  // The free-tier rows: location "Any", no regionCode match in practice; here they carry one.
  products.push({
    serviceCode: 'AWSLambda',
    productFamily: 'Serverless',
    sku: sku(),
    attributes: {
      regionCode: region,
      location: 'Any',
      usagetype: 'Global-Request',
      group: 'AWS-Lambda-Requests',
    },
    dimensions: [{ usd: 0.0000001, unit: 'Requests' }],
  });

  const ecs = (usagetype: string, unit: string, usd: number) =>
    products.push({
      serviceCode: 'AmazonECS',
      productFamily: 'Compute',
      sku: sku(),
      attributes: { ...base, usagetype: `${pre}${usagetype}`, operation: '' },
      dimensions: [{ usd: usd * scale, unit }],
    });
  ecs('Fargate-vCPU-Hours:perCPU', 'hours', 0.04048);
  ecs('Fargate-GB-Hours', 'hours', 0.004445);
  ecs('Fargate-ARM-vCPU-Hours:perCPU', 'hours', 0.03238);
  ecs('Fargate-ARM-GB-Hours', 'hours', 0.00356);
  ecs('Fargate-EphemeralStorage-GB-Hours', 'GB-Hours', 0.000111);
  ecs('SpotUsage:Fargate-vCPU-Hours:perCPU', 'hours', 0.012);

  const eks = (usagetype: string, usd: number) =>
    products.push({
      serviceCode: 'AmazonEKS',
      productFamily: 'Compute',
      sku: sku(),
      attributes: { ...base, usagetype: `${pre}${usagetype}` },
      dimensions: [{ usd: usd * scale, unit: 'Hours' }],
    });
  eks('AmazonEKS-Hours:perCluster', 0.1);
  eks('AmazonEKS-Hours:extendedSupport', 0.6);

  const ec2 = (type: string, usd: number, extra: Record<string, string> = {}) =>
    products.push({
      serviceCode: 'AmazonEC2',
      productFamily: 'Compute Instance',
      sku: sku(),
      reserved: true,
      attributes: {
        ...base,
        instanceType: type,
        operatingSystem: 'Linux',
        tenancy: 'Shared',
        preInstalledSw: 'NA',
        capacitystatus: 'Used',
        licenseModel: 'No License required',
        operation: 'RunInstances',
        usagetype: `${region === 'us-east-1' ? '' : pre}BoxUsage:${type}`,
        ...extra,
      },
      dimensions: [{ usd: usd * scale, unit: 'Hrs' }],
    });
  // Every type of the instance catalogue, at its us-east-1 price; the first few with the rows a
  // real answer also holds (a capacity reservation, Windows) that must not be taken.
  const instances = loadInstanceCatalogue();
  const usEast = (service: 'ec2' | 'sagemaker') =>
    instances
      .filter((i) => i.service === service && i.prices['us-east-1'])
      .map((i) => [i.name, i.prices['us-east-1']!.usd] as const);
  usEast('ec2').forEach(([type, usd], i) => {
    ec2(type, usd);
    if (i >= 5) return;
    ec2(type, usd * 0.9, { capacitystatus: 'UnusedCapacityReservation' });
    ec2(type, usd + 0.1, {
      operatingSystem: 'Windows',
      usagetype: `BoxUsage:${type}`,
      operation: 'RunInstances:0002',
    });
  });

  const sm = (usagetype: string, attrs: Record<string, string>, dims: Dimension[], family = 'ML Instance') =>
    products.push({
      serviceCode: 'AmazonSageMaker',
      productFamily: family,
      sku: sku(),
      attributes: { ...base, usagetype: `${pre}${usagetype}`, ...attrs },
      dimensions: dims,
    });
  for (const [type, usd] of usEast('sagemaker')) {
    sm(`Host:${type}`, { instanceName: type, component: 'Hosting' }, [{ usd: usd * scale, unit: 'Hrs' }]);
    sm(`AsyncInf:${type}`, { instanceName: type, component: 'AsyncInference' }, [
      { usd: usd * scale, unit: 'Hrs' },
    ]);
    sm(`Tsform:${type}`, { instanceName: type, component: 'BatchTransform' }, [
      { usd: usd * scale, unit: 'Hrs' },
    ]);
    sm(`Train:${type}`, { instanceName: type, component: 'Training' }, [{ usd: usd * 1.2, unit: 'Hrs' }]);
  }
  for (let gb = 1; gb <= 6; gb++) {
    sm(
      `ServerlessInf:Mem-${gb}GB`,
      { component: 'ServerlessInference' },
      [{ usd: 0.00002 * gb * scale, unit: 'Second' }],
      'ML Serverless',
    );
  }
  sm(
    'Hosting:Data-Bytes-In',
    { group: 'Hosting:IN', operation: 'Invoke-Endpoint' },
    [{ usd: 0.016 * scale, unit: 'GB' }],
    'Data Transfer',
  );
  sm(
    'Hosting:Data-Bytes-Out',
    { group: 'Hosting:OUT', operation: 'Invoke-Endpoint' },
    [{ usd: 0.016 * scale, unit: 'GB' }],
    'Data Transfer',
  );
  return products;
}

interface Filter {
  Type?: string;
  Field?: string;
  Value?: string;
}

function matches(p: FakeProduct, filters: Filter[]): boolean {
  return filters.every((f) => {
    if ((f.Type !== 'TERM_MATCH' && f.Type !== 'ANY_OF') || !f.Field)
      throw new AwsJsonError('InvalidParameterException', `unsupported filter ${JSON.stringify(f)}`);
    if (f.Type === 'ANY_OF' && String(f.Value).length > 1024)
      throw new AwsJsonError('InvalidParameterException', 'Value is longer than 1024 characters');
    const value =
      f.Field === 'productFamily'
        ? p.productFamily
        : f.Field === 'ServiceCode'
          ? p.serviceCode
          : p.attributes[f.Field];
    const wanted = f.Type === 'ANY_OF' ? String(f.Value).split(',') : [String(f.Value)];
    return value !== undefined && wanted.some((w) => w.toLowerCase() === value.toLowerCase());
  });
}

export interface FakePriceList {
  server: AwsJsonServer;
  products: FakeProduct[];
  /** Replace an answer's entries (e.g. with garbage) for one service, or undefined to restore. */
  corrupt?: ((serviceCode: string, entries: unknown[]) => unknown[]) | undefined;
  /** Throttle the next n GetProducts calls. */
  throttleNext: number;
  pageSize?: number;
}

/** Starts the fake Price List API on 127.0.0.1. */
export async function startFakePriceList(products: FakeProduct[] = catalogue()): Promise<FakePriceList> {
  const server = createAwsJsonServer({ targetPrefix: 'AWSPriceListService' });
  const fake: FakePriceList = { server, products, throttleNext: 0 };
  server.handle('GetProducts', (input) => {
    if (fake.throttleNext > 0) {
      fake.throttleNext--;
      throw new AwsJsonError('ThrottlingException', 'Rate exceeded');
    }
    if (input.FormatVersion !== 'aws_v1')
      throw new AwsJsonError('InvalidParameterException', 'FormatVersion must be aws_v1');
    const max = Number(input.MaxResults ?? 100);
    if (!(max >= 1 && max <= 100))
      throw new AwsJsonError('InvalidParameterException', 'MaxResults must be 1-100');
    const pageSize = Math.min(max, fake.pageSize ?? max);
    const found = fake.products.filter(
      (p) => p.serviceCode === input.ServiceCode && matches(p, (input.Filters as Filter[] | undefined) ?? []),
    );
    const start = input.NextToken ? Number(Buffer.from(String(input.NextToken), 'base64').toString()) : 0;
    if (!Number.isInteger(start) || start < 0 || start > found.length)
      throw new AwsJsonError('InvalidNextTokenException', 'bad token');
    const page = found.slice(start, start + pageSize);
    let entries: unknown[] = page.map(priceListEntry);
    if (fake.corrupt) entries = fake.corrupt(String(input.ServiceCode), entries);
    const next =
      start + pageSize < found.length ? Buffer.from(String(start + pageSize)).toString('base64') : undefined;
    return { FormatVersion: 'aws_v1', PriceList: entries, ...(next ? { NextToken: next } : {}) };
  });
  await server.start();
  return fake;
}

/** Sets one product's price (first dimension) by usagetype suffix. */
export function setPrice(fake: FakePriceList, usagetypeSuffix: string, usd: number): void {
  const hits = fake.products.filter((p) => p.attributes.usagetype?.endsWith(usagetypeSuffix));
  if (hits.length === 0) throw new Error(`no product with usagetype ending ${usagetypeSuffix}`);
  for (const p of hits) p.dimensions[0]!.usd = usd;
}

/**
 * A fresh fake Price List server and an empty home folder for each test of the calling file,
 * and the live-pricing request that points at them (fake AWS keys, the cache under the home).
 */
export interface LivePricingFixture {
  /** Settable: a test that closes the server early starts another for the cleanup to close. */
  fake: FakePriceList;
  readonly home: string;
  request(extra?: Partial<PricingRequest>): PricingRequest;
}

export function useFakePriceList(prefix: string): LivePricingFixture {
  let fake: FakePriceList | undefined;
  let home: string | undefined;
  beforeEach(async () => {
    fake = await startFakePriceList();
    home = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await fake?.server.close();
  });
  const fixture: LivePricingFixture = {
    get fake() {
      return fake!;
    },
    set fake(value) {
      fake = value;
    },
    get home() {
      return home!;
    },
    request: (extra = {}) => ({
      mode: 'live',
      region: 'us-east-1',
      endpoint: fixture.fake.server.url,
      env: {
        HOME: fixture.home,
        XDG_CACHE_HOME: join(fixture.home, 'cache'),
        AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
      },
      ...extra,
    }),
  };
  return fixture;
}
