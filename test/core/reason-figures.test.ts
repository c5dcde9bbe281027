import { describe, expect, it } from 'vitest';
import type { AnswersInput } from '../../src/core/answers.js';
import { coldStartSeconds } from '../../src/costs/model.js';
import { deriveWorkload } from '../../src/core/workload.js';
import { parseAnswers } from '../../src/core/answers.js';
import { entry, knowledge, run } from './support.js';

/**
 * Reasons quote the figures behind them: the model-size rules about cold starts the seconds the
 * sizing computes for a start from zero (the platform's start, the framework's import, reading
 * the model in), not the size alone; the budget reason of owned servers what their bill holds.
 */
const reasonOf = (answers: AnswersInput, option: 'lambda' | 'sagemaker-serverless', rule: string) =>
  entry(run(answers), option).reasons.find((r) => r.rule === rule)?.text ?? '';

const startsOf = (answers: AnswersInput) => {
  const w = deriveWorkload(parseAnswers(answers).answers, knowledge.sizing);
  return {
    lambda: coldStartSeconds('lambda', w, knowledge.sizing),
    serverless: coldStartSeconds('sagemaker-serverless', w, knowledge.sizing),
  };
};

describe('cold-start reasons quote the start from zero', () => {
  const small: AnswersInput = {
    framework: 'sklearn',
    modelSizeMb: 50,
    requestsPerSecond: 5,
    latencyP95Ms: 250,
    monthlyBudgetUsd: 2000,
  };
  const large: AnswersInput = {
    framework: 'pytorch',
    modelSizeMb: 3000,
    requestsPerSecond: 5,
    latencyP95Ms: 2000,
    monthlyBudgetUsd: 5000,
  };

  it('a small model: the seconds on Lambda and on Serverless Inference', () => {
    // 1 s Lambda start (6 s Serverless) + 0.5 s sklearn import + 50 MB at 100 MB/s.
    expect(startsOf(small)).toEqual({ lambda: 2, serverless: 7 });
    for (const option of ['lambda', 'sagemaker-serverless'] as const) {
      expect(reasonOf(small, option, 'small-model-starts-fast')).toBe(
        'A 50 MB model loads quickly, so it adds little to a cold start: a start from zero takes about 2 s on Lambda and 7 s on Serverless Inference.',
      );
    }
  });

  it('a large model: the same figures as the sizing', () => {
    const s = startsOf(large);
    // 1 s + 2 s pytorch import + 3,000 MB at 100 MB/s.
    expect(s.lambda).toBe(33);
    expect(reasonOf(large, 'lambda', 'large-model-slows-cold-starts')).toContain(
      `a start from zero takes about ${s.lambda} s on Lambda and ${s.serverless} s on Serverless Inference, paid at every cold start`,
    );
  });
});

describe('the budget reason of owned servers', () => {
  const onPrem: AnswersInput = {
    framework: 'huggingface',
    modelSizeMb: 14000,
    gpu: 'required',
    trafficPattern: 'steady',
    requestsPerSecond: 2,
    latencyP95Ms: 3000,
    monthlyBudgetUsd: 4000,
    hosting: 'on-prem-only',
  };
  const budgetText = (answers: AnswersInput) =>
    entry(run(answers), 'on-prem').reasons.find((r) => r.rule === 'budget-fit')?.text ?? '';

  it('says the bill is power alone when the servers are owned, amortisation when bought', () => {
    expect(budgetText(onPrem)).toMatch(
      /^Own hardware \$[\d,.]+ a month \(amortisation and power, no AWS bill\)/,
    );
    const owned = budgetText({ ...onPrem, existingServers: 'available' });
    expect(owned).toMatch(
      /^Own hardware \$[\d,.]+ a month \(power, the servers owned already, no AWS bill\)/,
    );
    expect(owned).not.toContain('amortisation');
  });
});
