// A cold `pricing refresh` against a loopback Price List API (AWS JSON 1.1, GetProducts): the
// number of GetProducts calls must not exceed the number of distinct price dimensions needed
// (issue 3), and the time it takes is printed. Each run starts with an empty cache.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, fmt, median, root } from '../bench-lib.mjs';

export const name = 'pricing refresh (cold, loopback Price List API): GetProducts calls vs price dimensions';

const REGION = 'us-east-1';
const base = { regionCode: REGION, location: 'US East (N. Virginia)', locationType: 'AWS Region' };
let skuN = 0;
const product = (serviceCode, productFamily, attributes, dims) => ({
  serviceCode,
  productFamily,
  sku: `BENCHSKU${String(++skuN).padStart(8, '0')}`,
  attributes: { ...base, ...attributes },
  dims,
});
const one = (usd, unit = 'Hrs') => [{ usd, unit, begin: 0, end: null }];

/** A catalogue in the shape of the real one: what the tool needs, plus rows it must skip. */
function catalogue() {
  const p = [];
  const lambda = (usagetype, dims) => p.push(product('AWSLambda', 'Serverless', { usagetype }, dims));
  lambda('Request', one(0.0000002, 'Requests'));
  lambda('Request-ARM', one(0.0000002, 'Requests'));
  lambda('Lambda-GB-Second', [
    { usd: 0.0000166667, unit: 'Lambda-GB-Second', begin: 0, end: 6e9 },
    { usd: 0.000015, unit: 'Lambda-GB-Second', begin: 6e9, end: 15e9 },
    { usd: 0.0000133334, unit: 'Lambda-GB-Second', begin: 15e9, end: null },
  ]);
  lambda('Lambda-GB-Second-ARM', [
    { usd: 0.0000133334, unit: 'Lambda-GB-Second', begin: 0, end: 7.5e9 },
    { usd: 0.0000120001, unit: 'Lambda-GB-Second', begin: 7.5e9, end: 18.75e9 },
    { usd: 0.0000106667, unit: 'Lambda-GB-Second', begin: 18.75e9, end: null },
  ]);
  lambda('Lambda-Provisioned-Concurrency', one(0.0000041667, 'Lambda-GB-Second'));
  lambda('Lambda-Provisioned-Concurrency-ARM', one(0.0000033334, 'Lambda-GB-Second'));
  lambda('Lambda-Provisioned-GB-Second', one(0.0000097222, 'Lambda-GB-Second'));
  lambda('Lambda-Provisioned-GB-Second-ARM', one(0.0000077778, 'Lambda-GB-Second'));
  lambda('Lambda-Storage-GB-Second', one(0.0000000309, 'GB-Seconds'));
  for (const [u, usd] of [
    ['Fargate-vCPU-Hours:perCPU', 0.04048],
    ['Fargate-GB-Hours', 0.004445],
    ['Fargate-ARM-vCPU-Hours:perCPU', 0.03238],
    ['Fargate-ARM-GB-Hours', 0.00356],
    ['Fargate-EphemeralStorage-GB-Hours', 0.000111],
    ['SpotUsage:Fargate-vCPU-Hours:perCPU', 0.0121],
  ]) {
    p.push(product('AmazonECS', 'Compute', { usagetype: `USE1-${u}` }, one(usd, 'hours')));
  }
  p.push(
    product('AmazonEKS', 'Compute', { usagetype: 'USE1-AmazonEKS-Hours:perCluster' }, one(0.1, 'Hours')),
  );
  p.push(
    product('AmazonEKS', 'Compute', { usagetype: 'USE1-AmazonEKS-Hours:extendedSupport' }, one(0.6, 'Hours')),
  );
  for (const [type, usd] of [
    ['m5.large', 0.096],
    ['c5.xlarge', 0.17],
    ['g4dn.xlarge', 0.526],
    ['g5.xlarge', 1.006],
    ['m7g.xlarge', 0.1632],
  ]) {
    const ec2 = {
      instanceType: type,
      operatingSystem: 'Linux',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      capacitystatus: 'Used',
      operation: 'RunInstances',
      usagetype: `BoxUsage:${type}`,
    };
    p.push(product('AmazonEC2', 'Compute Instance', ec2, one(usd)));
    p.push(
      product(
        'AmazonEC2',
        'Compute Instance',
        { ...ec2, capacitystatus: 'UnusedCapacityReservation' },
        one(usd),
      ),
    );
  }
  for (const [type, usd] of [
    ['ml.m5.large', 0.115],
    ['ml.m5.xlarge', 0.23],
    ['ml.c5.xlarge', 0.204],
    ['ml.g4dn.xlarge', 0.7364],
    ['ml.g5.xlarge', 1.408],
  ]) {
    for (const use of ['Host', 'AsyncInf', 'Tsform', 'Train']) {
      p.push(
        product(
          'AmazonSageMaker',
          'ML Instance',
          { instanceName: type, usagetype: `USE1-${use}:${type}` },
          one(usd),
        ),
      );
    }
  }
  for (let gb = 1; gb <= 6; gb++) {
    p.push(
      product(
        'AmazonSageMaker',
        'ML Serverless',
        { usagetype: `USE1-ServerlessInf:Mem-${gb}GB` },
        one(0.00002 * gb, 'Second'),
      ),
    );
  }
  p.push(
    product(
      'AmazonSageMaker',
      'Data Transfer',
      { group: 'Hosting:IN', usagetype: 'USE1-Hosting:Data-Bytes-In' },
      one(0.016, 'GB'),
    ),
  );
  return p;
}

