import { describe, expect, it } from 'vitest';
import { eksLineItems } from '../../src/costs/eks.js';
import { fargateLineItems } from '../../src/costs/fargate.js';
import { lambdaLineItems, type LambdaParams } from '../../src/costs/lambda.js';
import { sagemakerInstanceLineItems } from '../../src/costs/sagemaker-instances.js';
import { sagemakerServerlessLineItems } from '../../src/costs/sagemaker-serverless.js';
import { total } from '../../src/costs/money.js';
import { UnknownPriceError } from '../../src/pricing/types.js';
import { bookOf } from './helpers.js';

/**
 * AWS's published worked examples, reproduced to the cent with the unit prices each example
 * states. Where a page's text gave the inputs but not (in the copy we could retrieve) the result,
 * the test says so and checks the arithmetic of AWS's stated rule instead.
 */

const lambda = (p: Partial<LambdaParams>): LambdaParams => ({
  memoryMb: 128,
  requests: 0,
  durationMs: 1,
  arch: 'x86_64',
  ephemeralStorageMb: 512,
  provisionedConcurrency: 0,
  provisionedHours: 0,
  freeTier: false,
  ...p,
});

describe('AWS Lambda pricing page examples (https://aws.amazon.com/lambda/pricing/, US East)', () => {
  // The page's examples quote the GB-second price rounded to $0.00001667.
  const page = bookOf({ 'lambda.requests': 0.0000002, 'lambda.duration.x86_64': 0.00001667 });

  it('Example 1: 512 MB, 3M requests of 1 s, with the free tier = $18.34 + $0.40 = $18.74', () => {
    const items = lambdaLineItems(
      lambda({ memoryMb: 512, requests: 3_000_000, durationMs: 1000, freeTier: true }),
      page,
    );
    expect(items.map((i) => [i.quantity, i.usd])).toEqual([
      [2_000_000, 0.4], // 3M requests - 1M free
      [1_100_000, 18.34], // 1,500,000 GB-s - 400,000 free
    ]);
    expect(total(items)).toBe(18.74);
  });

  it('Example 2: 128 MB, 30M requests of 200 ms, with the free tier (inputs from the page; $5.83 + $5.80)', () => {
    const items = lambdaLineItems(
      lambda({ memoryMb: 128, requests: 30_000_000, durationMs: 200, freeTier: true }),
      page,
    );
    expect(items.map((i) => [i.quantity, i.usd])).toEqual([
      [29_000_000, 5.8],
      [350_000, 5.83], // 750,000 GB-s - 400,000 free, x $0.00001667
    ]);
    expect(total(items)).toBe(11.63);
  });

  it('never applies the free tier unless asked: Example 1 without it is 3M requests and 1.5M GB-s', () => {
    const items = lambdaLineItems(lambda({ memoryMb: 512, requests: 3_000_000, durationMs: 1000 }), page);
    expect(items.map((i) => [i.quantity, i.usd])).toEqual([
      [3_000_000, 0.6],
      [1_500_000, 25.01], // 25.005 rounds half up
    ]);
  });

  it('Provisioned Concurrency example: 1024 MB, 1,000 concurrency for 2 hours, 1.2M requests of 1 s', () => {
    // Inputs from the page's Provisioned Concurrency "Example 1" (copy retrieved without its result
    // lines); the figures follow from AWS's stated prices: PC $0.0000041667 and PC duration
    // $0.0000097222 per GB-s, $0.20 per 1M requests. The free tier never applies with PC.
    const book = bookOf({
      'lambda.requests': 0.0000002,
      'lambda.duration.x86_64': 0.0000166667,
      'lambda.provisioned-concurrency.x86_64': 0.0000041667,
      'lambda.provisioned-duration.x86_64': 0.0000097222,
    });
    const items = lambdaLineItems(
      lambda({
        memoryMb: 1024,
        requests: 1_200_000,
        durationMs: 1000,
        provisionedConcurrency: 1000,
        provisionedHours: 2,
        freeTier: true,
      }),
      book,
    );
    expect(items.map((i) => [i.item.split(' (')[0], i.quantity, i.usd])).toEqual([
      ['Requests', 1_200_000, 0.24],
      ['Provisioned concurrency', 7_200_000, 30.0],
      ['Duration on provisioned concurrency', 1_200_000, 11.67],
    ]);
    expect(total(items)).toBe(41.91);
  });

  it('bills duration rounded up to the next 1 ms', () => {
    const book = bookOf({ 'lambda.requests': 0.0000002, 'lambda.duration.x86_64': 0.0000166667 });
    const at = (ms: number) =>
      lambdaLineItems(lambda({ memoryMb: 1024, requests: 1_000_000, durationMs: ms }), book)[1]!;
    expect(at(1.2).quantity).toBe(2000); // 1M x 2 ms x 1 GB
    expect(at(2).quantity).toBe(2000);
    expect(at(2.0001).quantity).toBe(3000);
  });

  it('prices duration by monthly tiers (x86_64: 6B and 15B GB-s), a line per tier', () => {
    const book = bookOf({
      'lambda.requests': 0.0000002,
      'lambda.duration.x86_64': [
        { from: 0, to: 6e9, usd: 0.0000166667 },
        { from: 6e9, to: 15e9, usd: 0.000015 },
        { from: 15e9, to: null, usd: 0.0000133334 },
      ],
    });
    // 10,240 MB = 10 GB; 2B requests x 1 s = 20B GB-s: 6B + 9B + 5B.
    const items = lambdaLineItems(lambda({ memoryMb: 10240, requests: 2e9, durationMs: 1000 }), book);
    expect(items.slice(1).map((i) => [i.quantity, i.unitPriceUsd, i.usd])).toEqual([
      [6e9, 0.0000166667, 100000.2],
      [9e9, 0.000015, 135000],
      [5e9, 0.0000133334, 66667],
    ]);
  });

  it('uses the arm64 prices for arm64 and bills ephemeral storage above 512 MB only', () => {
    const book = bookOf({
      'lambda.requests': 0.0000002,
      'lambda.duration.x86_64': 0.0000166667,
      'lambda.duration.arm64': 0.0000133334,
      'lambda.ephemeral-storage': 0.0000000309,
    });
    const items = lambdaLineItems(
      lambda({
        memoryMb: 1024,
        requests: 1_000_000,
        durationMs: 1000,
        arch: 'arm64',
        ephemeralStorageMb: 10240,
      }),
      book,
    );
    expect(items.map((i) => [i.quantity, i.unitPriceUsd, i.usd])).toEqual([
      [1_000_000, 0.0000002, 0.2],
      [1_000_000, 0.0000133334, 13.33],
      [9_500_000, 0.0000000309, 0.29], // (10 GB - 0.5 GB) x 1,000,000 s
    ]);
    const small = lambdaLineItems(
      lambda({ memoryMb: 1024, requests: 1000, durationMs: 10, ephemeralStorageMb: 512 }),
      book,
    );
    expect(small.some((i) => i.item.startsWith('Ephemeral'))).toBe(false);
  });
});

