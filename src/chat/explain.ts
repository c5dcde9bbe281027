import type { Recommendation, RankedOption } from '../core/engine.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import { formatTable, usd, wrapText } from './text-table.js';
import { formatNumber } from '../core/format.js';

/**
 * Answers to follow-ups, built only from the engine's ranking and the rules base: every sentence
 * shown is a limit's blocker, a rule's `because`, a correction or an option's documented
 * trade-off. Nothing here invents advice. Output is lines with a tone, for Ink and for plain text.
 */
export type Tone = 'plain' | 'dim' | 'bold' | 'good' | 'bad' | 'warn' | 'accent';
/** A run of text in one colour (the chart's curves); a terminal without colour shows the text alone. */
export interface Segment {
  text: string;
  color?: 'cyan' | 'magenta' | 'yellow' | 'green' | 'blue';
}

export interface Line {
  text: string;
  tone?: Tone;
  /** The same text in coloured runs, when parts of the line differ in colour. */
  segments?: Segment[];
}

let WRAP = 76;

/**
 * Builds replies for a terminal `width` columns wide (prose wraps, tables shrink). Replies are
 * built once and kept in the transcript, so they are laid out for the width at the time.
 */
export function atWidth<T>(width: number, build: () => T): T {
  const before = WRAP;
  WRAP = Math.max(30, Math.min(100, width - 4));
  try {
    return build();
  } finally {
    WRAP = before;
  }
}

const prose = (text: string, indent = '  ', tone?: Tone): Line[] =>
  wrapText(text, WRAP - indent.length).map((t, i) => ({
    text: `${i === 0 ? indent : indent.replace(/[^ ]/g, ' ')}${t}`,
    ...(tone ? { tone } : {}),
  }));

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function entry(rec: Recommendation, option: string): RankedOption | undefined {
  return rec.ranking.find((r) => r.option === option);
}

export function costText(r: RankedOption): string {
  return r.monthlyCostUsd === null
    ? `cost unknown (${r.costError ?? 'not priced'})`
    : `${usd(r.monthlyCostUsd)}/month`;
}

function reasonLines(r: RankedOption, filter: (effect: number) => boolean, limit = 5): Line[] {
  return r.reasons
    .filter((reason) => filter(reason.effect))
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
    .slice(0, limit)
    .flatMap((reason) =>
      prose(`${signed(reason.effect)}  ${reason.text}`, '  ', reason.effect < 0 ? 'bad' : 'good'),
    );
}

function blockerLines(r: RankedOption): Line[] {
  return r.blockers.flatMap((b) => [
    ...prose(`✗ ${b.text}`, '  ', 'bad'),
    { text: `    source: ${b.source} (checked ${b.checked})`, tone: 'dim' as const },
  ]);
}

function correctionLines(knowledge: Knowledge, option: string): Line[] {
  return knowledge.corrections
    .filter((c) => c.options.includes(option as never))
    .slice(0, 2)
    .flatMap((c) => [
      ...prose(`Often said: ${c.myth}`, '  ', 'dim'),
      ...prose(`In fact: ${c.fact}`, '  '),
      { text: `    source: ${c.source.url}`, tone: 'dim' as const },
    ]);
}

