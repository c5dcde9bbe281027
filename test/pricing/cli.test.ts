import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_CREDENTIALS } from '../support/aws-json-server.js';
import { runCli, runCliAsync } from '../support/run-cli.js';
import { runInProcess, runMain } from '../support/run-main.js';
import { setPrice, startFakePriceList, type FakePriceList } from './fake-price-list.js';

/**
 * `cost` and `pricing` with live prices from a loopback server. One success, one usage error and
 * one live-priced `cost` run as real processes (the built bundle: exit codes, a clean stdout, the
 * SDK loaded by the bundle); the other cases call the CLI's main() in this process with the same
 * environment the process gets (prices, cache and credentials all come from that environment).
 */

/** main() in process, with the environment runCli gives the process (offline, no AWS config). */
async function cost(args: string[], options: { env: NodeJS.ProcessEnv }) {
  return runMain(args, {
    ...options.env,
    NO_COLOR: '1',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  });
}

function tempEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'mlda-cli-'));
  return { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), ...extra };
}

describe('cost OPTION', () => {
  it('prints the contract JSON: option, monthlyUsd (the sum of the items), lineItems, pricing', () => {
    const r = runCli(
      [
        'cost',
        'lambda',
        '--memory-mb',
        '512',
        '--requests',
        '3000000',
        '--duration-ms',
        '1000',
        '--free-tier',
        '--json',
      ],
      { env: tempEnv() },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['option', 'monthlyUsd', 'lineItems', 'pricing']);
    expect(out.option).toBe('lambda');
    expect(out.pricing).toEqual({
      source: 'snapshot',
      asOf: expect.any(String),
      region: 'us-east-1',
      priceRegion: 'us-east-1',
      regionFallback: false,
    });
    const items = out.lineItems as {
      item: string;
      quantity: number;
      unit: string;
      unitPriceUsd: number;
      usd: number;
    }[];
    for (const i of items)
      expect(Object.keys(i)).toEqual(['item', 'quantity', 'unit', 'unitPriceUsd', 'usd']);
    // Flag mode bills the API Gateway HTTP API in front and the responses' data out as the ranking
    // does: 3,000,000 requests at $1 a million, and 3,000,000 x the modelled 2 KB response is
    // 5.72 GB at $0.09 (the Lambda free tier covers requests and duration only).
    expect(items.map((i) => i.unit)).toEqual(['request', 'GB-second', 'request', 'GB']);
    expect(items.slice(0, 3).map((i) => i.quantity)).toEqual([2_000_000, 1_100_000, 3_000_000]);
    expect(items[2]!.item).toBe('API Gateway HTTP API requests');
    expect(items[3]!.quantity).toBeCloseTo((3_000_000 * 2) / 1024 / 1024, 9);
    // $0.40 + 1,100,000 x $0.0000166667 = $18.33 (the page rounds the price to $0.00001667) + $3.00
    // + $0.51
    expect(out.monthlyUsd).toBe(22.24);
    expect(out.monthlyUsd).toBeCloseTo(
      items.reduce((a, i) => a + i.usd, 0),
      9,
    );
  });

  it('uses a 730-hour month unless --hours says otherwise', async () => {
    const run = async (extra: string[]) =>
      JSON.parse(
        (
          await cost(['cost', 'tf-serving', '--instance-type', 'm5.large', '--json', ...extra], {
            env: tempEnv(),
          })
        ).stdout,
      ) as {
        monthlyUsd: number;
      };
    expect((await run([])).monthlyUsd).toBe(70.08);
    expect((await run(['--hours', '100', '--instances', '3'])).monthlyUsd).toBe(28.8);
  });

  it('prints a readable table without --json', async () => {
    const r = await cost(['cost', 'eks', '--node-type', 'm5.large', '--nodes', '2'], { env: tempEnv() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('eks: $213.16 per month');
    expect(r.stdout).toMatch(/EKS control plane.*730.*\$73\.00/);
    expect(r.stdout).toContain('Prices: snapshot, us-east-1');
  });

  it.each([
    [['cost'], /OPTION is required; one of sagemaker-realtime/],
    [['cost', 'fargate'], /"fargate" is not an option; use one of/],
    [['cost', 'lambda', '--requests', '1', '--duration-ms', '5'], /--memory-mb is required/],
    [
      ['cost', 'lambda', '--memory-mb', '64', '--requests', '1', '--duration-ms', '5'],
      /--memory-mb: "64" is not allowed; expected an integer >= 128/,
    ],
    [['cost', 'eks', '--vcpu', '2'], /--vcpu: not a flag of cost eks; its workload flags are --node-type/],
    [
      ['cost', 'sagemaker-serverless', '--memory-mb', '1500', '--requests', '1', '--duration-ms', '5'],
      /--memory-mb: 1500 is not allowed; serverless inference takes 1024, 2048/,
    ],
    [
      ['cost', 'sagemaker-realtime', '--instance-type', 'ml.p9.huge'],
      /--instance-type: no snapshot price for ml\.p9\.huge in us-east-1/,
    ],
    [
      ['cost', 'lambda', '--memory-mb', '512', '--requests', '1', '--duration-ms', '5', '--arch', 'sparc'],
      /--arch: "sparc" is not allowed; use one of x86_64, arm64/,
    ],
    [
      ['cost', 'tf-serving', '--instance-type', 'm5.large', '--pricing', 'cheap'],
      /--pricing: "cheap" is not allowed; use one of snapshot, live, auto/,
    ],
    [
      ['cost', 'tf-serving', '--instance-type', 'm5.large', '--region', 'mars'],
      /--region: "mars" is not an AWS region code/,
    ],
    [
      ['cost', 'tf-serving', '--instance-type', 'm5.large', '--pricing-endpoint', 'ftp://x'],
      /--pricing-endpoint: "ftp:\/\/x" is not allowed/,
    ],
  ])('%j is a usage error (exit 2) naming the flag', async (args, message) => {
    const r = await cost(args, { env: tempEnv() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a usage error exits 2 from the process too, with nothing on stdout and no stack trace', () => {
    const r = runCli(['cost', 'fargate'], { env: tempEnv() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/"fargate" is not an option; use one of/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('serverless provisioned concurrency has no known price: an error, not $0', async () => {
    const r = await cost(
      [
        'cost',
        'sagemaker-serverless',
        '--memory-mb',
        '2048',
        '--requests',
        '1000',
        '--duration-ms',
        '50',
        '--provisioned-concurrency',
        '2',
      ],
      { env: tempEnv() },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no price known for sagemaker\.serverless\.provisioned-concurrency\.gb-second/);
  });

  it('says when --free-tier cannot apply (provisioned concurrency)', async () => {
    const r = await cost(
      [
        'cost',
        'lambda',
        '--memory-mb',
        '1024',
        '--requests',
        '1000',
        '--duration-ms',
        '10',
        '--provisioned-concurrency',
        '1',
        '--free-tier',
        '--json',
      ],
      { env: tempEnv() },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^warning: --free-tier: not applied; the Lambda free tier does not cover functions with provisioned concurrency/,
    );
    expect(JSON.parse(r.stdout).lineItems[0]).toMatchObject({ item: 'Requests (x86_64)', quantity: 1000 });
  });

  it('a region without a snapshot says which prices it used', async () => {
    const r = await cost(
      ['cost', 'tf-serving', '--instance-type', 'm5.large', '--region', 'sa-east-1', '--json'],
      { env: tempEnv() },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: no bundled price snapshot for sa-east-1; using us-east-1 prices/);
    // The result says it too, not only stderr.
    expect(JSON.parse(r.stdout).pricing).toMatchObject({
      region: 'us-east-1',
      priceRegion: 'us-east-1',
      regionFallback: true,
      requestedRegion: 'sa-east-1',
    });
  });
});

describe('live prices from the command line', () => {
  let fake: FakePriceList;
  beforeAll(async () => {
    fake = await startFakePriceList();
  });
  afterAll(async () => {
    await fake.server.close();
  });
  const creds = {
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
  };

  it('cost --pricing live prices with what the server returns, then from the cache with no request', async () => {
    const env = tempEnv({ ...creds, ML_DEPLOY_ADVISOR_PRICING_ENDPOINT: fake.server.url });
    setPrice(fake, 'BoxUsage:m5.large', 0.2);
    const args = ['cost', 'tf-serving', '--instance-type', 'm5.large', '--json', '--pricing', 'live'];
    const first = await runCliAsync(args, { env });
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({ monthlyUsd: 146, pricing: { source: 'live' } });
    const calls = fake.server.count();
    expect(calls).toBeGreaterThan(0);
    const second = await runCliAsync(args, { env });
    expect(JSON.parse(second.stdout)).toMatchObject({ monthlyUsd: 146, pricing: { source: 'cache' } });
    expect(fake.server.count()).toBe(calls);
    setPrice(fake, 'BoxUsage:m5.large', 0.096);
  });

  it('recommend --pricing live prices with the server, then reports cache with no request; a changed price moves the cost', async () => {
    const args = [
      'recommend',
      '--answers',
      'examples/answers.yaml',
      '--json',
      '--pricing',
      'live',
      '--pricing-endpoint',
      fake.server.url,
    ];
    const env = tempEnv(creds);
    const costOf = (out: string, option: string) =>
      (JSON.parse(out) as { ranking: { option: string; monthlyCostUsd: number }[] }).ranking.find(
        (r) => r.option === option,
      )!.monthlyCostUsd;
    const first = await runInProcess(args, { env });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).pricing).toMatchObject({ source: 'live', region: 'us-east-1' });
    const calls = fake.server.count();
    const second = await runInProcess(args, { env });
    expect(JSON.parse(second.stdout).pricing.source).toBe('cache');
    expect(fake.server.count()).toBe(calls);
    // Both architectures: the sizing may run the tasks on either.
    setPrice(fake, 'Fargate-vCPU-Hours:perCPU', 0.5);
    setPrice(fake, 'Fargate-ARM-vCPU-Hours:perCPU', 0.5);
    const third = await runInProcess(args, { env: tempEnv(creds) });
    expect(costOf(third.stdout, 'ecs-fargate')).toBeGreaterThan(costOf(first.stdout, 'ecs-fargate') + 300);
    setPrice(fake, 'Fargate-vCPU-Hours:perCPU', 0.04048);
    setPrice(fake, 'Fargate-ARM-vCPU-Hours:perCPU', 0.03238);
  });

  it('auto is live when credentials are in the environment, snapshot otherwise', async () => {
    const withCreds = await runInProcess(
      ['cost', 'eks', '--node-type', 'm5.large', '--json', '--pricing-endpoint', fake.server.url],
      { env: tempEnv(creds) },
    );
    expect(JSON.parse(withCreds.stdout).pricing.source).toBe('live');
    const without = await runInProcess(
      ['cost', 'eks', '--node-type', 'm5.large', '--json', '--pricing-endpoint', fake.server.url],
      {
        env: tempEnv(),
      },
    );
    expect(JSON.parse(without.stdout).pricing.source).toBe('snapshot');
  });

  it('with the endpoint down the command still succeeds, with one warning', async () => {
    const r = await runInProcess(
      ['cost', 'tf-serving', '--instance-type', 'm5.large', '--json', '--pricing', 'live'],
      {
        env: tempEnv({ ...creds, ML_DEPLOY_ADVISOR_PRICING_ENDPOINT: 'http://127.0.0.1:9' }),
      },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).pricing.source).toBe('snapshot');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^warning: live prices unavailable \(.*ECONNREFUSED.*\); using the bundled snapshot/,
    );
  });

  it('pricing refresh fetches now and reports the calls; pricing show lists each price and its source', async () => {
    const env = tempEnv(creds);
    const refresh = await runInProcess(
      ['pricing', 'refresh', '--json', '--pricing-endpoint', fake.server.url],
      { env },
    );
    expect(refresh.code).toBe(0);
    const summary = JSON.parse(refresh.stdout) as {
      source: string;
      prices: number;
      getProductsCalls: number;
    };
    expect(summary.source).toBe('live');
    expect(summary.getProductsCalls).toBeGreaterThan(0);
    expect(summary.getProductsCalls).toBeLessThan(summary.prices);
    const show = await runInProcess(['pricing', 'show', '--json', '--pricing-endpoint', fake.server.url], {
      env,
    });
    expect(show.stderr).toBe('');
    expect(show.code).toBe(0);
    const shown = JSON.parse(show.stdout) as {
      pricing: { source: string };
      prices: { key: string; source: string }[];
    };
    expect(shown.pricing.source).toBe('cache');
    expect(shown.prices.find((p) => p.key === 'ec2.m5.large')?.source).toMatch(/^AWS Price List API/);
    const text = await runInProcess(['pricing', 'show'], { env: tempEnv() });
    expect(text.stdout).toMatch(/Prices in use: snapshot, us-east-1/);
    expect(text.stdout).toMatch(/Assumptions \(not AWS prices\):/);
    const down = await runInProcess(['pricing', 'refresh', '--pricing-endpoint', 'http://127.0.0.1:9'], {
      env: tempEnv(creds),
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/pricing refresh failed/);
  });
});
