import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseAnswerFor,
  parseChoice,
  parseDurationMs,
  parseLatency,
  parseMoney,
  parseRate,
  parseRegion,
  parseSize,
} from '../../src/chat/parse-answer.js';

const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!r.ok) throw new Error(`expected a value, got: ${r.reason}`);
  return r.value;
};
const reason = (r: { ok: boolean; reason?: string }): string => {
  expect(r.ok).toBe(false);
  return r.reason!;
};

describe('parseRate', () => {
  it.each([
    ['20 rps', 20],
    ['20 requests per second', 20],
    ['20 req/s', 20],
    ['20/s', 20],
    ['about 20 a second', 20],
    ['1.2k requests per minute', 20],
    ['1,200 per minute', 20],
    ['72k per hour', 20],
    ['1.5k', 1500],
    ['7', 7],
    ['0', 0],
  ])('%s -> %d per second', (text, expected) => {
    expect(value(parseRate(text))).toBeCloseTo(expected, 6);
  });

  it('reads a month as 730 hours', () => {
    expect(value(parseRate('3M a month'))).toBeCloseTo(3e6 / (730 * 3600), 5);
    expect(value(parseRate('3 million requests per month'))).toBeCloseTo(3e6 / (730 * 3600), 5);
    expect(value(parseRate('86.4k per day'))).toBeCloseTo(1, 6);
  });

  it('gives a reason for what it cannot read', () => {
    expect(reason(parseRate('lots'))).toMatch(/not a request rate.*20 rps/);
    expect(reason(parseRate('20 per fortnight'))).toMatch(/rate unit/);
    expect(reason(parseRate('-5 rps'))).toMatch(/not a request rate/);
  });

  it('round-trips any rate written as "N rps" or "N per minute"', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (n) => {
        const text = n.toFixed(3);
        expect(value(parseRate(`${text} rps`))).toBeCloseTo(Number(text), 5);
        expect(value(parseRate(`${text} requests per minute`))).toBeCloseTo(Number(text) / 60, 5);
      }),
    );
  });
});

describe('durations and latency', () => {
  it.each([
    ['250ms', 250],
    ['250 ms', 250],
    ['2 s', 2000],
    ['1.5 seconds', 1500],
    ['300', 300],
    ['1 min', 60000],
  ])('%s -> %d ms', (text, ms) => {
    expect(value(parseDurationMs(text))).toBe(ms);
  });
  it('takes "none" and "offline" as no latency target', () => {
    expect(value(parseLatency('none'))).toBeNull();
    expect(value(parseLatency('offline'))).toBeNull();
    expect(value(parseLatency('100ms'))).toBe(100);
  });
  it('refuses zero and unknown units with a reason', () => {
    expect(reason(parseDurationMs('0 ms'))).toMatch(/more than 0/);
    expect(reason(parseDurationMs('3 fortnights'))).toMatch(/time unit/);
  });
});

describe('parseMoney', () => {
  it.each([
    ['$800/month', 800],
    ['$800 per month', 800],
    ['800 usd', 800],
    ['800', 800],
    ['$1.2k', 1200],
    ['$1,500 a month', 1500],
    ['$12k a year', 1000],
  ])('%s -> %d a month', (text, usd) => {
    expect(value(parseMoney(text))).toBe(usd);
  });
  it('gives a reason', () => {
    expect(reason(parseMoney('cheap'))).toMatch(/not an amount/);
  });
});

describe('parseSize', () => {
  it('reads MB and GB for the model', () => {
    expect(value(parseSize('120 MB', 'MB'))).toBe(120);
    expect(value(parseSize('14 GB', 'MB'))).toBe(14 * 1024);
    expect(value(parseSize('1.5k', 'MB'))).toBe(1500);
    expect(value(parseSize('500', 'MB'))).toBe(500);
  });
  it('reads KB and MB for the payload', () => {
    expect(value(parseSize('10 KB', 'KB'))).toBe(10);
    expect(value(parseSize('2 MB', 'KB'))).toBe(2048);
  });
  it('gives a reason', () => {
    expect(reason(parseSize('big', 'MB'))).toMatch(/not a size/);
    expect(reason(parseSize('3 parsecs', 'MB'))).toMatch(/size unit/);
    expect(reason(parseSize('0 MB', 'MB'))).toMatch(/more than 0/);
  });
});

describe('parseChoice', () => {
  it.each([
    ['framework', 'scikit-learn', 'sklearn'],
    ['framework', 'sklearn', 'sklearn'],
    ['framework', 'torch', 'pytorch'],
    ['framework', 'keras', 'tensorflow'],
    ['framework', 'hf', 'huggingface'],
    ['framework', 'transformers', 'huggingface'],
    ['framework', 'We use Scikit-Learn.', 'sklearn'],
    ['framework', '3', 'sklearn'],
    ['gpu', 'no', 'none'],
    ['gpu', 'yes', 'required'],
    ['gpu', 'maybe', 'optional'],
    ['trafficPattern', 'bursty', 'spiky'],
    ['kubernetes', 'no', 'none'],
    ['teamOpsMaturity', 'some', 'medium'],
    ['hosting', 'on prem', 'on-prem-only'],
  ] as const)('%s: %s -> %s', (key, text, expected) => {
    expect(value(parseChoice(key, text))).toBe(expected);
  });
  it('lists the choices when it cannot tell', () => {
    expect(reason(parseChoice('framework', 'cobol'))).toMatch(/choose one of pytorch, tensorflow, sklearn/);
    expect(reason(parseChoice('framework', 'torch or keras'))).toMatch(/could mean/);
    expect(reason(parseChoice('framework', '9'))).toMatch(/no choice 9/);
  });
});

describe('parseAnswerFor', () => {
  it('routes each key to its reader', () => {
    expect(value(parseAnswerFor('requestsPerSecond', '20 rps'))).toBe(20);
    expect(value(parseAnswerFor('monthlyBudgetUsd', '$300'))).toBe(300);
    expect(value(parseAnswerFor('latencyP95Ms', '2 s'))).toBe(2000);
    expect(value(parseAnswerFor('projectName', '  fraud model '))).toBe('fraud model');
    expect(value(parseRegion('EU Central 1'))).toBe('eu-central-1');
    expect(reason(parseRegion('mars-1'))).toMatch(/not an AWS region/);
  });
});