/** "why not X?": the blockers, the rules that cost it points, and how far it is from the leader. */
export function whyNot(rec: Recommendation, knowledge: Knowledge, option: string): Line[] {
  const r = entry(rec, option);
  if (!r) return [{ text: `${option} is not in the ranking.`, tone: 'warn' }];
  const leader = rec.ranking[0]!;
  if (r.rank === 1) {
    return [
      { text: `${r.name} is the top pick (score ${r.score}, ${costText(r)}).`, tone: 'good' },
      ...why(rec, knowledge, option).slice(1),
    ];
  }
  const lines: Line[] = [];
  if (!r.feasible) {
    lines.push({ text: `${r.name} cannot serve this workload:`, tone: 'bold' });
    lines.push(...blockerLines(r));
  } else {
    lines.push({
      text: `${r.name} ranks #${r.rank} with score ${r.score}, against ${leader.score} for ${leader.name} (#1).`,
      tone: 'bold',
    });
    if (r.monthlyCostUsd !== null && leader.monthlyCostUsd !== null) {
      const diff = r.monthlyCostUsd - leader.monthlyCostUsd;
      lines.push({
        text: `  Cost: ${costText(r)} against ${costText(leader)} (${diff >= 0 ? `${usd(diff)} more` : `${usd(-diff)} less`}).`,
      });
    }
  }
  const against = reasonLines(r, (e) => e < 0);
  if (against.length) lines.push({ text: 'The rules that count against it:' }, ...against);
  const leaderOnly = leader.reasons.filter(
    (lr) => lr.effect > 0 && !r.reasons.some((x) => x.rule === lr.rule),
  );
  if (r.feasible && leaderOnly.length) {
    lines.push({ text: `What ${leader.name} has that it lacks:` });
    for (const lr of leaderOnly.slice(0, 3))
      lines.push(...prose(`${signed(lr.effect)}  ${lr.text}`, '  ', 'good'));
  }
  if (!against.length && r.feasible && !leaderOnly.length)
    lines.push({ text: '  No rule counts against it; it lost on cost or order.' });
  lines.push(...correctionLines(knowledge, option));
  return lines;
}

/** The configuration an option is costed for, in one sentence. */
export function sizingText(r: RankedOption): string | null {
  const z = r.sizing;
  if (!z) return null;
  const parts = [z.description];
  if (z.latencyMs !== null)
    parts.push(
      `p95 about ${formatNumber(z.latencyMs, 0)} ms${z.latencyMarginMs !== null ? ` (${formatNumber(z.latencyMarginMs, 0)} ms to spare)` : ''}`,
    );
  if (z.coldStartS !== null) parts.push(`cold start about ${formatNumber(z.coldStartS, 1)} s`);
  return parts.join('; ');
}

const ROBUSTNESS_LABELS: Record<string, { label: string; unit: (n: number) => string }> = {
  requestsPerSecond: { label: 'request rate', unit: (n) => `${formatNumber(n, n < 10 ? 2 : 0)} requests/s` },
  latencyP95Ms: { label: 'p95 latency target', unit: (n) => `${formatNumber(n, 0)} ms` },
  monthlyBudgetUsd: { label: 'monthly budget', unit: (n) => `${usd(n)}/month` },
  modelSizeMb: { label: 'model size', unit: (n) => `${formatNumber(n, 0)} MB` },
};

/** Where the top pick would change: one line per input that has such a point. */
export function robustnessLines(rec: Recommendation): Line[] {
  const entries = (rec.robustness ?? []).filter((e) => e.threshold !== null && e.newTop);
  if (!entries.length) return [];
  return [
    { text: 'The top pick changes if:' },
    ...entries.flatMap((e) => {
      const l = ROBUSTNESS_LABELS[e.input] ?? { label: e.input, unit: (n: number) => String(n) };
      return prose(
        `the ${l.label} goes ${e.direction} ${l.unit(e.threshold!)} (now ${l.unit(e.current)}): then ${e.newTop} leads`,
        '  ',
        'dim',
      );
    }),
  ];
}

/** "why X?": where it ranks, the rules for and against it, and what the rules base says it is for. */
export function why(rec: Recommendation, knowledge: Knowledge, option?: string): Line[] {
  const r = option ? entry(rec, option) : rec.ranking[0];
  if (!r) return [{ text: `${option ?? 'that'} is not in the ranking.`, tone: 'warn' }];
  const info = knowledge.options.find((o) => o.id === r.option);
  const lines: Line[] = [
    {
      text: r.feasible
        ? `${r.name}: #${r.rank} of ${rec.ranking.length}, score ${r.score}, ${costText(r)}.`
        : `${r.name} cannot serve this workload:`,
      tone: 'bold',
    },
  ];
  if (!r.feasible) lines.push(...blockerLines(r));
  const sized = r.feasible ? sizingText(r) : null;
  if (sized) lines.push(...prose(`Costed as: ${sized}.`, '  ', 'dim'));
  if (r.costReason) lines.push(...prose(r.costReason, '  ', 'dim'));
  const pro = reasonLines(r, (e) => e > 0);
  const con = reasonLines(r, (e) => e < 0, 3);
  if (pro.length) lines.push({ text: 'For it:' }, ...pro);
  if (con.length) lines.push({ text: 'Against it:' }, ...con);
  if (!pro.length && !con.length) lines.push({ text: '  No rule moved its score from the base of 50.' });
  if (info) lines.push(...prose(info.summary, '  ', 'dim'));
  if (r.rank === 1 && r.feasible) lines.push(...robustnessLines(rec));
  return lines;
}

