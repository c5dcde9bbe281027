import { describe, expect, it } from 'vitest';
import { advisor, lastReply, start, type } from './support.js';
import { currentQuestion, type State } from '../../src/chat/conversation.js';
import { extractFacts } from '../../src/chat/extract.js';
import { HELP_LINES, parseIntent } from '../../src/chat/intents.js';
import { defaultOptionRefs } from '../../src/chat/option-refs.js';
import { rankingLines, rankingSummary } from '../../src/chat/ranking-text.js';
import type { AnswerKey } from '../../src/core/answer-fields.js';

/** What an impatient engineering lead typed that the chat got wrong (issue 13, third pass). */
function allText(state: State): string {
  return state.transcript
    .map((e) =>
      e.kind === 'reply'
        ? e.lines.map((l) => l.text).join('\n')
        : e.kind === 'qa'
          ? `${e.answer} ${e.note ?? ''}`
          : '',
    )
    .join('\n');
}
/** Answers the interview plainly (defaults where there are any) until `key` is on screen. */
const PLAIN: Partial<Record<AnswerKey, string>> = {
  framework: 'sklearn',
  requestsPerSecond: '20 rps',
  latencyP95Ms: '200 ms',
  monthlyBudgetUsd: '$800',
};
function until(key: AnswerKey, s = start()): State {
  let state = s;
  for (let i = 0; i < 20 && state.current !== key; i++)
    state = type(state, PLAIN[state.current as AnswerKey] ?? '');
  expect(state.current).toBe(key);
  return state;
}
const ranked = () => type(start(), 'sklearn, 30 rps, 200 ms p95, $800 a month', '/done');

describe('1. a bare answer fits the question on screen first', () => {
  it('"2kb json" at the payload question is the payload, not the model size', () => {
    const before = until('payloadKb');
    const s = type(before, '2kb json');
    expect(s.draft.payloadKb).toBe(2);
    expect(s.draft.modelSizeMb).toBe(before.draft.modelSizeMb);
    expect(allText(s)).not.toMatch(/Changed: model size/);
    expect(s.current).not.toBe('payloadKb');
  });
  it('"~8ms on cpu" at the inference question is the inference time, not the p95', () => {
    const before = until('inferenceMs');
    const s = type(before, '~8ms on cpu');
    expect(s.draft.inferenceMs).toBe(8);
    expect(s.draft.latencyP95Ms).toBe(200);
    expect(s.current).not.toBe('inferenceMs');
  });
  it('other fields still need their own words', () => {
    const s = type(until('payloadKb'), 'model is 40 MB');
    expect(s.draft.modelSizeMb).toBe(40);
    expect(type(until('inferenceMs'), 'p95 is 80 ms').draft.latencyP95Ms).toBe(80);
  });
});

describe('2. volumes per period are rates per second', () => {
  for (const text of ['5M a night', '5M per night', '5M nightly', '5M rows per night', '5M a day']) {
    it(`"${text}" at the rate question is 5M over a day`, () => {
      const s = type(until('requestsPerSecond'), text);
      expect(s.draft.requestsPerSecond).toBeCloseTo(5e6 / 86400, 2);
    });
  }
  it('the echo says a night is read as a day', () => {
    expect(allText(type(until('requestsPerSecond'), '5M a night'))).toMatch(/night.*day/);
  });
  it('per hour, a week and a month too', () => {
    const rate = (t: string) => type(until('requestsPerSecond'), t).draft.requestsPerSecond as number;
    expect(rate('36k per hour')).toBeCloseTo(10, 3);
    expect(rate('604.8k a week')).toBeCloseTo(1, 3);
    expect(rate('2.628M a month')).toBeCloseTo(1, 3);
  });
});

describe('3. negations of Kubernetes', () => {
  for (const text of ['nobody knows k8s', 'no one here knows kubernetes', "we don't use k8s", 'no k8s']) {
    it(`"${text}" is Kubernetes none`, () => {
      const s = type(start(), `sklearn, ${text}`);
      expect(s.draft.kubernetes).toBe('none');
      expect(allText(s)).not.toMatch(/EKS or self-managed/);
    });
  }
  it('"nobody knows k8s" also means little ops experience', () => {
    expect(type(start(), 'sklearn, nobody knows k8s').draft.teamOpsMaturity).toBe('low');
  });
  it('the Kubernetes choice offers none even when EKS is the likely one', () => {
    const s = type(start(), 'sklearn, we run kubernetes');
    expect(s.current).toBe('kubernetes');
    expect(currentQuestion(s)!.defaultText).toBe('eks');
    expect(currentQuestion(s)!.choices).toContain('none');
  });
});

