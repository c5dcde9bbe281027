import { describe, expect, it } from 'vitest';
import * as core from '../../src/core/answers.js';
import { QUESTIONS } from '../../src/chat/questions.js';

describe('the interview', () => {
  it('asks about every key of the answers file, once', () => {
    expect(QUESTIONS.map((q) => q.key).sort()).toEqual([...core.ANSWER_KEYS].sort());
  });
});