/** "compare X and Y": the two side by side, then their documented trade-offs. */
export function compare(rec: Recommendation, knowledge: Knowledge, a: string, b: string, width = 80): Line[] {
  const ra = entry(rec, a);
  const rb = entry(rec, b);
  if (!ra || !rb) return [{ text: 'Both options must be in the ranking.', tone: 'warn' }];
  const row = (label: string, f: (r: RankedOption) => string) => [label, f(ra), f(rb)];
  const table = formatTable(
    [{ header: '' }, { header: ra.option, flex: true }, { header: rb.option, flex: true }],
    [
      row('rank', (r) => `#${r.rank}`),
      row('score', (r) => (r.feasible ? String(r.score) : 'infeasible')),
      row('monthly', (r) => (r.monthlyCostUsd === null ? 'n/a' : usd(r.monthlyCostUsd))),
    ],
    Math.min(width, WRAP),
  );
  const lines: Line[] = table.map((text, i) => ({
    text: `  ${text}`,
    ...(i === 0 ? { tone: 'bold' as const } : {}),
  }));
  for (const r of [ra, rb]) {
    if (!r.feasible) lines.push({ text: `${r.option} is blocked:` }, ...blockerLines(r));
  }
  const winner = ra.rank < rb.rank ? ra : rb;
  const loser = winner === ra ? rb : ra;
  lines.push({ text: `${winner.option} ranks higher.`, tone: 'good' });
  const edge = winner.reasons
    .filter((w) => w.effect > 0 && !loser.reasons.some((l) => l.rule === w.rule))
    .slice(0, 1);
  for (const reason of edge) lines.push(...prose(`${signed(reason.effect)}  ${reason.text}`, '  ', 'good'));
  const ia = knowledge.options.find((o) => o.id === a);
  const ib = knowledge.options.find((o) => o.id === b);
  if (ia && ib) {
    // Two trade-offs, so the whole answer fits an 80x24 terminal; the summaries have the rest.
    for (const topic of ['cost', 'operations'] as const) {
      lines.push({ text: `${topic[0]!.toUpperCase()}${topic.slice(1)}:`, tone: 'accent' });
      lines.push(
        ...prose(`${a}: ${ia.tradeoffs[topic]}`, '  '),
        ...prose(`${b}: ${ib.tradeoffs[topic]}`, '  '),
      );
    }
  }
  return lines;
}

/** The cheapest option that works, and the cheapest of all when that one is blocked. */
export function cheapest(rec: Recommendation): Line[] {
  const priced = rec.ranking.filter((r) => r.monthlyCostUsd !== null);
  const feasible = priced.filter((r) => r.feasible).sort((x, y) => x.monthlyCostUsd! - y.monthlyCostUsd!);
  const all = [...priced].sort((x, y) => x.monthlyCostUsd! - y.monthlyCostUsd!);
  const lines: Line[] = [];
  const best = feasible[0];
  if (best)
    lines.push({
      text: `Cheapest that works: ${best.name}, ${costText(best)} (#${best.rank}, score ${best.score}).`,
      tone: 'bold',
    });
  else
    lines.push({
      text: rec.ranking.some((r) => r.feasible)
        ? 'No feasible option could be priced.'
        : 'No option is feasible.',
      tone: 'warn',
    });
  const overall = all[0];
  if (overall && overall !== best && !overall.feasible) {
    lines.push(
      { text: `${overall.name} would cost ${costText(overall)} but is blocked:` },
      ...blockerLines(overall),
    );
  }
  for (const r of feasible.slice(1, 4))
    lines.push({ text: `  then ${r.option}: ${costText(r)}`, tone: 'dim' });
  return lines;
}

