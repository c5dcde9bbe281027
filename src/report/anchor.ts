/**
 * The fragment a heading gets: GitHub's rule (lower case; letters, digits, spaces, hyphens and
 * underscores kept; spaces become hyphens), which markdownlint checks links against. The HTML
 * report gives its headings the same ids, so one link works in both formats.
 */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

/** A Markdown link to a heading of the report. */
export const linkTo = (text: string, heading: string): string => `[${text}](#${anchor(heading)})`;

/** Section titles that other parts of the report link to: one place for each. */
export const HEADINGS = {
  contents: 'Contents',
  decision: 'Decision',
  comparison: 'Comparison',
  ties: 'Why the leaders are in this order',
  sharedReasons: 'Reasons that weigh on several options',
  sharedAssumptions: 'Modelling assumptions shared by several options',
  assumptions: 'Assumptions that move the result',
  notebook: 'From the notebook',
  costs: 'Costs',
  chart: 'Cost against traffic',
  budget: 'Costs against the budget',
  tco: 'Total cost of ownership',
  rollout: 'Rollout plan',
  organisation: 'Organisation',
  options: 'Appendix A: the options',
  facts: 'Appendix B: corrected facts',
  retired: 'Retired services',
  inputs: 'Appendix C: inputs as understood',
  sources: 'Appendix D: sources',
} as const;
