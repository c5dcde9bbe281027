import { advise } from '../advice.js';
import { isOptionId, type OptionId } from '../core/options.js';
import { deriveWorkload } from '../core/workload.js';
import { estimateOptionCost } from '../costs/estimate.js';
import { costCurves, scaledWorkload } from '../report/curves.js';
import { parseAnswers } from '../core/answers.js';
import { loadKnowledge } from '../knowledge/load.js';
import { snapshotFor } from '../pricing/resolve.js';
import { loadSnapshotPriceBook } from '../pricing/snapshot.js';
import type { PriceBook } from '../pricing/types.js';
import type { AnswerDraft } from './answer-keys.js';
import type { Advisor } from './advisor-types.js';
import { optionRefsFrom } from './option-refs.js';

/**
 * The real advisor: the bundled (or given) rules base and a price book, bound to the engine.
 * Loaded after the chat's first paint. A region other than the first one gets its own book,
 * from the snapshot; a region without one is refused with the regions that have one.
 */
export interface AdvisorOptions {
  knowledgeDir?: string;
  /** The first price book, already resolved (live, cache or snapshot) by the caller. */
  prices?: PriceBook;
  region?: string;
}

export function createAdvisor(opts: AdvisorOptions = {}): Advisor {
  const knowledge = loadKnowledge(opts.knowledgeDir);
  const first = opts.prices ?? loadSnapshotPriceBook(opts.region ?? 'us-east-1');
  const books = new Map<string, PriceBook>([[first.info.region, first]]);
  const bookFor = (region: string): PriceBook => {
    let book = books.get(region);
    if (!book) {
      // A region without a bundled snapshot is priced with us-east-1's, and says so (the ranking's
      // pricing.region shows which prices were used).
      book = snapshotFor(region).book;
      books.set(region, book);
    }
    return book;
  };
  return {
    knowledge,
    ...(opts.knowledgeDir ? { knowledgeDir: opts.knowledgeDir } : {}),
    options: optionRefsFrom(knowledge),
    pricing: first.info,
    parse: (draft: AnswerDraft) => parseAnswers(draft),
    curves: (draft: AnswerDraft) => (options, multiples) => {
      const parsed = parseAnswers(draft);
      const book = bookFor(parsed.answers.region);
      const workload = deriveWorkload(parsed.answers, knowledge.sizing);
      const ids = options.filter(isOptionId) as OptionId[];
      const series = ids.map((option) =>
        multiples.map((m) => {
          try {
            const usd = estimateOptionCost(
              option,
              scaledWorkload(workload, m, knowledge.sizing),
              book,
              knowledge,
            ).monthlyUsd;
            return Number.isFinite(usd) ? usd : null;
          } catch {
            return null;
          }
        }),
      );
      const found = costCurves(ids, workload, knowledge, book);
      return { base: found.baseRequestsPerSecond, series, breakEvens: found.breakEvens };
    },
    prices: bookFor,
    advise(draft: AnswerDraft) {
      const parsed = parseAnswers(draft);
      return advise(parsed, knowledge, bookFor(parsed.answers.region));
    },
  };
}
