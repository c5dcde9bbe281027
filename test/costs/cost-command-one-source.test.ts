import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTION_IDS } from '../../src/core/options.js';
import { runMain } from '../support/run-main.js';

/**
 * `cost OPTION` prices as the ranking does (one source): with --answers the very lines and total
 * of the ranked entry in `recommend --json`; with workload flags, the same kinds of lines the
 * ranking's model prices (on-prem's power with the room's PUE, hybrid's load balancer, NAT
 * gateway and VPN), and nothing printed without its price.
 */
const dir = mkdtempSync(join(tmpdir(), 'mlda-cost-'));
const answersFile = join(dir, 'answers.yaml');
writeFileSync(
  answersFile,
  [
    'framework: sklearn',
    'requestsPerSecond: 20',
    'trafficPattern: spiky',
    'latencyP95Ms: 300',
    'monthlyBudgetUsd: 5000',
    'hosting: hybrid-ok',
    'kubernetes: eks',
    '',
  ].join('\n'),
);

interface Line {
  item: string;
  quantity: number;
  unitPriceUsd: number;
  usd: number;
}
interface Entry {
  option: string;
  monthlyCostUsd: number | null;
  lineItems: Line[];
}

async function ranking(): Promise<Entry[]> {
  const r = await runMain(['recommend', '--answers', answersFile, '--json', '--pricing', 'snapshot']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { ranking: Entry[] }).ranking;
}

async function cost(args: string[]): Promise<{ monthlyUsd: number; lineItems: Line[] }> {
  const r = await runMain(['cost', ...args, '--json', '--pricing', 'snapshot']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { monthlyUsd: number; lineItems: Line[] };
}

describe("cost OPTION --answers: the ranking's own lines and total", () => {
  it.each(OPTION_IDS)(
    '%s: the total and every line equal the ranked entry of recommend --json',
    async (option) => {
      const entry = (await ranking()).find((e) => e.option === option)!;
      expect(entry.monthlyCostUsd, option).not.toBeNull();
      const c = await cost([option, '--answers', answersFile]);
      expect(c.monthlyUsd).toBe(entry.monthlyCostUsd);
      expect(c.lineItems).toEqual(entry.lineItems);
    },
  );

  it('takes no workload flags beside --answers, naming the flag', async () => {
    const r = await runMain(['cost', 'lambda', '--answers', answersFile, '--memory-mb', '1024']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--memory-mb: not with --answers/);
  });
});

describe('cost OPTION with workload flags prices the lines the ranking prices', () => {
  it("on-prem: the ranking's servers and people's time give the ranking's total, PUE included", async () => {
    const entry = (await ranking()).find((e) => e.option === 'on-prem')!;
    const hardware = entry.lineItems.find((l) => l.item.startsWith('Hardware'))!;
    const ops = entry.lineItems.find((l) => l.item.startsWith('Operations'))!;
    expect(hardware.item).toMatch(/x CPU server/);
    const c = await cost([
      'on-prem',
      '--servers',
      String(hardware.quantity),
      '--ops-hours',
      String(ops.quantity),
    ]);
    expect(c.monthlyUsd).toBe(entry.monthlyCostUsd);
    const power = c.lineItems.find((l) => l.item.startsWith('Electricity'))!;
    expect(power.item).toMatch(/PUE 1\.56/);
    // The CPU server's IT draw (300 W, onprem.watts.cpu) times the room's PUE.
    expect(power.quantity).toBeCloseTo((hardware.quantity * 300 * 1.56 * 730) / 1000, 6);
  });

  it("hybrid: the load balancer, NAT gateway and VPN the ranking's design prices, and the data sent back", async () => {
    const c = await cost(['hybrid', '--instances', '1', '--data-gb', '100']);
    const line = (start: string) => c.lineItems.find((l) => l.item.startsWith(start));
    expect(line('Cloud side: Application Load Balancer')?.unitPriceUsd).toBe(0.0225);
    expect(line('Cloud side: NAT gateway')?.unitPriceUsd).toBe(0.045);
    expect(line('Site-to-Site VPN connection')?.unitPriceUsd).toBe(0.05);
    expect(line('Data transfer out (cloud responses')?.quantity).toBe(100);
    expect(line('On-prem base: Electricity')?.item).toMatch(/PUE/);
    expect(c.monthlyUsd).toBe(Math.round(c.lineItems.reduce((s, l) => s + l.usd, 0) * 100) / 100);
  });

  it("lambda: the ranking's API Gateway line for the same requests, none when invoked directly", async () => {
    const entry = (await ranking()).find((e) => e.option === 'lambda')!;
    const line = (start: string) => entry.lineItems.find((l) => l.item.startsWith(start))!;
    const requests = line('Requests').quantity;
    expect(line('API Gateway HTTP API requests').quantity).toBe(requests);
    const c = await cost([
      'lambda',
      '--memory-mb',
      '1024',
      '--requests',
      String(requests),
      '--duration-ms',
      '50',
    ]);
    const flagged = (start: string) => c.lineItems.find((l) => l.item.startsWith(start));
    expect(flagged('API Gateway HTTP API requests')).toEqual(line('API Gateway HTTP API requests'));
    // Invoked directly by a batch job: no API Gateway, and no responses to the internet.
    const direct = await cost([
      'lambda',
      '--memory-mb',
      '512',
      '--requests',
      '1000000',
      '--duration-ms',
      '50',
      '--invoked-by',
      'direct',
    ]);
    expect(direct.lineItems.map((l) => l.item).join('\n')).not.toMatch(/API Gateway/);
    expect(direct.lineItems.find((l) => l.item.startsWith('Data transfer out'))?.usd).toBe(0);
  });

  it('lambda --invoked-by is checked before any price is fetched', async () => {
    const r = await runMain([
      'cost',
      'lambda',
      '--memory-mb',
      '512',
      '--requests',
      '1',
      '--duration-ms',
      '1',
      '--invoked-by',
      'sqs',
      '--pricing',
      'live',
      '--pricing-endpoint',
      'http://127.0.0.1:9',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --invoked-by: "sqs" is not allowed; use one of api-gateway, direct\n');
  });

  it('sagemaker-serverless --provisioned-concurrency without its price says so, naming the flag', async () => {
    const r = await runMain([
      'cost',
      'sagemaker-serverless',
      '--memory-mb',
      '2048',
      '--requests',
      '1000',
      '--duration-ms',
      '100',
      '--provisioned-concurrency',
      '2',
      '--pricing',
      'snapshot',
    ]);
    // A missing price is not bad input (exit 1, as any unknown price), but the message names the
    // flag and what the ranking does instead.
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no price known for sagemaker\.serverless\.provisioned-concurrency\.gb-second/);
    expect(r.stderr).toMatch(
      /--provisioned-concurrency cannot be priced with snapshot prices; the ranking leaves it out too/,
    );
    expect(r.stdout).toBe('');
  });
});
