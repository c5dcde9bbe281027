import type * as PricingModule from '@aws-sdk/client-pricing';
import type { Price } from './types.js';
import { capResponseBodies, MAX_RESPONSE_BYTES } from './body-cap.js';
import { priceProblem } from './plausible.js';
import { hideSdkNodeVersionWarning } from './sdk-warning.js';

/**
 * Live prices from the AWS Price List Query API (GetProducts), through the real AWS SDK, loaded
 * lazily so that only commands that need live prices pay for it.
 *
 * Queries are grouped so that a cold refresh makes far fewer calls than there are price
 * dimensions: one query per service for Lambda, Fargate (ECS) and EKS (filtered by regionCode),
 * one per batch of EC2 instance types and one per batch of SageMaker instance types (hosting,
 * async and batch rows come together), one for serverless inference and one for data processed.
 * Network prices (load balancer, API Gateway, NAT, egress, VPN, Direct Connect) are not fetched:
 * they come from the region's snapshot (see isLivePriceKey). Each answer's PriceList
 * entries are JSON strings; each is parsed and matched to a price key by its usagetype.
 */

export interface LiveOptions {
  region: string;
  /** Pricing API endpoint URL; undefined = AWS's own. */
  endpoint?: string | undefined;
  /** The EC2 / SageMaker instance types to fetch (from the snapshot's keys). */
  ec2Types: readonly string[];
  sagemakerTypes: readonly string[];
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Whole fetch deadline. */
  totalTimeoutMs?: number;
  maxAttempts?: number;
  /** Largest answer read, in bytes (default MAX_RESPONSE_BYTES); a larger one fails that query. */
  maxResponseBytes?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Explicit credentials (from the command's environment); else the SDK's default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface LiveResult {
  prices: Price[];
  calls: number;
  /** Entries that could not be parsed or priced, skipped. */
  malformed: number;
  /** Queries that failed while others answered, and the first failure. */
  failedQueries: number;
  firstError?: unknown;
}

export interface Filter {
  /** TERM_MATCH: the attribute equals Value; ANY_OF: it equals one of Value's comma-separated items. */
  Type: 'TERM_MATCH' | 'ANY_OF';
  Field: string;
  Value: string;
}

export interface LiveQuery {
  serviceCode: string;
  filters: Filter[];
  /** Price key for a product, or undefined when the product is not one we need. */
  match: (product: ParsedProduct) => { key: string; divideBy?: number } | undefined;
}

export interface ParsedProduct {
  sku: string;
  attributes: Record<string, string>;
  /** The usagetype without its region prefix (USE1-, EU-, APS1-...). */
  usage: string;
  dimensions: { begin: number; end: number | null; usd: number; unit: string }[];
  effectiveDate: string;
}

/** The Pricing API endpoint region nearest to a price region (the API has three). */
export function apiRegionFor(region: string): string {
  if (region.startsWith('eu-') || region.startsWith('me-') || region.startsWith('af-')) return 'eu-central-1';
  if (region.startsWith('ap-')) return 'ap-south-1';
  return 'us-east-1';
}

const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });
const anyOf = (Field: string, Values: readonly string[]): Filter => ({
  Type: 'ANY_OF',
  Field,
  Value: Values.join(','),
});

/**
 * The instance catalogue has a couple of hundred types: one query per type would make a refresh
 * slow, so types are asked for in batches (ANY_OF), small enough that an answer stays within a
 * few pages and the filter value within the API's 1,024 characters.
 */
export const EC2_TYPES_PER_QUERY = 30;
export const SAGEMAKER_TYPES_PER_QUERY = 15;

export function batches(types: readonly string[], size: number, maxChars = 1000): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const type of types) {
    if (current.length && (current.length >= size || [...current, type].join(',').length > maxChars)) {
      out.push(current);
      current = [];
    }
    current.push(type);
  }
  if (current.length) out.push(current);
  return out;
}

