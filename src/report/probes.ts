import { advise } from '../advice.js';
import {
  applyDefaults,
  EXISTING_SERVERS,
  GPU_NEEDS,
  HOSTING,
  KUBERNETES,
  OPS_MATURITY,
  TRAFFIC_PATTERNS,
  type AnswersInput,
  unusedAnswer,
} from '../core/answers.js';
import type { Recommendation } from '../core/engine.js';
import type { OptionId } from '../core/options.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { PriceBook } from '../pricing/types.js';

/**
 * What-if runs of the whole advice: the same answers with one input changed, through the same
 * `advise` the ranking uses. Pure and deterministic. They find which assumed or estimated inputs
 * move the result: the pick, or its cost by at least MOVES_COST_SHARE. (Where the pick changes
 * on the main inputs is the engine's own search, `robustness`.)
 */

/** A change of the pick's monthly cost by at least this share counts as moving the result. */
export const MOVES_COST_SHARE = 0.1;
/** Halving and doubling: the range an unmeasured estimate is commonly off by. */
const ESTIMATE_RANGE = [0.5, 2];

const CHOICES: Record<string, readonly string[]> = {
  gpu: GPU_NEEDS,
  trafficPattern: TRAFFIC_PATTERNS,
  hosting: HOSTING,
  kubernetes: KUBERNETES,
  teamOpsMaturity: OPS_MATURITY,
  existingServers: EXISTING_SERVERS,
};
const NUMERIC = new Set([
  'modelSizeMb',
  'payloadKb',
  'peakRequestsPerSecond',
  'inferenceMs',
  'inputTokens',
  'outputTokens',
]);

export interface ProbeResult {
  value: number | string;
  top: OptionId | null;
  topCostUsd: number | null;
}

export interface AssumptionEffect {
  input: string;
  current: number | string;
  how: 'assumed' | 'estimated' | 'from the notebook';
  /** Only the probes that moved the result. */
  moves: ProbeResult[];
}

/** The answers as given (defaults removed), so a probe re-applies defaults like the loader does. */
function givenInput(rec: Recommendation): AnswersInput {
  const input: Record<string, unknown> = { ...rec.workload.answers };
  for (const d of rec.defaulted) delete input[d.field];
  return input as AnswersInput;
}

export class Prober {
  private readonly cache = new Map<string, ProbeResult>();
  private readonly input: AnswersInput;

  constructor(
    private readonly rec: Recommendation,
    private readonly knowledge: Knowledge,
    private readonly prices: PriceBook,
  ) {
    this.input = givenInput(rec);
  }

  run(field: string, value: number | string): ProbeResult {
    const key = `${field}=${String(value)}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    let result: ProbeResult;
    try {
      const parsed = applyDefaults({ ...this.input, [field]: value } as AnswersInput);
      const top = advise(parsed, this.knowledge, this.prices).ranking.find((r) => r.feasible) ?? null;
      result = { value, top: top?.option ?? null, topCostUsd: top?.monthlyCostUsd ?? null };
    } catch {
      result = { value, top: null, topCostUsd: null };
    }
    this.cache.set(key, result);
    return result;
  }

  get top(): { option: OptionId | null; cost: number | null } {
    const top = this.rec.ranking.find((r) => r.feasible);
    return { option: top?.option ?? null, cost: top?.monthlyCostUsd ?? null };
  }

  /** Does this probe change the pick, or its cost by MOVES_COST_SHARE or more? */
  moves(result: ProbeResult): boolean {
    const { option, cost } = this.top;
    if (result.top !== option) return true;
    if (cost === null || result.topCostUsd === null || cost === 0) return false;
    return Math.abs(result.topCostUsd - cost) / cost >= MOVES_COST_SHARE;
  }

  /** Each assumed, estimated or notebook-derived input that moves the result, with how. */
  assumptionEffects(fromNotebook: readonly string[]): AssumptionEffect[] {
    const answers = this.rec.workload.answers as Record<string, unknown>;
    const inputs: { field: string; current: number | string; how: AssumptionEffect['how'] }[] = [];
    for (const d of this.rec.defaulted) {
      // A default the advice cannot use (own servers under cloud hosting) is no assumption.
      if (unusedAnswer(d.field, this.rec.workload.answers) !== null) continue;
      inputs.push({ field: d.field, current: d.value as number | string, how: 'assumed' });
    }
    for (const e of this.rec.workload.estimates) {
      if (NUMERIC.has(e.field)) inputs.push({ field: e.field, current: e.value, how: 'estimated' });
    }
    for (const field of fromNotebook) {
      const value = answers[field];
      if (typeof value === 'number' || typeof value === 'string') {
        inputs.push({ field, current: value, how: 'from the notebook' });
      }
    }
    const out: AssumptionEffect[] = [];
    for (const item of inputs) {
      const alternatives: (number | string)[] = CHOICES[item.field]
        ? CHOICES[item.field]!.filter((c) => c !== item.current)
        : NUMERIC.has(item.field) && typeof item.current === 'number' && item.current > 0
          ? ESTIMATE_RANGE.map((m) => round((item.current as number) * m))
          : [];
      const moves = alternatives.map((v) => this.run(item.field, v)).filter((r) => this.moves(r));
      if (moves.length) out.push({ input: item.field, current: item.current, how: item.how, moves });
    }
    return out;
  }
}

/** Three significant figures: probes use values a reader can repeat. */
function round(value: number): number {
  if (value === 0) return 0;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
