import type { ParsedAnswers } from '../core/answers.js';
import type { Recommendation } from '../core/engine.js';
import type { OptionId } from '../core/options.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { PriceBook } from '../pricing/types.js';
import type { ReportModel } from '../report/model.js';
import { md } from '../report/text.js';

/**
 * docs/RECOMMENDATION.md for one scaffold, remembered. Building the report's model (costs at other
 * loads, the decision, the what-ifs) is most of a render, and a suite or a batch renders the same
 * answers under many project names. The model is built once for a stand-in name and kept per
 * knowledge and price book objects, keyed on every answer but the name, the defaulted answers,
 * the option and the date; a render puts the name in a copy. The report holds the name only where
 * it is the whole of a value (the title's end, the inputs' row): a model holding the stand-in
 * anywhere else, or in an object that is not plain data, is not reused, so a name can never be
 * filled in where it would read differently in context.
 */

/** Word characters only: md() leaves it as it is, and no knowledge text holds it. */
const STAND_IN = 'MldaProjectNameStandIn7q2w';
const TITLE_PREFIX = 'Deployment recommendation: ';
/** Models remembered per knowledge and price book; the oldest half goes past it. */
const REPORT_CACHE_SIZE = 64;

interface Entry {
  model: ReportModel;
  /** False when the stand-in is held somewhere a name cannot be swapped in exactly. */
  reusable: boolean;
}

const NO_PRICES = {};
const cache = new WeakMap<Knowledge, WeakMap<object, WeakMap<object, Map<string, Entry>>>>();

export interface ScaffoldReportInput {
  parsed: ParsedAnswers;
  knowledge: Knowledge;
  prices: PriceBook | null;
  target: OptionId;
  generatedOn?: string;
  /** The advice for these answers (the same function for every call with these objects). */
  advise: (parsed: ParsedAnswers) => Recommendation;
}

export async function scaffoldReport(input: ScaffoldReportInput): Promise<string> {
  const { buildReportModel, loadReportResources } = await import('../report/index.js');
  const { markdownFromModel } = await import('../report/render.js');
  const resources = loadReportResources();
  const { parsed, knowledge, prices } = input;
  const modelFor = (p: ParsedAnswers): ReportModel =>
    buildReportModel(
      {
        recommendation: input.advise(p),
        knowledge,
        prices,
        target: input.target,
        ...(input.generatedOn ? { generatedOn: input.generatedOn } : {}),
      },
      resources.data,
    );

  let byPrices = cache.get(knowledge);
  if (!byPrices) cache.set(knowledge, (byPrices = new WeakMap()));
  let byData = byPrices.get(prices ?? NO_PRICES);
  if (!byData) byPrices.set(prices ?? NO_PRICES, (byData = new WeakMap()));
  let entries = byData.get(resources.data);
  if (!entries) byData.set(resources.data, (entries = new Map()));

  const key = keyOf(input);
  let entry = entries.get(key);
  if (!entry) {
    const model = modelFor({ ...parsed, answers: { ...parsed.answers, projectName: STAND_IN } });
    entry = { model, reusable: standInPlaces(model) };
    if (entries.size >= REPORT_CACHE_SIZE) {
      let drop = REPORT_CACHE_SIZE / 2;
      for (const old of entries.keys()) {
        if (drop-- <= 0) break;
        entries.delete(old);
      }
    }
    entries.set(key, entry);
  }
  const model = entry.reusable ? named(entry.model, md(parsed.answers.projectName)) : modelFor(parsed);
  return markdownFromModel(model, resources.templates);
}

/**
 * Everything the report is made of but the project name: each answer (strings quoted, so null,
 * undefined, NaN and Infinity stay apart; the order they were written in does not matter), the
 * answers that were assumed, the option and the date.
 */
function keyOf(input: ScaffoldReportInput): string {
  const answers = input.parsed.answers as unknown as Record<string, unknown>;
  let key = `${input.target}|${input.generatedOn ?? ''}|${JSON.stringify(input.parsed.defaulted)}|`;
  for (const field of Object.keys(answers).sort()) {
    if (field === 'projectName') continue;
    const value = answers[field];
    key += `${field}=${typeof value === 'string' ? JSON.stringify(value) : String(value)}|`;
  }
  return key;
}

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/** True when the stand-in is only ever a whole value or the title's end, inside plain data. */
function standInPlaces(model: ReportModel): boolean {
  const ok = (value: unknown, isTitle: boolean): boolean => {
    if (typeof value === 'string')
      return (
        !value.includes(STAND_IN) || value === STAND_IN || (isTitle && value === TITLE_PREFIX + STAND_IN)
      );
    if (typeof value === 'function') return false;
    if (value === null || typeof value !== 'object') return true;
    if (!isPlain(value)) return false;
    return Object.entries(value).every(([k, inner]) => !k.includes(STAND_IN) && ok(inner, false));
  };
  const { title, ...rest } = model;
  return title === TITLE_PREFIX + STAND_IN && ok(rest, false);
}

/** A copy of the model with the (Markdown-safe) name where the stand-in is; the rest is shared. */
function named(model: ReportModel, name: string): ReportModel {
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string') return value === STAND_IN ? name : value;
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(swap);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
  };
  return { ...(swap({ ...model, title: '' }) as ReportModel), title: TITLE_PREFIX + name };
}