describe('SageMaker (https://aws.amazon.com/sagemaker/pricing/)', () => {
  it('real-time: ml.m5.xlarge, 2 instances all month = 1,460 instance-hours = $335.80 (infracost golden test, third-party)', () => {
    const book = bookOf({ 'sagemaker.hosting.ml.m5.xlarge': 0.23, 'sagemaker.data-processed': 0.016 });
    const items = sagemakerInstanceLineItems(
      'hosting',
      { instanceType: 'ml.m5.xlarge', instances: 2, hours: 730, dataGb: 0 },
      book,
    );
    expect(items[0]).toMatchObject({ quantity: 1460, unit: 'instance-hour', usd: 335.8 });
    expect(total(items)).toBe(335.8);
  });

  it('serverless: GB-seconds of memory x duration, plus data processed in and out', () => {
    const book = bookOf({ 'sagemaker.serverless.gb-second': 0.00002, 'sagemaker.data-processed': 0.016 });
    // 2 GB for 10M requests of 100 ms = 2,000,000 GB-s = $40.00; 10 GB processed = $0.16.
    const items = sagemakerServerlessLineItems(
      {
        memoryMb: 2048,
        requests: 10_000_000,
        durationMs: 100,
        dataGb: 10,
        provisionedConcurrency: 0,
        provisionedHours: 0,
      },
      book,
    );
    expect(items.map((i) => [i.quantity, i.usd])).toEqual([
      [2_000_000, 40],
      [10, 0.16],
    ]);
  });

  it('serverless provisioned concurrency has no known price: an error, never $0', () => {
    const book = bookOf({ 'sagemaker.serverless.gb-second': 0.00002, 'sagemaker.data-processed': 0.016 });
    expect(() =>
      sagemakerServerlessLineItems(
        {
          memoryMb: 2048,
          requests: 1,
          durationMs: 100,
          dataGb: 0,
          provisionedConcurrency: 5,
          provisionedHours: 730,
        },
        book,
      ),
    ).toThrow(UnknownPriceError);
  });
});

