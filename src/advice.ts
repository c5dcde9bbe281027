import type { ParsedAnswers } from './core/answers.js';
import { recommend, type Recommendation, type RecommendOptions } from './core/engine.js';
import { costFunction } from './costs/estimate.js';
import type { Knowledge } from './knowledge/knowledge.js';
import type { PriceBook } from './pricing/types.js';

/**
 * Answers, rules and prices in; the explained, priced ranking out. Pure: every front end (the
 * recommend command, the chat, the report, the scaffold) calls this one function.
 */
export function advise(
  parsed: ParsedAnswers,
  knowledge: Knowledge,
  prices: PriceBook,
  options: RecommendOptions = {},
): Recommendation {
  return recommend(parsed, knowledge, prices.info, costFunction(prices, knowledge), options);
}
