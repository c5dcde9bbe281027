import { describe, expect, it } from 'vitest';
import * as core from '../../src/core/answers.js';
import * as ui from '../../src/ui/answer-keys.js';
import { QUESTIONS } from '../../src/ui/questions.js';

// The chat keeps a zod-free copy of the answers' enums and defaults for its first paint.
describe('the chat agrees with core/answers.ts', () => {
  it('has the same enum values', () => {
    expect(ui.FRAMEWORK_CHOICES).toEqual(core.FRAMEWORKS);
    expect(ui.GPU_CHOICES).toEqual(core.GPU_NEEDS);
    expect(ui.PATTERN_CHOICES).toEqual(core.TRAFFIC_PATTERNS);
    expect(ui.HOSTING_CHOICES).toEqual(core.HOSTING);
    expect(ui.KUBERNETES_CHOICES).toEqual(core.KUBERNETES);
    expect(ui.OPS_CHOICES).toEqual(core.OPS_MATURITY);
  });
  it('has the same defaults and asks about every key once', () => {
    expect(ui.DEFAULTS).toEqual(core.ANSWER_DEFAULTS);
    expect(QUESTIONS.map((q) => q.key).sort()).toEqual([...core.ANSWER_KEYS].sort());
  });
});
