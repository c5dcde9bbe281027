import type { ParsedAnswers } from '../core/answers.js';
import type { Recommendation } from '../core/engine.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { PriceBook, PricingInfo } from '../pricing/types.js';
import type { AnswerDraft } from './answer-keys.js';
import type { OptionRef } from './intents.js';

/** Monthly cost of each option at each multiple of the answered rate, and where the cheaper one changes. */
export type CostCurvesAt = (
  options: string[],
  multiples: number[],
) => {
  /** The answered request rate the multiples apply to (1 when it is 0). */
  base: number;
  series: (number | null)[][];
  breakEvens: { cheaperBelow: string; cheaperAbove: string; requestsPerSecond: number; monthlyUsd: number }[];
};

/**
 * What the chat needs from the rest of the product, loaded after the first paint (see
 * advisor.ts): the rules base, the prices in use, and the engine bound to both.
 */
export interface Advisor {
  knowledge: Knowledge;
  /** The rules base folder when not the bundled one (the report reads it too). */
  knowledgeDir?: string;
  options: OptionRef[];
  pricing: PricingInfo;
  /** Said once when the advisor is ready: a live price fetch that fell back, a region without prices. */
  warnings?: string[];
  /** Validates the draft (defaults applied) and ranks every option; throws UserInputError naming the field. */
  advise(draft: AnswerDraft): Recommendation;
  /** The draft validated, defaults applied (for the report and the scaffold). */
  parse(draft: AnswerDraft): ParsedAnswers;
  /** Cost against traffic for the chart: the cost models and the report's break-even search. */
  curves(draft: AnswerDraft): CostCurvesAt;
  /** The price book for a region (the one in use, or that region's snapshot). */
  prices(region: string): PriceBook;
}