const LAMBDA_USAGE: Record<string, string> = {
  Request: 'lambda.requests',
  'Lambda-GB-Second': 'lambda.duration.x86_64',
  'Lambda-GB-Second-ARM': 'lambda.duration.arm64',
  'Lambda-Provisioned-Concurrency': 'lambda.provisioned-concurrency.x86_64',
  'Lambda-Provisioned-Concurrency-ARM': 'lambda.provisioned-concurrency.arm64',
  'Lambda-Provisioned-GB-Second': 'lambda.provisioned-duration.x86_64',
  'Lambda-Provisioned-GB-Second-ARM': 'lambda.provisioned-duration.arm64',
  'Lambda-Storage-GB-Second': 'lambda.ephemeral-storage',
};

const FARGATE_USAGE: Record<string, string> = {
  'Fargate-vCPU-Hours:perCPU': 'fargate.vcpu-hour.x86_64',
  'Fargate-GB-Hours': 'fargate.gb-hour.x86_64',
  'Fargate-ARM-vCPU-Hours:perCPU': 'fargate.vcpu-hour.arm64',
  'Fargate-ARM-GB-Hours': 'fargate.gb-hour.arm64',
  'Fargate-EphemeralStorage-GB-Hours': 'fargate.ephemeral-storage.gb-hour',
};

const EKS_USAGE: Record<string, string> = {
  'AmazonEKS-Hours:perCluster': 'eks.cluster-hour',
  'AmazonEKS-Hours:extendedSupport': 'eks.cluster-hour.extended-support',
};

const SAGEMAKER_USE: Record<string, string> = { Host: 'hosting', AsyncInf: 'async', Tsform: 'batch' };

/** The queries for one region: grouped, so there are fewer of them than price dimensions. */
export function liveQueries(
  region: string,
  ec2Types: readonly string[],
  sagemakerTypes: readonly string[],
): LiveQuery[] {
  const inRegion = term('regionCode', region);
  const byUsage = (table: Record<string, string>) => (p: ParsedProduct) => {
    const key = table[p.usage];
    return key ? { key } : undefined;
  };
  const queries: LiveQuery[] = [
    { serviceCode: 'AWSLambda', filters: [inRegion], match: byUsage(LAMBDA_USAGE) },
    { serviceCode: 'AmazonECS', filters: [inRegion], match: byUsage(FARGATE_USAGE) },
    { serviceCode: 'AmazonEKS', filters: [inRegion], match: byUsage(EKS_USAGE) },
  ];
  for (const batch of batches(ec2Types, EC2_TYPES_PER_QUERY)) {
    const wanted = new Set(batch);
    queries.push({
      serviceCode: 'AmazonEC2',
      filters: [
        inRegion,
        batch.length === 1 ? term('instanceType', batch[0]!) : anyOf('instanceType', batch),
        term('operatingSystem', 'Linux'),
        term('tenancy', 'Shared'),
        term('preInstalledSw', 'NA'),
        term('capacitystatus', 'Used'),
      ],
      match: (p) => {
        const type = p.usage.startsWith('BoxUsage:') ? p.usage.slice('BoxUsage:'.length) : '';
        return wanted.has(type) && (p.attributes.operation ?? 'RunInstances') === 'RunInstances'
          ? { key: `ec2.${type}` }
          : undefined;
      },
    });
  }
  for (const batch of batches(sagemakerTypes, SAGEMAKER_TYPES_PER_QUERY)) {
    const wanted = new Set(batch);
    queries.push({
      serviceCode: 'AmazonSageMaker',
      filters: [
        inRegion,
        batch.length === 1 ? term('instanceName', batch[0]!) : anyOf('instanceName', batch),
      ],
      match: (p) => {
        const [use, name] = p.usage.split(':');
        const kind = use ? SAGEMAKER_USE[use] : undefined;
        return kind && name && wanted.has(name) ? { key: `sagemaker.${kind}.${name}` } : undefined;
      },
    });
  }
  queries.push({
    serviceCode: 'AmazonSageMaker',
    filters: [inRegion, term('productFamily', 'ML Serverless')],
    match: (p) => {
      const m = /^ServerlessInf:Mem-(\d+)GB$/.exec(p.usage);
      // Every memory size has the same price per GB-second; take the 1 GB row's.
      return m && m[1] === '1'
        ? { key: 'sagemaker.serverless.gb-second', divideBy: Number(m[1]) }
        : undefined;
    },
  });
  queries.push({
    serviceCode: 'AmazonSageMaker',
    filters: [inRegion, term('group', 'Hosting:IN')],
    match: (p) => (/Data-Bytes-In$/.test(p.usage) ? { key: 'sagemaker.data-processed' } : undefined),
  });
  return queries;
}

