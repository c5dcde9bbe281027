import { describe, expect, it } from 'vitest';
import {
  EXAMPLES,
  changedLines,
  limitBlocks,
  markdownFor,
  rankingCosts,
  readAnswers,
  sections,
} from './support.js';

/**
 * Changing one answer changes exactly the parts of the report that depend on it: the rest is
 * byte for byte the same. Sections are compared whole (`## `) and, inside Costs, by `### `.
 */
function differing(a: string, b: string): string[] {
  const sa = sections(a);
  const sb = sections(b);
  expect([...sa.keys()]).toEqual([...sb.keys()]);
  return [...sa.keys()].filter((key) => sa.get(key) !== sb.get(key));
}

describe('changing monthlyBudgetUsd', () => {
  const base = readAnswers(EXAMPLES.answers);
  const before = markdownFor(base);
  const after = markdownFor({ ...base, monthlyBudgetUsd: 1000 });

  it('changes the decision, the inputs, the budget reasons and the costs-against-budget text only', () => {
    // The budget sentence quotes each option's own bill, so it is not one of the reasons the
    // comparison lists as shared: the comparison stays as it was.
    expect(differing(before, after)).toEqual([
      'Decision',
      'Costs',
      'Appendix A: the options',
      'Appendix C: inputs as understood',
    ]);
    // Inputs: only the budget row.
    const inputs = changedLines(
      sections(before).get('Appendix C: inputs as understood')!,
      sections(after).get('Appendix C: inputs as understood')!,
    );
    expect(inputs.removed).toEqual([expect.stringMatching(/^\| `monthlyBudgetUsd` \| 800 \|/)]);
    expect(inputs.added).toEqual([expect.stringMatching(/^\| `monthlyBudgetUsd` \| 1,000 \|/)]);
    // Comparison and options: only the sentences of the budget rules.
    for (const name of ['Appendix A: the options']) {
      const changed = changedLines(sections(before).get(name)!, sections(after).get(name)!);
      expect(changed.removed.length).toBeGreaterThan(0);
      for (const line of [...changed.removed, ...changed.added])
        expect(line).toMatch(/^- [+-]\d+ \(cost\): .*budget/);
    }
    // Costs: line items, the traffic curves and the cost of ownership stay; the budget text changes.
    const costsBefore = sections(sections(before).get('Costs')!.replace(/^/, '\n'), 3);
    const costsAfter = sections(sections(after).get('Costs')!.replace(/^/, '\n'), 3);
    expect([...costsBefore.keys()].filter((k) => costsBefore.get(k) !== costsAfter.get(k))).toEqual([
      'Costs against the budget',
    ]);
    expect(costsAfter.get('Costs against the budget')).toContain('The budget is $1,000.00 a month.');
  });

  it('leaves the limits and the sources identical', () => {
    expect(limitBlocks(after)).toEqual(limitBlocks(before));
    expect(Object.keys(limitBlocks(before))).toHaveLength(10);
    expect(sections(after).get('Sources')).toBe(sections(before).get('Sources'));
  });

  it('a budget the top option breaks is the first risk in the decision and in the budget text', () => {
    const tight = markdownFor({ ...base, monthlyBudgetUsd: 20 });
    const budgetText = sections(tight).get('Costs')!.split('### Costs against the budget')[1]!;
    expect(budgetText).toMatch(
      /The budget is \$20\.00 a month\. Of the \d+ feasible, priced options, against the bill alone none fits/,
    );
    expect(budgetText).toMatch(
      /is \$[\d,.]+ a month over budget: raise the budget or accept a lower-ranked option/,
    );
    const decision = sections(tight).get('Decision')!;
    const risks = decision.slice(decision.indexOf('**Risks:**'));
    expect(risks).toMatch(
      /^\*\*Risks:\*\*\n\n- Over budget: the AWS bill alone is [\d.]+ times the \$20\.00 budget\./,
    );
    expect(limitBlocks(tight)).toEqual(limitBlocks(before));
    expect(sections(tight).get('Appendix D: sources')).toBeDefined();
  });
});

describe('changing teamOpsMaturity', () => {
  const base = readAnswers(EXAMPLES.answers);
  const medium = markdownFor(base);
  const low = markdownFor({ ...base, teamOpsMaturity: 'low' });
  const high = markdownFor({ ...base, teamOpsMaturity: 'high' });

  it('changes the organisation advice, adapted to the team', () => {
    const org = (t: string) => sections(t).get('Organisation')!;
    expect(org(low)).not.toBe(org(medium));
    expect(org(high)).not.toBe(org(medium));
    expect(org(low)).toContain('little operations experience');
    expect(org(high)).toContain('already runs services well');
    expect(org(medium)).toContain('runs services but not a platform');
  });

  it('leaves the limits and the sources identical', () => {
    for (const other of [low, high]) {
      expect(limitBlocks(other)).toEqual(limitBlocks(medium));
      expect(sections(other).get('Sources')).toBe(sections(medium).get('Sources'));
    }
  });

  it('changes the people-time estimate, which the monthly cost includes as its own line', () => {
    const tco = (t: string) => sections(t).get('Costs')!.split('### Total cost of ownership')[1]!;
    expect(tco(low)).not.toBe(tco(medium));
    expect(rankingCosts(low)).not.toEqual(rankingCosts(medium));
    expect(Object.keys(rankingCosts(medium))).toHaveLength(10);
  });
});

describe('organisation advice follows Kubernetes and budget', () => {
  const base = readAnswers(EXAMPLES.gpu);
  const org = (t: string) => sections(t).get('Organisation')!;

  it('a team already on Kubernetes gets the shared-chart advice', () => {
    const none = markdownFor(base);
    const eks = markdownFor({ ...base, kubernetes: 'eks' });
    expect(org(none)).not.toContain('Helm chart');
    expect(org(eks)).toContain('Helm chart');
  });

  it('a small budget gets the minimal shared framework', () => {
    const small = markdownFor({ ...readAnswers(EXAMPLES.answers), monthlyBudgetUsd: 150 });
    expect(org(small)).toContain('keep the shared framework minimal');
    expect(org(small)).toContain('$150');
  });
});
