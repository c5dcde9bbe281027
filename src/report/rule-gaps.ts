import type { RankedOption } from '../core/engine.js';
import { phrase, type Phrases } from './phrases.js';
import { listText, percent, usd } from './text.js';

/**
 * What separates two options in the ranking, in the reader's words: the rules' topics (phrases
 * `topic.*`) with each option's effect, never the rules' ids (those are in the appendix).
 */

const MAX_RULES = 3;

const signed = (n: number): string => `${n > 0 ? '+' : ''}${n}`;

/**
 * The rules whose effects differ most between `a` and `b`, as "cost (+5 against -2)": `a`'s effect
 * first. `favouringA` keeps only the rules that put `a` ahead (why `b` ranks lower).
 */
export function ruleGaps(
  a: RankedOption,
  b: RankedOption,
  phrases: Phrases,
  favouringA = false,
): string | null {
  const effects = new Map<string, { topic: string; a: number; b: number }>();
  for (const r of a.reasons) effects.set(r.rule, { topic: r.topic, a: r.effect, b: 0 });
  for (const r of b.reasons) {
    effects.set(r.rule, { topic: r.topic, a: effects.get(r.rule)?.a ?? 0, b: r.effect });
  }
  const differing = [...effects.values()]
    .filter((e) => (favouringA ? e.a > e.b : e.a !== e.b))
    .sort((m, n) => Math.abs(n.a - n.b) - Math.abs(m.a - m.b))
    .slice(0, MAX_RULES);
  if (differing.length === 0) return null;
  return listText(
    differing.map((e) => `${phrase(phrases, `topic.${e.topic}`)} (${signed(e.a)} against ${signed(e.b)})`),
  );
}

/** A lower-ranked option cheaper than the pick by at least this share (people's time included) is named. */
export const CHEAPER_SHARE = 0.25;

export interface CheaperOption {
  row: RankedOption;
  savingUsd: number;
  /** "69%": the saving as a share of the pick's monthly total. */
  share: string;
  /** The rules that put the pick ahead, or null when only clamping separates them. */
  why: string | null;
}

/**
 * The cheapest feasible option ranked below the pick whose monthly total (people's time
 * included, as in the comparison) is at least CHEAPER_SHARE below the pick's: the engine's
 * figures, compared, not recomputed.
 */
export function cheaperOption(feasible: readonly RankedOption[], phrases: Phrases): CheaperOption | null {
  const top = feasible[0];
  if (!top || top.monthlyCostUsd === null || top.monthlyCostUsd <= 0) return null;
  const pickUsd = top.monthlyCostUsd;
  const cheaper = feasible
    .slice(1)
    .filter((r) => r.monthlyCostUsd !== null && r.monthlyCostUsd <= (1 - CHEAPER_SHARE) * pickUsd)
    .sort((x, y) => x.monthlyCostUsd! - y.monthlyCostUsd!)[0];
  if (!cheaper) return null;
  const savingUsd = pickUsd - cheaper.monthlyCostUsd!;
  return {
    row: cheaper,
    savingUsd,
    share: percent(savingUsd / pickUsd),
    why: ruleGaps(top, cheaper, phrases, true),
  };
}

/** "$603.55 (69%)": a saving and its share. */
export const savingText = (c: CheaperOption): string => `${usd(c.savingUsd)} (${c.share})`;
