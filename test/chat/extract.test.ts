import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/chat/extract.js';

const values = (text: string, current: Parameters<typeof extractFacts>[1] = null) =>
  Object.fromEntries(extractFacts(text, current).facts.map((f) => [f.key, f.value]));

describe('reading every answer a message gives', () => {
  it('fills rate, peak, latency, budget, size and Kubernetes from the one-sentence workload', () => {
    const found = extractFacts(
      'we have a pytorch recommender, about 800MB, 30 rps average with peaks of 200 at lunch, needs to answer in 150ms, budget maybe 2k a month, no k8s',
    );
    expect(Object.fromEntries(found.facts.map((f) => [f.key, f.value]))).toEqual({
      framework: 'pytorch',
      modelSizeMb: 800,
      requestsPerSecond: 30,
      peakRequestsPerSecond: 200,
      latencyP95Ms: 150,
      monthlyBudgetUsd: 2000,
      kubernetes: 'none',
    });
    expect(found.unclear).toEqual([]);
  });

  it('reads units, scales and periods', () => {
    expect(values('3M requests a month')).toEqual({ requestsPerSecond: 1.141553 });
    expect(values('1.2k requests per minute')).toEqual({ requestsPerSecond: 20 });
    expect(values('the model is 14 GB')).toEqual({ modelSizeMb: 14336 });
    expect(values('payloads are 2 MB')).toEqual({ payloadKb: 2048 });
    expect(values('$12k a year')).toEqual({ monthlyBudgetUsd: 1000 });
    expect(values('p95 under 2 s')).toEqual({ latencyP95Ms: 2000 });
    expect(values('inference takes 40ms')).toEqual({ inferenceMs: 40 });
    expect(values('we are in eu-west-1')).toEqual({ region: 'eu-west-1' });
  });

  it('reads ranges, taking the busier load and the stricter target', () => {
    const rate = extractFacts('20-30 rps').facts[0]!;
    expect(rate).toMatchObject({ key: 'requestsPerSecond', value: 30, note: 'the busier end of the range' });
    expect(values('latency between 100 and 200 ms')).toEqual({ latencyP95Ms: 100 });
  });

  it('reads negations and choices said in words', () => {
    expect(values('no k8s, cpu only')).toEqual({ kubernetes: 'none', gpu: 'none' });
    expect(values("we don't use kubernetes")).toEqual({ kubernetes: 'none' });
    expect(values('we run EKS and need a GPU')).toEqual({ kubernetes: 'eks', gpu: 'required' });
    expect(values('traffic is bursty, must stay on-prem')).toEqual({
      trafficPattern: 'spiky',
      hosting: 'on-prem-only',
    });
    expect(values('no latency target, nightly batch')).toEqual({
      latencyP95Ms: null,
      trafficPattern: 'batch',
    });
  });

  it('answers in any wording: "p95 under 100 ms", "actually we need 100ms at p95"', () => {
    expect(values('p95 under 100 ms', 'requestsPerSecond')).toEqual({ latencyP95Ms: 100 });
    expect(values('actually we need 100ms at p95')).toEqual({ latencyP95Ms: 100 });
  });

  it('asks instead of guessing', () => {
    expect(extractFacts('we run kubernetes').unclear[0]).toMatchObject({ ask: 'kubernetes' });
    expect(extractFacts('a pytorch model exported to onnx').unclear[0]!.question).toMatch(/pytorch or onnx/);
    const money = extractFacts('2k a month');
    expect(money.facts).toEqual([]);
    expect(money.unclear[0]!.question).toMatch(/a request rate, a latency, a budget or a size/);
    expect(extractFacts('30 rps, no wait, 40 rps').unclear[0]!.question).toMatch(
      /two values for the request rate: 30 requests\/s and 40 requests\/s/,
    );
    // A bare number answers the question on screen, and only then.
    expect(values('200', 'peakRequestsPerSecond')).toEqual({ peakRequestsPerSecond: 200 });
    expect(extractFacts('200').facts).toEqual([]);
  });

  it('does not take digits inside names for numbers', () => {
    expect(values('t4 gpu required in us-east-1')).toEqual({ gpu: 'required', region: 'us-east-1' });
    expect(values('what if traffic is 10x')).toEqual({});
  });
});

describe('peaks beside averages', () => {
  it('gives the peak word to the number it introduces, and skips "#2"', () => {
    expect(values('5k requests/min peak 20k/min')).toEqual({
      requestsPerSecond: 83.333333,
      peakRequestsPerSecond: 333.333333,
    });
    expect(values('peaks of 200 rps, 30 rps on average')).toEqual({
      peakRequestsPerSecond: 200,
      requestsPerSecond: 30,
    });
    expect(extractFacts('#2', 'requestsPerSecond').facts).toEqual([]);
  });
});
