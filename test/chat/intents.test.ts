import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { matchOption, parseChange, parseIntent } from '../../src/chat/intents.js';
import { defaultOptionRefs, optionRefsFrom } from '../../src/chat/option-refs.js';

const options = optionRefsFrom(loadKnowledge());
const intent = (text: string) => parseIntent(text, options);

describe('follow-ups in plain words', () => {
  it.each([
    ['why not lambda?', { kind: 'why-not', option: 'lambda' }],
    ['Why not AWS Lambda', { kind: 'why-not', option: 'lambda' }],
    ['why not fargate?', { kind: 'why-not', option: 'ecs-fargate' }],
    ['why ecs-fargate?', { kind: 'why', option: 'ecs-fargate' }],
    ['why?', { kind: 'why' }],
    ['why is it first?', { kind: 'why' }],
    ['compare lambda and eks', { kind: 'compare', a: 'lambda', b: 'eks' }],
    ['lambda vs fargate', { kind: 'compare', a: 'lambda', b: 'ecs-fargate' }],
    ['cheapest', { kind: 'cheapest' }],
    ["what's the cheapest?", { kind: 'cheapest' }],
    ['help', { kind: 'help' }],
  ])('%s', (text, expected) => {
    expect(intent(text)).toEqual(expected);
  });

  it('reads what-ifs as one changed answer', () => {
    expect(intent('what if traffic is 10x')).toEqual({
      kind: 'what-if',
      change: { key: 'requestsPerSecond', multiply: 10 },
    });
    expect(intent('what if traffic doubles?')).toEqual({
      kind: 'what-if',
      change: { key: 'requestsPerSecond', multiply: 2 },
    });
    expect(intent('what if the budget is $300')).toEqual({
      kind: 'what-if',
      change: { key: 'monthlyBudgetUsd', value: 300 },
    });
    expect(intent('what if latency is 2 s')).toEqual({
      kind: 'what-if',
      change: { key: 'latencyP95Ms', value: 2000 },
    });
    expect(intent('what if traffic is spiky')).toEqual({
      kind: 'what-if',
      change: { key: 'trafficPattern', value: 'spiky' },
    });
    expect(intent('what if the gpu is required')).toEqual({
      kind: 'what-if',
      change: { key: 'gpu', value: 'required' },
    });
  });

  it('reads answer edits by naming the answer', () => {
    expect(intent('budget is $300')).toEqual({
      kind: 'edit',
      change: { key: 'monthlyBudgetUsd', value: 300 },
    });
    expect(intent('set latency to 100 ms')).toEqual({
      kind: 'edit',
      change: { key: 'latencyP95Ms', value: 100 },
    });
    expect(intent('actually the model is pytorch')).toEqual({
      kind: 'edit',
      change: { key: 'framework', value: 'pytorch' },
    });
    expect(intent('kubernetes is eks')).toEqual({
      kind: 'edit',
      change: { key: 'kubernetes', value: 'eks' },
    });
  });

  it('leaves plain answers alone', () => {
    for (const text of ['sklearn', '20 requests per second', '250 ms', '$800 per month', 'no', '14 GB']) {
      expect(intent(text)).toBeNull();
    }
  });

  it('says what is wrong with a follow-up it recognises', () => {
    expect(intent('why not teleportation?')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/do not know an option/),
    });
    expect(intent('what if budget is lots')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/not an amount/),
    });
    expect(intent('what if the moon is full')).toMatchObject({ kind: 'invalid' });
    expect(intent('compare lambda and lambda')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/same option/),
    });
  });
});

describe('slash commands', () => {
  it.each([
    ['/help', { kind: 'help' }],
    ['/why', { kind: 'why' }],
    ['/why lambda', { kind: 'why', option: 'lambda' }],
    ['/why not lambda', { kind: 'why-not', option: 'lambda' }],
    ['/compare', { kind: 'compare' }],
    ['/compare lambda ecs-fargate', { kind: 'compare', a: 'lambda', b: 'ecs-fargate' }],
    ['/whatif traffic 10x', { kind: 'what-if', change: { key: 'requestsPerSecond', multiply: 10 } }],
    ['/whatif budget $300', { kind: 'what-if', change: { key: 'monthlyBudgetUsd', value: 300 } }],
    ['/cost', { kind: 'cost' }],
    ['/cost lambda', { kind: 'cost', option: 'lambda' }],
    ['/report', { kind: 'report' }],
    ['/report out.md', { kind: 'report', file: 'out.md' }],
    ['/scaffold', { kind: 'scaffold' }],
    ['/scaffold lambda', { kind: 'scaffold', option: 'lambda' }],
    ['/scaffold lambda ./svc', { kind: 'scaffold', option: 'lambda', dir: './svc' }],
    ['/scaffold ./svc', { kind: 'scaffold', dir: './svc' }],
    ['/save', { kind: 'save' }],
    ['/save a.json', { kind: 'save', file: 'a.json' }],
    ['/back', { kind: 'back' }],
    ['/quit', { kind: 'quit' }],
    ['/chart', { kind: 'chart' }],
  ])('%s', (text, expected) => {
    expect(intent(text)).toEqual(expected);
  });
  it('names an unknown command', () => {
    expect(intent('/frobnicate')).toEqual({
      kind: 'invalid',
      reason: expect.stringMatching(/unknown command \/frobnicate/),
    });
  });
});

describe('option names', () => {
  it('uses the aliases of knowledge/options.yaml, and the ids before it has loaded', () => {
    for (const o of options) {
      for (const alias of o.aliases) expect(matchOption(alias, options)).toEqual({ id: o.id });
    }
    expect(matchOption('ecs fargate', defaultOptionRefs())).toEqual({ id: 'ecs-fargate' });
  });
  it('asks which one when a name fits several', () => {
    const refs = [
      { id: 'a-x', name: 'Alpha X', aliases: ['alpha'] },
      { id: 'a-y', name: 'Alpha Y', aliases: ['alpha'] },
    ];
    expect(matchOption('alpha', refs)).toEqual({ reason: expect.stringMatching(/could be a-x or a-y/) });
  });
  it('multiplies only numbers', () => {
    expect(parseChange('framework is 10x')).toEqual({ reason: expect.stringMatching(/not a number/) });
  });
});