describe('4. peak and average bind to their own words', () => {
  it('"~300 req/s peak maybe 80 avg" is a peak of 300 and an average of 80', () => {
    const s = type(start(), 'sklearn, ~300 req/s peak maybe 80 avg');
    expect(s.draft).toMatchObject({ requestsPerSecond: 80, peakRequestsPerSecond: 300 });
  });
  for (const text of [
    'peak 300 avg 80',
    '80 avg peak 300',
    '300 rps peak, 80 average',
    '80 rps on average, at most 300',
    'avg 80 spiking to 300 rps',
  ]) {
    it(`"${text}": the average 80, the peak 300`, () => {
      const facts = Object.fromEntries(extractFacts(text).facts.map((f) => [f.key, f.value]));
      expect(facts).toMatchObject({ requestsPerSecond: 80, peakRequestsPerSecond: 300 });
    });
  }
  it('a count per request is no rate: "each request carries 3 images"', () => {
    expect(extractFacts('each request carries 3 images').facts.map((f) => f.key)).not.toContain(
      'requestsPerSecond',
    );
  });
  it('"peaks of maybe 4x around 6pm" is four times the average, and 6pm is no rate', () => {
    const s = type(start(), 'sklearn, 50 rps avg, peaks of maybe 4x around 6pm');
    expect(s.draft).toMatchObject({ requestsPerSecond: 50, peakRequestsPerSecond: 200 });
  });
  it('a peak below the average is asked about, not accepted', () => {
    const s = type(start(), 'sklearn, 300 rps avg, peak 80 rps');
    expect(s.draft.peakRequestsPerSecond).toBeUndefined();
    expect(lastReply(s)).toMatch(/peak.*below the average/i);
  });
  it('also when typed at the peak question', () => {
    const s = type(until('peakRequestsPerSecond'), '10 rps');
    expect(s.draft.peakRequestsPerSecond).toBeUndefined();
    expect(s.current).toBe('peakRequestsPerSecond');
    expect(lastReply(s)).toMatch(/peak.*below the average/i);
  });
  it('"actually avg is 80, peak 300" applies both in one message', () => {
    const s = type(ranked(), 'actually avg is 80, peak 300');
    expect(s.draft).toMatchObject({ requestsPerSecond: 80, peakRequestsPerSecond: 300 });
  });
});

describe('5. things said are not asked again', () => {
  it('"cloud." is the hosting', () => {
    expect(type(start(), 'sklearn, cloud.').draft.hosting).toBe('cloud');
  });
  it('"~5 rps business hours only" is a rate of 5 and an intermittent load', () => {
    const s = type(until('requestsPerSecond'), '~5 rps business hours only');
    expect(s.draft).toMatchObject({ requestsPerSecond: 5, trafficPattern: 'intermittent' });
    expect(s.draft.peakRequestsPerSecond).toBeUndefined();
  });
  it('"hf llama 7b finetune" is huggingface and a ~14 GB model, said to be an estimate', () => {
    const s = type(start(), 'hf llama 7b finetune');
    expect(s.draft.framework).toBe('huggingface');
    expect(s.draft.modelSizeMb).toBe(14000);
    expect(lastReply(s)).toMatch(/estimate/);
  });
  it('"busy 9-5 weekdays, dead at night" is an intermittent load and no number', () => {
    const s = type(start(), 'sklearn, busy 9-5 weekdays, dead at night');
    expect(s.draft.trafficPattern).toBe('intermittent');
    expect(s.draft.requestsPerSecond).toBeUndefined();
    expect(lastReply(s)).not.toMatch(/What is/);
  });
});

describe('6. absurd values and undo', () => {
  it('"99999999999999999999 rps" is refused with the field and its range', () => {
    const s = type(until('requestsPerSecond'), '99999999999999999999 rps');
    expect(s.draft.requestsPerSecond).toBeUndefined();
    expect(lastReply(s)).toMatch(/request rate.*from 0 to 10,?000,?000/);
  });
  it('the extractor is gated inside a sentence too', () => {
    const found = extractFacts('pytorch, 99999999999999999999 rps');
    expect(found.facts.map((f) => f.key)).not.toContain('requestsPerSecond');
    expect(found.unclear.map((u) => u.question).join(' ')).toMatch(/request rate/);
  });
  it('"undo" works like /back', () => {
    const changed = type(ranked(), 'budget is $300');
    expect(type(changed, 'undo').draft.monthlyBudgetUsd).toBe(800);
  });
});

