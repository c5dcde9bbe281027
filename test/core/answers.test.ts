import { describe, expect, it } from 'vitest';
import { ANSWER_DEFAULTS, parseAnswers } from '../../src/core/answers.js';
import { UserInputError } from '../../src/core/errors.js';

const minimal = { framework: 'sklearn', requestsPerSecond: 5, latencyP95Ms: 200, monthlyBudgetUsd: 300 };

function problems(input: unknown): string[] {
  try {
    parseAnswers(input);
  } catch (error) {
    expect(error).toBeInstanceOf(UserInputError);
    return (error as UserInputError).details.flatMap((d) => d.split('\n'));
  }
  throw new Error('expected the answers to be rejected');
}

describe('answers schema', () => {
  it('accepts the four required keys and reports every default it applied', () => {
    const { answers, defaulted } = parseAnswers(minimal);
    expect(answers).toMatchObject({ ...minimal, ...ANSWER_DEFAULTS });
    expect(defaulted.map((d) => d.field).sort()).toEqual(Object.keys(ANSWER_DEFAULTS).sort());
    expect(answers.peakRequestsPerSecond).toBeUndefined();
  });

  it('keeps given values and does not report them as defaults', () => {
    const { answers, defaulted } = parseAnswers({ ...minimal, gpu: 'required', region: 'eu-west-1' });
    expect(answers.gpu).toBe('required');
    expect(answers.region).toBe('eu-west-1');
    expect(defaulted.map((d) => d.field)).not.toContain('gpu');
  });

  it('accepts null latency for offline work', () => {
    expect(parseAnswers({ ...minimal, latencyP95Ms: null }).answers.latencyP95Ms).toBeNull();
  });

  it('names an unknown framework and lists the allowed ones', () => {
    const [problem] = problems({ ...minimal, framework: 'keras' });
    expect(problem).toMatch(/^framework: "keras" is not allowed; allowed: pytorch, tensorflow, sklearn/);
  });

  it('rejects a negative rate naming the field and the bound', () => {
    expect(problems({ ...minimal, requestsPerSecond: -1 })).toEqual([
      expect.stringMatching(/^requestsPerSecond: -1 is too small; must be >= 0/),
    ]);
  });

  it('names each missing required key', () => {
    const { monthlyBudgetUsd: _b, latencyP95Ms: _l, ...rest } = minimal;
    const found = problems(rest);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^monthlyBudgetUsd: required/),
        expect.stringMatching(/^latencyP95Ms: required/),
      ]),
    );
  });

  it('rejects unknown keys and lists the allowed keys', () => {
    const [problem] = problems({ ...minimal, budget: 3 });
    expect(problem).toMatch(/^budget: unknown key; allowed keys are framework, modelSizeMb/);
  });

  it('rejects wrong types, zero model size, bad regions and non-mappings', () => {
    expect(problems({ ...minimal, requestsPerSecond: '20 rps' })[0]).toMatch(
      /^requestsPerSecond: "20 rps" is not a number/,
    );
    expect(problems({ ...minimal, modelSizeMb: 0 })[0]).toMatch(
      /^modelSizeMb: 0 is too small; must be >= 0.001/,
    );
    expect(problems({ ...minimal, region: 'Virginia' })[0]).toMatch(
      /^region: "Virginia" is not an AWS region code/,
    );
    expect(problems({ ...minimal, latencyP95Ms: 'fast' })[0]).toMatch(
      /^latencyP95Ms: "fast" is not a number or null/,
    );
    expect(() => parseAnswers([minimal])).toThrow(/expected a mapping/);
    expect(() => parseAnswers('framework: sklearn')).toThrow(/expected a mapping/);
  });
});
