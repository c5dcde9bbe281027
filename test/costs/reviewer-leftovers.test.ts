import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advice.js';
import { parseAnswers, type AnswersInput } from '../../src/core/answers.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';

/**
 * The reviewer's leftovers of #11: S3 behind async and batch payloads, on-premises power with the
 * room's PUE, and the capacity caveat of P-family instances. Each line reaches `recommend --json`
 * (the ranking's cost lines) with its assumption beside it.
 */
const knowledge = loadKnowledge();
const advice = (answers: Partial<AnswersInput>) =>
  advise(
    parseAnswers({ monthlyBudgetUsd: 5000, ...answers } as AnswersInput),
    knowledge,
    loadSnapshotPriceBook('us-east-1'),
  );
const rank = (answers: Partial<AnswersInput>) => advice(answers).ranking;

describe('S3 requests and storage for async and batch payloads', () => {
  it('async prices a PUT and GET each way per request and the stored payloads, with the assumption', () => {
    const rec = advice({ framework: 'pytorch', requestsPerSecond: 2, latencyP95Ms: null, payloadKb: 500 });
    const row = rec.ranking.find((r) => r.option === 'sagemaker-async')!;
    const put = row.lineItems.find((l) => l.item.startsWith('S3 PUT requests'))!;
    const get = row.lineItems.find((l) => l.item.startsWith('S3 GET requests'))!;
    const storage = row.lineItems.find((l) => l.item.startsWith('S3 Standard storage'))!;
    const monthly = rec.workload.monthlyRequests;
    expect(put.quantity).toBe(2 * monthly);
    expect(get.quantity).toBe(2 * monthly);
    // $0.005 per 1,000 PUTs and $0.0004 per 1,000 GETs, $0.023 a GB-month in us-east-1.
    expect(put.unitPriceUsd).toBe(0.000005);
    expect(get.unitPriceUsd).toBe(0.0000004);
    expect(storage.unitPriceUsd).toBe(0.023);
    // 500 KB in and 2 KB out per request, kept 30 days: about 2.5 TB.
    expect(storage.quantity).toBeGreaterThan(2000);
    expect(
      row.cost!.assumptions.some((a) =>
        a.startsWith('Every request body and every response is an S3 object'),
      ),
    ).toBe(true);
  });

  it('batch prices its input and output files, far fewer requests than records', () => {
    const row = rank({
      framework: 'xgboost',
      requestsPerSecond: 20,
      latencyP95Ms: null,
      trafficPattern: 'batch',
    }).find((r) => r.option === 'sagemaker-batch')!;
    const put = row.lineItems.find((l) => l.item.startsWith('S3 PUT requests'))!;
    expect(put.quantity).toBeGreaterThan(0);
    expect(put.quantity).toBeLessThan((row.cost!.sizing.instanceHours as number) * 1e6);
    expect(row.cost!.assumptions.some((a) => a.startsWith('Input files of'))).toBe(true);
  });

  it('every regional snapshot has S3 prices, sourced and dated', () => {
    for (const region of [
      'us-east-1',
      'us-east-2',
      'us-west-2',
      'eu-west-1',
      'eu-central-1',
      'ap-southeast-1',
      'ap-southeast-2',
      'ap-northeast-1',
    ]) {
      const book = loadSnapshotPriceBook(region);
      for (const key of ['s3.standard.put-request', 's3.standard.get-request', 's3.standard.gb-month']) {
        const p = book.get(key);
        expect(p.usd).toBeGreaterThan(0);
        expect(p.source).toMatch(/^https:\/\/aws\.amazon\.com\/s3\/pricing/);
        expect(p.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });
});

describe('on-premises power with the PUE', () => {
  it('the electricity line multiplies the rated watts by the PUE and says so', () => {
    const pue = knowledge.tco.powerUsageEffectiveness.value;
    expect(pue).toBeGreaterThan(1);
    const row = rank({
      framework: 'onnx',
      modelSizeMb: 200,
      requestsPerSecond: 2000,
      latencyP95Ms: 100,
      hosting: 'on-prem-only',
    }).find((r) => r.option === 'on-prem')!;
    const power = row.lineItems.find((l) => l.item.includes('Electricity'))!;
    expect(power.item).toContain(`PUE ${pue}`);
    const m = /(\d+) x ([\d,]+) W/.exec(power.item)!;
    const kwh = (Number(m[1]) * Number(m[2]!.replace(/,/g, '')) * pue * 730) / 1000;
    expect(power.quantity).toBeCloseTo(kwh, 6);
  });
});

describe('P-family capacity caveat', () => {
  it('a model that lands on a P-family instance gets the caveat; one that does not, none', () => {
    const big = rank({
      framework: 'huggingface',
      modelSizeMb: 140000,
      gpu: 'required',
      requestsPerSecond: 5,
      latencyP95Ms: 20000,
      monthlyBudgetUsd: 100000,
    });
    const onP = big.filter((r) => /^(ml\.)?p\d/.test(r.sizing?.instanceType ?? ''));
    expect(onP.length).toBeGreaterThan(0);
    for (const r of onP) {
      expect(
        r.reasons.some((x) => /P-family instance: on-demand capacity is often unavailable/.test(x.text)),
      ).toBe(true);
    }
    const small = rank({ framework: 'sklearn', requestsPerSecond: 5, latencyP95Ms: 300 });
    for (const r of small) expect(r.reasons.some((x) => /P-family/.test(x.text))).toBe(false);
  });
});

describe("hybrid's link and its data transfer", () => {
  /** A CPU model at 40 ms a request, 100 requests/s usual and 2,000 at the peak, 1 MB requests. */
  const SPIKY_BIG_REQUESTS = {
    framework: 'pytorch',
    modelSizeMb: 300,
    inferenceMs: 40,
    trafficPattern: 'spiky',
    requestsPerSecond: 100,
    peakRequestsPerSecond: 2000,
    payloadKb: 1000,
    latencyP95Ms: 500,
    monthlyBudgetUsd: 100000,
  } as const;
  const hybridRow = (answers: Partial<AnswersInput>) =>
    advice({ hosting: 'hybrid-ok', ...answers }).ranking.find((r) => r.option === 'hybrid')!;

  it('a burst above one VPN tunnel (1.25 Gbps) is priced on Direct Connect ports, and says so', () => {
    // About 1,900 requests/s above the base at the peak, 1 MB requests: about 16 Gbps. The model
    // is slow enough (400 ms a request on CPU) that owning servers for the whole peak costs more
    // than bursting it to the cloud over Direct Connect.
    const row = hybridRow({
      framework: 'pytorch',
      modelSizeMb: 300,
      inferenceMs: 400,
      trafficPattern: 'spiky',
      requestsPerSecond: 100,
      peakRequestsPerSecond: 2000,
      payloadKb: 1000,
      latencyP95Ms: 5000,
      monthlyBudgetUsd: 100000,
    });
    expect(row.lineItems.some((l) => l.item.startsWith('Site-to-Site VPN'))).toBe(false);
    const port = row.lineItems.find((l) => l.item.startsWith('Direct Connect'))!;
    const [, count, size] = /^Direct Connect (\d+) x (\d+) Gbps port/.exec(port.item)!;
    const needed = Number(/needs about ([\d.]+) Gbps/.exec(row.cost!.assumptions.join(' '))![1]);
    expect(needed).toBeGreaterThan(1.25);
    expect(Number(count) * Number(size)).toBeGreaterThanOrEqual(needed);
    expect(row.cost!.assumptions.some((a) => /more than a VPN tunnel's 1\.25 Gbps/.test(a))).toBe(true);
    // The port-hours are AWS's part: the circuit to the site is not, and the reader is told.
    expect(row.cost!.assumptions.join(' ')).toMatch(
      /Direct Connect is priced as AWS port-hours only: the circuit from the site .* are not priced/,
    );
  });

  it('says when failover would need more than the link carries', () => {
    // 1,200 requests/s of 800 KB frames at the peak, about 7.9 Gbps: the site carries the peak and
    // a VPN suffices for the burst, but not for the whole peak when the site is down.
    const row = hybridRow({
      framework: 'pytorch',
      modelSizeMb: 200,
      gpu: 'required',
      inferenceMs: 15,
      trafficPattern: 'steady',
      requestsPerSecond: 400,
      peakRequestsPerSecond: 1200,
      payloadKb: 800,
      latencyP95Ms: 300,
      monthlyBudgetUsd: 20000,
    });
    expect(row.cost!.assumptions.join(' ')).toMatch(
      /When the site is down, the whole peak needs about 7\.9 Gbps, more than the link's [\d.]+ Gbps: failover carries all of it only if clients reach the cloud directly\./,
    );
  });

  it('owns more servers than the usual load needs when they cost less than the burst and its link', () => {
    // 40 ms a request on CPU: three more CPU servers carry the whole 2,000 requests/s peak for
    // less than the Direct Connect ports its 1 MB requests would need (about 16 Gbps).
    const row = hybridRow(SPIKY_BIG_REQUESTS);
    expect(row.lineItems.some((l) => l.item.startsWith('Direct Connect'))).toBe(false);
    const says = row.cost!.assumptions.join(' ');
    expect(says).toMatch(
      /On-prem base: (\d+) x CPU server for 100 requests\/s \(the usual load\), \d+ more than it needs/,
    );
    expect(row.cost!.sizing.burstOverflowRps).toBe(0);
  });

  it('with servers the team owns, the plan says how many it takes the team to own, and the dollars', () => {
    // existingServers says the team owns servers, not how many: the plan takes them owned at
    // every count (an owned count that followed the usual load made a bought server free as
    // traffic rose) and says so, so the reader can check.
    const row = hybridRow({ ...SPIKY_BIG_REQUESTS, existingServers: 'available' });
    const hardware = row.lineItems.filter((l) => /Hardware: \d+ x CPU server/.test(l.item));
    expect(hardware.map((l) => [l.quantity, l.usd])).toEqual([[4, 0]]);
    const says = row.cost!.assumptions.join(' ');
    expect(says).toMatch(
      /they add \$[\d,.]+ a month with their care and save \$[\d,.]+ of the cloud's burst and link/,
    );
    expect(says).toMatch(
      /the team is taken to own all 4 \(existingServers says it owns servers, not how many or which: check it has them\)/,
    );
  });

  it('more traffic never costs less with servers the team owns (an owned count once followed the rate)', () => {
    // A reviewer's 13B model on owned GPU servers: $26,742 at 53 requests/s, $17,853 at 54, when
    // the servers beyond the usual load's were bought new and the usual load's count grew.
    const llm = {
      framework: 'huggingface',
      modelSizeMb: 26000,
      gpu: 'required',
      trafficPattern: 'steady',
      latencyP95Ms: 20000,
      inputTokens: 1000,
      outputTokens: 300,
      payloadKb: 6,
      monthlyBudgetUsd: 20000,
      existingServers: 'available',
      teamOpsMaturity: 'high',
    } as const;
    const bill = (rate: number) =>
      hybridRow({ ...llm, requestsPerSecond: rate, peakRequestsPerSecond: rate * 3 }).monthlyCostUsd!;
    let last = 0;
    for (const rate of [50, 52, 53, 54, 56, 100, 104, 108]) {
      const usd = bill(rate);
      expect(usd, `${rate} requests/s`).toBeGreaterThanOrEqual(last);
      last = usd;
    }
  });

  it('a large GPU burst runs on the machine cheapest for it, a small one on the cheapest an hour', () => {
    // A reviewer's 7B model bursting 300 requests/s: 175 g5.2xlarge at the peak ($35,669 a month)
    // where about 20 p5.4xlarge do it for less.
    const llm = {
      framework: 'huggingface',
      modelSizeMb: 14000,
      gpu: 'required',
      trafficPattern: 'spiky',
      latencyP95Ms: 15000,
      inputTokens: 800,
      outputTokens: 250,
      payloadKb: 4,
      monthlyBudgetUsd: 15000,
      teamOpsMaturity: 'medium',
    } as const;
    const cloudMachine = (row: ReturnType<typeof hybridRow>) =>
      /^Cloud side: EC2 (\S+)/.exec(
        row.lineItems.find((l) => l.item.startsWith('Cloud side: EC2'))!.item,
      )![1];
    const large = hybridRow({ ...llm, requestsPerSecond: 100, peakRequestsPerSecond: 400 });
    expect(cloudMachine(large)).toBe('p5.4xlarge');
    expect(large.monthlyCostUsd).toBeLessThan(30_000);
    const small = hybridRow({ ...llm, requestsPerSecond: 2, peakRequestsPerSecond: 8 });
    expect(cloudMachine(small)).toBe('g5.2xlarge');
  });

  it('a small burst keeps the VPN, and only the responses leaving AWS are billed (requests in are free)', () => {
    const rec = advice({
      hosting: 'hybrid-ok',
      framework: 'pytorch',
      modelSizeMb: 300,
      inferenceMs: 40,
      trafficPattern: 'spiky',
      requestsPerSecond: 100,
      peakRequestsPerSecond: 800,
      payloadKb: 200,
      latencyP95Ms: 500,
      monthlyBudgetUsd: 100000,
    });
    const row = rec.ranking.find((r) => r.option === 'hybrid')!;
    expect(row.lineItems.some((l) => l.item.startsWith('Site-to-Site VPN connection'))).toBe(true);
    const out = row.lineItems.filter((l) => l.item.startsWith('Data transfer out (cloud responses'));
    const gb = out.reduce((s, l) => s + l.quantity, 0);
    // The responses of the cloud's share of the requests: 2 KB each, never the 200 KB requests.
    const responseKb = knowledge.sizing.network.responseKb;
    const perRequestKb = (gb * 1024 * 1024) / rec.workload.monthlyRequests;
    expect(perRequestKb).toBeGreaterThan(0);
    expect(perRequestKb).toBeLessThanOrEqual(responseKb);
    expect(row.cost!.assumptions.some((a) => /enter AWS free/.test(a))).toBe(true);
  });
});

describe("hybrid's cloud side on a P-family instance", () => {
  it('gets the same capacity caveat as the other options', () => {
    const row = rank({
      hosting: 'hybrid-ok',
      framework: 'huggingface',
      modelSizeMb: 140000,
      gpu: 'required',
      requestsPerSecond: 5,
      latencyP95Ms: 20000,
      monthlyBudgetUsd: 100000,
    }).find((r) => r.option === 'hybrid')!;
    expect(row.cost!.sizing.cloudMachine).toMatch(/^p\d/);
    expect(
      row.reasons.some((x) => /P-family instance: on-demand capacity is often unavailable/.test(x.text)),
    ).toBe(true);
  });
});

describe('asynchronous inference sizes its peak fleet from the queue', () => {
  const asyncRow = (latencyP95Ms: number) =>
    rank({
      framework: 'pytorch',
      modelSizeMb: 2000,
      gpu: 'required',
      trafficPattern: 'spiky',
      requestsPerSecond: 30,
      peakRequestsPerSecond: 600,
      inferenceMs: 200,
      latencyP95Ms,
      monthlyBudgetUsd: 100000,
    }).find((r) => r.option === 'sagemaker-async')!;

  it('clears the backlog of a peak within the acceptable wait, with fewer instances than the peak rate takes', () => {
    const row = asyncRow(300_000);
    const max = Number(row.cost!.sizing.maxInstances);
    const perInstance = Number(/([\d.]+) requests\/s per instance/.exec(row.sizing!.description)![1]);
    const peakS = knowledge.sizing.peakMinutes * 60;
    const waitS = (300_000 - row.sizing!.latencyMs!) / 1000;
    // Fewer than serving 600 requests/s as they arrive takes...
    expect(max).toBeLessThan(Math.ceil(600 / perInstance));
    // ...yet enough that the backlog of the peak is served within the wait.
    const backlog = (600 - max * perInstance) * peakS;
    expect(backlog / (max * perInstance)).toBeLessThanOrEqual(waitS * 1.01);
    // The assumption stands beside the figure.
    expect(String(row.cost!.sizing.maxInstancesBasis)).toMatch(/sized from the queue/);
    expect(row.cost!.assumptions.some((a) => /a peak lasts 15 minutes/.test(a))).toBe(true);
  });

  it('a longer acceptable wait takes fewer instances at the peak', () => {
    const short = Number(asyncRow(300_000).cost!.sizing.maxInstances);
    const long = Number(asyncRow(1_800_000).cost!.sizing.maxInstances);
    expect(long).toBeLessThan(short);
  });
});

describe('the budget sentence names its basis, one a sentence', () => {
  const budgetOf = (r: { reasons: { topic: string; rule?: string; text: string }[] }) =>
    r.reasons.find((x) => x.topic === 'budget' && x.rule !== 'cost-efficiency')!.text;

  it("on-prem's bill is own hardware, not an AWS bill; hybrid's says both parts apart", () => {
    const ranking = rank({
      hosting: 'hybrid-ok',
      framework: 'sklearn',
      requestsPerSecond: 50,
      latencyP95Ms: 300,
      monthlyBudgetUsd: 5000,
    });
    const onPrem = ranking.find((r) => r.option === 'on-prem')!;
    expect(onPrem.cost!.ownHardwareUsd).toBeGreaterThan(0);
    expect(budgetOf(onPrem)).toMatch(
      /^Own hardware \$[\d,.]+ a month \(amortisation and power, no AWS bill\), /,
    );
    expect(budgetOf(onPrem)).not.toMatch(/AWS bill \$/);
    const hybrid = ranking.find((r) => r.option === 'hybrid')!;
    const text = budgetOf(hybrid);
    const aws = hybrid.cost!.awsUsd!;
    const own = hybrid.cost!.ownHardwareUsd!;
    expect(aws).toBeGreaterThan(0);
    expect(own).toBeGreaterThan(0);
    const usd = (v: number) =>
      `$${v.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(v) ? 0 : 2, maximumFractionDigits: 2 })}`;
    expect(text.startsWith(`AWS bill ${usd(aws)} a month. Own hardware ${usd(own)} a month`)).toBe(true);
    // Then their sum, the verdict, and people's time as an addition.
    expect(text).toMatch(/Together \$[\d,.]+, [^;]*budget[^;]*; people's time adds \$/);
    // A cloud option keeps "AWS bill" alone.
    const fargate = ranking.find((r) => r.option === 'ecs-fargate')!;
    expect(budgetOf(fargate)).toMatch(/^AWS bill \$[\d,.]+ a month, /);
  });

  it('a region without bundled prices: the verdict itself says it is on us-east-1 prices', () => {
    const ranking = rank({
      region: 'ap-south-1',
      framework: 'sklearn',
      requestsPerSecond: 50,
      latencyP95Ms: 300,
      monthlyBudgetUsd: 5000,
    });
    for (const r of ranking.filter((x) => x.cost && (x.cost.awsUsd ?? 0) > 0)) {
      expect(budgetOf(r), r.option).toMatch(
        /AWS bill \$[\d,.]+ a month at us-east-1 prices \(no price snapshot for ap-south-1[^)]*\)/,
      );
    }
    // With its own prices, no such words.
    const home = rank({ framework: 'sklearn', requestsPerSecond: 50, latencyP95Ms: 300 });
    for (const r of home.filter((x) => x.cost)) expect(budgetOf(r)).not.toMatch(/prices \(no price snapshot/);
  });
});