const entry = (x) =>
  JSON.stringify({
    product: {
      productFamily: x.productFamily,
      attributes: { servicecode: x.serviceCode, ...x.attributes },
      sku: x.sku,
    },
    serviceCode: x.serviceCode,
    terms: {
      OnDemand: {
        [`${x.sku}.JRTCKXETXF`]: {
          sku: x.sku,
          offerTermCode: 'JRTCKXETXF',
          effectiveDate: '2026-10-01T00:00:00Z',
          termAttributes: {},
          priceDimensions: Object.fromEntries(
            x.dims.map((d, i) => [
              `${x.sku}.JRTCKXETXF.6YS6EN2CT7${i || ''}`,
              {
                unit: d.unit,
                beginRange: String(d.begin),
                endRange: d.end === null ? 'Inf' : String(d.end),
                appliesTo: [],
                description: '',
                pricePerUnit: { USD: d.usd.toFixed(10) },
              },
            ]),
          ),
        },
      },
    },
    version: '20261001000000',
    publicationDate: '2026-10-01T00:00:00Z',
  });

/** Minimal AWS JSON 1.1 GetProducts server with TERM_MATCH and ANY_OF filters and NextToken pages. */
async function startServer(products) {
  const counter = { calls: 0 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      counter.calls++;
      const input = JSON.parse(body || '{}');
      const hits = products.filter(
        (x) =>
          x.serviceCode === input.ServiceCode &&
          (input.Filters ?? []).every((f) => {
            const v = f.Field === 'productFamily' ? x.productFamily : x.attributes[f.Field];
            const wanted = f.Type === 'ANY_OF' ? String(f.Value).split(',') : [String(f.Value)];
            return v !== undefined && wanted.some((w) => w.toLowerCase() === v.toLowerCase());
          }),
      );
      const start = input.NextToken ? Number(input.NextToken) : 0;
      const size = input.MaxResults ?? 100;
      const page = hits.slice(start, start + size);
      const out = { FormatVersion: 'aws_v1', PriceList: page.map(entry) };
      if (start + size < hits.length) out.NextToken = String(start + size);
      const text = JSON.stringify(out);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'bench' });
      res.end(text);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, counter, url: `http://127.0.0.1:${server.address().port}` };
}

function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err.slice(0, 300)}`)),
    );
  });
}

export async function run() {
  const { server, counter, url } = await startServer(catalogue());
  const home = mkdtempSync(join(tmpdir(), 'mlda-bench-pricing-'));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIDBENCHBENCH',
    AWS_SECRET_ACCESS_KEY: 'bench-not-a-secret',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  };
  try {
    const shown = JSON.parse(await runCli(['pricing', 'show', '--json', '--pricing', 'snapshot'], env));
    const dimensions = shown.prices.length;
    const times = [];
    let calls = 0;
    let refreshed;
    for (let i = 0; i < 5; i++) {
      const before = counter.calls;
      const started = process.hrtime.bigint();
      refreshed = JSON.parse(
        await runCli(['pricing', 'refresh', '--json', '--pricing-endpoint', url], {
          ...env,
          XDG_CACHE_HOME: join(home, `cache-${i}`),
        }),
      );
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      calls = counter.calls - before;
    }
    const ok = calls <= dimensions && refreshed.prices === dimensions;
    return {
      ok,
      lines: [
        `price dimensions needed:      ${dimensions}`,
        `live prices fetched:          ${refreshed.prices}`,
        `GetProducts calls (cold):     ${calls} ${calls <= dimensions ? 'ok' : 'OVER'} (limit ${dimensions})`,
        `cold refresh, whole command:  ${fmt(median(times))} median of ${times.length}`,
      ],
    };
  } finally {
    server.close();
    rmSync(home, { recursive: true, force: true });
  }
}