describe('7. short option names in follow-ups', () => {
  const options = defaultOptionRefs();
  it('"why not serverless? its cheaper"', () => {
    expect(parseIntent('why not serverless? its cheaper', options)).toEqual({
      kind: 'why-not',
      option: 'sagemaker-serverless',
    });
  });
  it('"realtime vs on prem?"', () => {
    expect(parseIntent('realtime vs on prem?', options)).toEqual({
      kind: 'compare',
      a: 'sagemaker-realtime',
      b: 'on-prem',
    });
  });
  for (const [name, id] of [
    ['async', 'sagemaker-async'],
    ['batch', 'sagemaker-batch'],
    ['fargate', 'ecs-fargate'],
    ['ecs', 'ecs-fargate'],
    ['k8s', 'eks'],
    ['kubernetes', 'eks'],
    ['tf serving', 'tf-serving'],
    ['onprem', 'on-prem'],
  ] as const) {
    it(`"why not ${name}" names ${id}, with the rules base's names too`, () => {
      expect(parseIntent(`why not ${name}`, options)).toEqual({ kind: 'why-not', option: id });
      expect(parseIntent(`why not ${name}?`, advisor.options)).toEqual({ kind: 'why-not', option: id });
    });
  }
});

describe('8. numbers that match no answer', () => {
  it('"7b" is read as parameters, never "7 b rps"', () => {
    const s = type(start(), 'pytorch, 7b');
    expect(allText(s)).not.toMatch(/7 b rps/);
  });
  for (const text of ['team of 3', '3 devs']) {
    it(`"${text}" is not asked about as a rate or a latency`, () => {
      const s = type(until('teamOpsMaturity'), text);
      expect(lastReply(s)).not.toMatch(/request rate|latency|rps/);
      expect(lastReply(s)).toMatch(/team size/);
      const atBudget = type(until('monthlyBudgetUsd'), text);
      expect(atBudget.draft.monthlyBudgetUsd).toBeUndefined();
      expect(lastReply(atBudget)).toMatch(/team size/);
    });
  }
});

describe('9. what-ifs', () => {
  it('"what if black friday is 10x" multiplies the traffic', () => {
    const s = type(ranked(), 'what if black friday is 10x');
    expect(lastReply(s)).toMatch(/^What if: request rate 30 requests\/s → 300 requests\/s/);
  });
  it('"what if peak is 3000 rps" accounts for every option', () => {
    const reply = lastReply(type(ranked(), 'what if peak is 3000 rps'));
    for (const o of advisor.options) expect(reply).toContain(o.id);
  });
});

describe('10. the ranking line drops whole entries', () => {
  for (const width of [60, 80, 100]) {
    it(`at ${width} columns no price is cut`, () => {
      const line = rankingSummary(ranked().recommendation!, width);
      expect(line).not.toMatch(/…/);
      expect(line.length).toBeLessThan(width);
    });
  }
});

describe('11. display names, never ids', () => {
  it('hosting hybrid is "hybrid allowed"', () => {
    const s = type(start(), 'sklearn, hybrid');
    expect(lastReply(s)).toMatch(/hosting hybrid allowed/);
    expect(lastReply(s)).not.toMatch(/hybrid-ok/);
  });
  it('Kubernetes EKS', () => {
    expect(lastReply(type(start(), 'sklearn, we use eks'))).toMatch(/Kubernetes EKS/);
  });
  it('/help names no FIELD', () => {
    expect(HELP_LINES.join('\n')).not.toMatch(/FIELD/);
  });
});

describe("13. the cost column says it includes people's time", () => {
  it('in the one-line ranking and the table', () => {
    const rec = ranked().recommendation!;
    expect(rankingSummary(rec, 200)).toMatch(/incl\. people's time/);
    expect(
      rankingLines(rec, 100)
        .map((l) => l.text)
        .join('\n'),
    ).toMatch(/incl\. people's time/);
  });
});