describe('Fargate (https://aws.amazon.com/fargate/pricing/) and EKS (https://aws.amazon.com/eks/pricing/)', () => {
  const book = bookOf({
    'fargate.vcpu-hour.x86_64': 0.04048,
    'fargate.gb-hour.x86_64': 0.004445,
    'fargate.vcpu-hour.arm64': 0.03238,
    'fargate.gb-hour.arm64': 0.00356,
    'fargate.ephemeral-storage.gb-hour': 0.000111,
    'eks.cluster-hour': 0.1,
    'ec2.m5.large': 0.096,
  });

  it('vCPU-hours and GB-hours per task; ephemeral storage only above the included 20 GB', () => {
    const items = fargateLineItems(
      { vcpu: 1, memoryGb: 2, tasks: 2, hours: 730, arch: 'x86_64', ephemeralStorageGb: 50 },
      book,
    );
    expect(items.map((i) => [i.quantity, i.usd])).toEqual([
      [1460, 59.1], // 1,460 vCPU-h x $0.04048 = 59.1008
      [2920, 12.98], // 2,920 GB-h x $0.004445 = 12.9794
      [43800, 4.86], // 2 tasks x 30 GB x 730 h x $0.000111 = 4.8618
    ]);
    const arm = fargateLineItems(
      { vcpu: 1, memoryGb: 2, tasks: 1, hours: 730, arch: 'arm64', ephemeralStorageGb: 20 },
      book,
    );
    expect(arm.map((i) => i.unitPriceUsd)).toEqual([0.03238, 0.00356]);
  });

  it('EKS: $0.10 per cluster-hour ($73 for a 730-hour month) plus the EC2 nodes', () => {
    const items = eksLineItems({ nodeType: 'm5.large', nodes: 2, hours: 730, clusters: 1 }, book);
    expect(items.map((i) => [i.quantity, i.usd])).toEqual([
      [730, 73],
      [1460, 140.16],
    ]);
  });
});

describe('billing granularity', () => {
  it('Lambda provisioned concurrency time is rounded up to the nearest 5 minutes', () => {
    const book = bookOf({
      'lambda.requests': 0.0000002,
      'lambda.duration.x86_64': 0.0000166667,
      'lambda.provisioned-concurrency.x86_64': 0.0000041667,
      'lambda.provisioned-duration.x86_64': 0.0000097222,
    });
    // 1 x 1 GB for 61 minutes is billed as 65 minutes = 3,900 GB-s.
    const items = lambdaLineItems(
      lambda({
        memoryMb: 1024,
        requests: 0,
        durationMs: 1,
        provisionedConcurrency: 1,
        provisionedHours: 61 / 60,
      }),
      book,
    );
    expect(items.find((i) => i.item.startsWith('Provisioned concurrency'))?.quantity).toBe(3900);
  });

  it('Fargate bills a task run for at least one minute', () => {
    const book = bookOf({ 'fargate.vcpu-hour.x86_64': 0.04048, 'fargate.gb-hour.x86_64': 0.004445 });
    const items = fargateLineItems(
      { vcpu: 1, memoryGb: 2, tasks: 60, hours: 10 / 3600, arch: 'x86_64', ephemeralStorageGb: 20 },
      book,
    );
    expect(items[0]!.quantity).toBeCloseTo(1, 10); // 60 tasks x 1 minute, not 60 x 10 s
  });
});
