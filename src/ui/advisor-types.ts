import type { Recommendation } from '../core/engine.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { PricingInfo } from '../pricing/types.js';
import type { AnswerDraft } from './answer-keys.js';
import type { OptionRef } from './intents.js';

/**
 * What the chat needs from the rest of the product, loaded after the first paint (see
 * advisor.ts): the rules base, the prices in use, and the engine bound to both.
 */
export interface Advisor {
  knowledge: Knowledge;
  options: OptionRef[];
  pricing: PricingInfo;
  /** Validates the draft (defaults applied) and ranks every option; throws UserInputError naming the field. */
  advise(draft: AnswerDraft): Recommendation;
}