/** The modelled bill of one option, line by line, with its sizing and assumptions. */
export function costBreakdown(rec: Recommendation, option?: string): Line[] {
  const r = option ? entry(rec, option) : rec.ranking[0];
  if (!r) return [{ text: 'That option is not in the ranking.', tone: 'warn' }];
  if (!r.cost) return [{ text: `${r.name}: no cost (${r.costError ?? 'not priced'}).`, tone: 'warn' }];
  const table = formatTable(
    [
      { header: 'item', flex: true, min: 12 },
      { header: 'quantity', align: 'right' },
      { header: 'unit price', align: 'right' },
      { header: 'USD', align: 'right' },
    ],
    r.lineItems.map((li) => [
      li.item,
      `${formatNumber(li.quantity, 2)} ${li.unit}`,
      `$${li.unitPriceUsd.toPrecision(4).replace(/\.?0+$/, '')}`,
      usd(li.usd),
    ]),
    WRAP - 2,
  );
  // The raw sizing record (instance counts, per-server rates) reads like code; the engine's
  // one-sentence summary says the same for people.
  const sizing = sizingText(r);
  return [
    {
      text: `${r.name}: ${costText(r)} (modelled, ${rec.pricing.source} prices of ${rec.pricing.asOf}, ${rec.pricing.region})`,
      tone: 'bold',
    },
    ...table.map((text, i) => ({ text: `  ${text}`, ...(i === 0 ? { tone: 'dim' as const } : {}) })),
    ...(sizing ? prose(`Sized as: ${sizing}.`, '  ', 'dim') : []),
    ...(r.costReason ? prose(r.costReason, '  ', 'dim') : []),
    ...r.cost.assumptions.slice(0, 4).flatMap((a) => prose(`· ${a}`, '  ', 'dim')),
  ];
}

/** What moved between two rankings: the leader, then each option whose rank, feasibility or cost changed. */
export function diffRankings(before: Recommendation, after: Recommendation): Line[] {
  const lines: Line[] = [];
  const b1 = before.ranking[0]!;
  const a1 = after.ranking[0]!;
  lines.push(
    b1.option === a1.option
      ? { text: `${a1.name} still leads (${costText(a1)}).`, tone: 'bold' }
      : { text: `New leader: ${a1.name} (was ${b1.name}).`, tone: 'bold' },
  );
  const rows: string[][] = [];
  const unchanged: string[] = [];
  for (const a of after.ranking) {
    const b = before.ranking.find((x) => x.option === a.option)!;
    const costMoved =
      a.monthlyCostUsd !== b.monthlyCostUsd &&
      Math.abs((a.monthlyCostUsd ?? 0) - (b.monthlyCostUsd ?? 0)) >=
        Math.max(0.01, 0.005 * Math.abs(b.monthlyCostUsd ?? 0));
    if (a.rank === b.rank && a.feasible === b.feasible && !costMoved) {
      unchanged.push(a.option);
      continue;
    }
    const arrow = a.rank < b.rank ? '▲' : a.rank > b.rank ? '▼' : ' ';
    const state = a.feasible === b.feasible ? '' : a.feasible ? 'now feasible' : 'now blocked';
    rows.push([
      `${arrow} ${a.option}`,
      `#${b.rank} → #${a.rank}`,
      `${usd(b.monthlyCostUsd)} → ${usd(a.monthlyCostUsd)}`,
      state,
    ]);
  }
  if (!rows.length) return [...lines, { text: '  Nothing else moved.' }];
  const table = formatTable(
    [{ header: 'option' }, { header: 'rank' }, { header: 'monthly' }, { header: '' }],
    rows,
    WRAP - 2,
  );
  // Every option is accounted for: the ones left out are named, with why.
  const rest = unchanged.length
    ? wrapText(`(not shown: ${unchanged.join(', ')}; no change)`, WRAP - 2).map((text) => ({
        text: `  ${text}`,
        tone: 'dim' as const,
      }))
    : [];
  return [
    ...lines,
    ...table.map((text, i) => ({ text: `  ${text}`, ...(i === 0 ? { tone: 'dim' as const } : {}) })),
    ...rest,
  ];
}
