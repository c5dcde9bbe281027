import { advise } from '../../src/advice.js';
import { parseAnswers, type AnswersInput } from '../../src/core/answers.js';
import type { RankedOption, Recommendation } from '../../src/core/engine.js';
import type { OptionId } from '../../src/core/options.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';

/** What the defect tests share: the bundled knowledge, us-east-1 prices, and a ranking look-up. */
export const knowledge = loadKnowledge();
export const prices = loadSnapshotPriceBook('us-east-1');

/** The advice for these answers at us-east-1 prices, without the robustness search. */
export const run = (answers: AnswersInput): Recommendation =>
  advise(parseAnswers(answers), knowledge, prices, { robustness: false });

/** One option's row of the ranking. */
export const entry = (rec: Recommendation, option: OptionId): RankedOption =>
  rec.ranking.find((r) => r.option === option)!;
