import { holds } from '../core/condition.js';
import type { Facts } from '../core/facts.js';
import type { NotebookCondition, OrganisationData } from './data.js';

/**
 * Which variant of each organisation topic fits: the first whose `when` holds for the facts and
 * whose `notebook` condition holds for the notebook given (or its absence). Pure.
 */
export interface NotebookFacts {
  /** The kinds of finding the notebook produced; null when no notebook was given. */
  findingKinds: readonly string[] | null;
}

function notebookHolds(condition: NotebookCondition | undefined, notebook: NotebookFacts): boolean {
  if (condition === undefined) return true;
  const given = notebook.findingKinds !== null;
  if (condition.given !== undefined && condition.given !== given) return false;
  if (condition.findings === undefined) return true;
  return given && condition.findings.every((k) => notebook.findingKinds!.includes(k));
}

export function chooseVariant(
  topic: OrganisationData['topics'][number],
  facts: Facts,
  notebook: NotebookFacts,
): number {
  // The schema makes the last variant unconditional, so a variant is always found.
  return topic.variants.findIndex(
    (v) => (v.when === undefined || holds(v.when, facts)) && notebookHolds(v.notebook, notebook),
  );
}
