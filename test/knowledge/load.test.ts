import { describe, expect, it } from 'vitest';
import { OPTION_IDS } from '../../src/core/options.js';
import { FACT_NAMES } from '../../src/core/facts.js';
import { factsUsed } from '../../src/core/condition.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { FileProblemError } from '../../src/knowledge/yaml-file.js';
import { copyKnowledge, editKnowledgeFile, lineOf } from '../support/knowledge-copy.js';

function loadError(dir: string): FileProblemError {
  try {
    loadKnowledge(dir, 'kb');
  } catch (error) {
    expect(error).toBeInstanceOf(FileProblemError);
    return error as FileProblemError;
  }
  throw new Error('expected the rules base to be rejected');
}

describe('the bundled rules base', () => {
  const knowledge = loadKnowledge();

  it('describes the ten options of the contract, once each, in order', () => {
    expect(knowledge.options.map((o) => o.id)).toEqual([...OPTION_IDS]);
  });

  it('gives every limit a value, unit, source and date, and every fact a known name', () => {
    for (const limit of knowledge.limits) {
      expect(limit.source.url).toMatch(/^https:\/\//);
      expect(limit.source.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const fact of factsUsed(limit.violatedWhen)) expect(FACT_NAMES).toContain(fact);
    }
  });

  it('covers the hard limits the product promises', () => {
    const ids = knowledge.limits.map((l) => l.id);
    for (const id of [
      'lambda-no-gpu',
      'lambda-memory',
      'lambda-timeout',
      'lambda-payload',
      'lambda-image-size',
      'serverless-no-gpu',
      'serverless-memory',
      'serverless-concurrency',
      'serverless-payload',
      'serverless-timeout',
      'realtime-payload',
      'realtime-timeout',
      'async-payload',
      'async-processing-time',
      'fargate-no-gpu',
      'fargate-task-size',
      'tf-serving-savedmodel-only',
      'hosting-on-prem-only',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('covers every soft-rule topic with a sentence', () => {
    const topics = new Set(knowledge.rules.map((r) => r.topic));
    for (const topic of ['traffic', 'latency', 'team', 'kubernetes', 'lock-in', 'framework', 'gpu', 'model-size']) {
      expect(topics).toContain(topic);
    }
    // The budget is no longer a set of step rules: it is scored continuously from the bill's share
    // of the budget (core/budget-fit.ts), with its weights in the sizing file.
    expect(knowledge.rules.some((r) => r.topic === 'budget')).toBe(false);
    expect(knowledge.sizing.costScoring.budget).toMatchObject({
      withinPoints: expect.any(Number),
      overPointsPerDoubling: expect.any(Number),
      maxPenalty: expect.any(Number),
    });
    for (const rule of knowledge.rules) expect(rule.because.length).toBeGreaterThan(20);
  });

  it('states where public advice is wrong, with a source', () => {
    const corrected = knowledge.rules.filter((r) => r.corrects);
    expect(corrected.some((r) => /custom container/i.test(r.corrects ?? ''))).toBe(true);
    expect(knowledge.retired.map((r) => r.name).join(' ')).toMatch(/DeepLens/);
    expect(knowledge.retired.map((r) => r.name).join(' ')).toMatch(/Elastic Inference/);
  });
});

describe('a broken rules base', () => {
  it('names the file and line of a YAML syntax error', () => {
    const dir = copyKnowledge();
    const line = lineOf('rules.yaml', 'id: existing-eks-cluster');
    editKnowledgeFile(dir, 'rules.yaml', 'id: existing-eks-cluster', 'id: [existing-eks-cluster');
    const error = loadError(dir);
    expect(error.message).toMatch(/^kb\/rules\.yaml:\d+: not valid YAML/);
    expect(error.line).toBeGreaterThanOrEqual(line);
  });

  it('names the file, line and field of a schema error', () => {
    const dir = copyKnowledge();
    editKnowledgeFile(dir, 'limits.yaml', 'limit: { value: 10240, unit: MB }', 'limit: { value: 10240 }');
    const error = loadError(dir);
    expect(error.file).toBe('kb/limits.yaml');
    expect(error.line).toBe(lineOf('limits.yaml', 'limit: { value: 10240, unit: MB }'));
    expect(error.message).toMatch(/limits\.\d+\.limit\.unit/);
  });

  it('rejects LLM concurrencies that do not rise (the sizing bisects them in order)', () => {
    const dir = copyKnowledge();
    const line = '  concurrencies: [1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128]';
    editKnowledgeFile(dir, 'sizing.yaml', line, '  concurrencies: [1, 2, 8, 4, 12, 16, 24, 32, 48, 64, 96, 128]');
    const error = loadError(dir);
    expect(error.message).toMatch(/llm\.concurrencies.*must rise, each above the last/);
    expect(error.line).toBe(lineOf('sizing.yaml', line));
  });

  it('rejects a rule that tests an unknown fact', () => {
    const dir = copyKnowledge();
    editKnowledgeFile(dir, 'rules.yaml', 'when: { fact: kubernetes, eq: eks }', 'when: { fact: k8s, eq: eks }');
    const error = loadError(dir);
    expect(error.message).toMatch(/unknown fact "k8s"/);
    expect(error.line).toBe(lineOf('rules.yaml', 'when: { fact: kubernetes, eq: eks }'));
  });

  it('rejects an effect on an option that does not exist', () => {
    const dir = copyKnowledge();
    editKnowledgeFile(dir, 'rules.yaml', '      eks: 25', '      kubernetes-engine: 25');
    expect(loadError(dir).message).toMatch(/rules\.yaml:\d+: rules\.\d+\.effects/);
  });

  it('rejects a missing option and a missing file', () => {
    const dir = copyKnowledge();
    editKnowledgeFile(dir, 'options.yaml', '- id: hybrid', '- id: sagemaker-realtime');
    expect(loadError(dir).message).toMatch(/options\.yaml:\d+: options\.\d+\.id: option sagemaker-realtime twice/);
  });
});