/** Parses one PriceList entry (a JSON string). Returns undefined when it is malformed. */
export function parseProduct(entry: unknown): ParsedProduct | undefined {
  try {
    // The SDK hands PriceList entries over as strings or String objects (LazyJsonString).
    const raw: unknown =
      typeof entry === 'string' || entry instanceof String ? JSON.parse(String(entry)) : entry;
    if (!raw || typeof raw !== 'object') return undefined;
    const item = raw as {
      product?: { sku?: unknown; attributes?: Record<string, unknown> };
      terms?: {
        OnDemand?: Record<string, { effectiveDate?: unknown; priceDimensions?: Record<string, unknown> }>;
      };
    };
    const attributes = Object.fromEntries(
      Object.entries(item.product?.attributes ?? {}).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    );
    const sku = typeof item.product?.sku === 'string' ? item.product.sku : '';
    const usagetype = attributes.usagetype;
    if (!sku || !usagetype) return undefined;
    const terms = Object.values(item.terms?.OnDemand ?? {});
    if (terms.length !== 1) return undefined;
    const onDemand = terms[0]!;
    const dims = Object.values(onDemand.priceDimensions ?? {}).map((d) => {
      const dim = d as {
        beginRange?: unknown;
        endRange?: unknown;
        unit?: unknown;
        pricePerUnit?: { USD?: unknown };
      };
      const usd = Number(dim.pricePerUnit?.USD);
      const begin = Number(dim.beginRange ?? 0);
      const end = dim.endRange === undefined || dim.endRange === 'Inf' ? null : Number(dim.endRange);
      return { begin, end, usd, unit: typeof dim.unit === 'string' ? dim.unit : '' };
    });
    if (dims.length === 0) return undefined;
    const valid = dims.every(
      (d) =>
        Number.isFinite(d.usd) &&
        d.usd >= 0 &&
        typeof d.usd === 'number' &&
        Number.isFinite(d.begin) &&
        (d.end === null || (Number.isFinite(d.end) && d.end > d.begin)),
    );
    if (!valid) return undefined;
    dims.sort((a, b) => a.begin - b.begin);
    return {
      sku,
      attributes,
      usage: usagetype.replace(/^[A-Z]{2,4}\d?-/, ''),
      dimensions: dims,
      effectiveDate: typeof onDemand.effectiveDate === 'string' ? onDemand.effectiveDate.slice(0, 10) : '',
    };
  } catch {
    return undefined;
  }
}

/** Units of our price keys, by key prefix (live prices keep the snapshot's units). */
function unitFor(key: string): string {
  if (key === 'lambda.requests') return 'request';
  if (key.includes('vcpu-hour')) return 'vCPU-hour';
  if (key.startsWith('fargate.')) return 'GB-hour';
  if (key === 'sagemaker.data-processed') return 'GB';
  if (key.startsWith('lambda.') || key.endsWith('gb-second')) return 'GB-second';
  return 'hour';
}

/**
 * Turns a product into a Price. Rejects $0 (an unknown price must never become $0), prices
 * outside the plausible range (1e-300, 1e308: see plausible.ts) and tier lists that do not
 * start at 0 or leave gaps. A rejected entry counts as malformed: the warning says so and the
 * snapshot's price is used for that key.
 */
export function toPrice(key: string, p: ParsedProduct, divideBy = 1, today: string): Price | undefined {
  const dims = p.dimensions.map((d) => ({ ...d, usd: d.usd / divideBy }));
  const first = dims[0]!;
  if (!(first.usd > 0) || first.begin !== 0) return undefined;
  const price: Price = {
    key,
    unit: unitFor(key),
    usd: first.usd,
    source: `AWS Price List API (SKU ${p.sku})`,
    confidence: 'published',
    asOf: today,
  };
  if (dims.length > 1) {
    for (let i = 1; i < dims.length; i++) {
      if (dims[i]!.begin !== dims[i - 1]!.end || !(dims[i]!.usd > 0)) return undefined;
    }
    if (dims[dims.length - 1]!.end !== null) return undefined;
    price.tiers = dims.map((d) => ({ from: d.begin, to: d.end, usd: d.usd }));
  }
  return priceProblem(price) ? undefined : price;
}

