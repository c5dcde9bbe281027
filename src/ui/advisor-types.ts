import type { ParsedAnswers } from '../core/answers.js';
import type { Recommendation } from '../core/engine.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { PriceBook, PricingInfo } from '../pricing/types.js';
import type { AnswerDraft } from './answer-keys.js';
import type { OptionRef } from './intents.js';

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
  /** The price book for a region (the one in use, or that region's snapshot). */
  prices(region: string): PriceBook;
}