type PricingSdk = typeof PricingModule;

/**
 * Imports the SDK. Bundled by esbuild, the package's CommonJS build can arrive with its exports
 * only under `default`; accept both shapes.
 */
async function loadSdk(): Promise<PricingSdk> {
  const mod = (await import('@aws-sdk/client-pricing')) as PricingSdk & { default?: PricingSdk };
  return typeof mod.PricingClient === 'function' ? mod : (mod.default as PricingSdk);
}

const PAGE_SIZE = 100;
const MAX_PAGES = 20;

/**
 * Fetches live prices. Throws when the API cannot be used at all (every query failed, timeout,
 * abort, credentials); returns what it found otherwise (missing keys are the caller's business).
 */
export async function fetchLivePrices(options: LiveOptions, today: string): Promise<LiveResult> {
  const restore = hideSdkNodeVersionWarning();
  const { PricingClient, GetProductsCommand } = await loadSdk();
  const client = new PricingClient({
    region: apiRegionFor(options.region),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    maxAttempts: options.maxAttempts ?? 3,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 3000,
      requestTimeout: options.requestTimeoutMs ?? 8000,
      // Without this a request past its timeout only logs a warning and keeps waiting.
      throwOnRequestTimeout: true,
    },
  });
  capResponseBodies(
    client.middlewareStack as unknown as Parameters<typeof capResponseBodies>[0],
    options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
  );
  const deadline = AbortSignal.timeout(options.totalTimeoutMs ?? 30_000);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  let calls = 0;
  let malformed = 0;
  const found = new Map<string, Price>();
  const queries = liveQueries(options.region, options.ec2Types, options.sagemakerTypes);

  const runQuery = async (q: LiveQuery) => {
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      calls++;
      const out = await client.send(
        new GetProductsCommand({
          ServiceCode: q.serviceCode,
          Filters: q.filters,
          FormatVersion: 'aws_v1',
          MaxResults: PAGE_SIZE,
          ...(token ? { NextToken: token } : {}),
        }),
        { abortSignal: signal },
      );
      for (const entry of out.PriceList ?? []) {
        const product = parseProduct(entry);
        if (!product) {
          malformed++;
          continue;
        }
        if (product.attributes.location === 'Any') continue; // free-tier rows
        const hit = q.match(product);
        if (!hit || found.has(hit.key)) continue;
        const price = toPrice(hit.key, product, hit.divideBy, today);
        if (price) found.set(hit.key, price);
        else malformed++;
      }
      token = out.NextToken || undefined;
      if (!token) return;
    }
  };

  try {
    const errors: unknown[] = [];
    const pending = [...queries];
    let giveUp = false;
    const worker = async () => {
      for (let q = pending.shift(); q && !giveUp; q = pending.shift()) {
        try {
          await runQuery(q);
        } catch (error) {
          errors.push(error);
          // Nothing has worked yet: the API is down, slow or refusing us; stop asking.
          if (signal.aborted || found.size === 0) giveUp = true;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, queries.length) }, worker));
    if (signal.aborted) throw describeAbort(signal, options);
    if (found.size === 0 && errors.length > 0) throw errors[0];
    if (found.size === 0) throw new Error('the Price List API returned no usable prices');
    const result: LiveResult = {
      prices: [...found.values()],
      calls,
      malformed,
      failedQueries: errors.length,
    };
    if (errors.length) result.firstError = errors[0];
    return result;
  } finally {
    client.destroy();
    restore();
  }
}

function describeAbort(signal: AbortSignal, options: LiveOptions): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new Error(`the Price List API did not answer within ${options.totalTimeoutMs ?? 30_000} ms`);
  }
  return new Error('the price fetch was cancelled');
}
