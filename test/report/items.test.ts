import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advice.js';
import { parseAnswers } from '../../src/core/answers.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { MapPriceBook } from '../../src/pricing/book.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';
import { renderReportMarkdown, type ReportInput } from '../../src/report/index.js';
import { chartSvg } from '../../src/report/chart-svg.js';
import { chartModel } from '../../src/report/chart.js';
import { CHART_MULTIPLES } from '../../src/report/curves.js';
import { code, notebook } from '../notebook/builders.js';
import { runCli } from '../support/run-cli.js';
import {
  DECISION_WORDS,
  EXAMPLES,
  markdownFor,
  optionBlocks,
  readAnswers,
  repeatedSentences,
  reportInput,
  sections,
  wordCount,
} from './support.js';

/**
 * The six defects of issue 16, each as a test that fails on the report as it was (8,500 words,
 * no decision page, every limit listed, ties unexplained, assumptions buried, a doubling traffic
 * axis, one notebooks paragraph for everyone).
 */
const knowledge = loadKnowledge();
const gpu = markdownFor(readAnswers(EXAMPLES.gpu));
const cpu = markdownFor(readAnswers(EXAMPLES.answers));
const decision = (text: string) => sections(text).get('Decision') ?? '';

describe('1. length and repetition: a one-page decision, contents, each fact once', () => {
  it('opens with the decision, then contents that link every section, the comparison and the appendices', () => {
    const keys = [...sections(gpu).keys()];
    expect(keys.slice(0, 3)).toEqual(['Decision', 'Contents', 'Comparison']);
    expect(keys.indexOf('Appendix A: the options')).toBeGreaterThan(keys.indexOf('Organisation'));
    const contents = sections(gpu).get('Contents')!;
    for (const key of keys.filter((k) => k !== 'Contents')) expect(contents).toContain(`[${key}](#`);
  });

  it('the decision names the pick, its monthly and 36-month cost, the runner-up, what would change it, risks and three actions', () => {
    for (const text of [gpu, cpu]) {
      const d = decision(text);
      expect(d).toMatch(/\*\*Recommended: [^*]+\*\*, score \d+ of 100\./);
      expect(d).toMatch(
        /- \*\*Against the \$[\d,.]+ monthly budget:\*\* the AWS bill is \$[\d,.]+ \([\d.]+%\); with about \$[\d,.]+ of \[people's time\]\(#total-cost-of-ownership\) the total is \$[\d,.]+ \([\d.]+%\)\./,
      );
      expect(d).toMatch(
        /- \*\*\$[\d,]+ over 36 months\*\* with people's time, at today's on-demand list prices/,
      );
      expect(d).toMatch(/\*\*Runner-up: [^*]+\*\*, score \d+, \d+ points? behind/);
      expect(d).toContain('**What would change the decision:**');
      expect(d).toContain('**Risks:**');
      expect(d.split('**Next three actions:**')[1]!.match(/^1\. /gm)).toHaveLength(3);
      expect(wordCount(d)).toBeLessThan(DECISION_WORDS);
    }
  });

  it('says each corrected fact once, in its appendix, and refers to it by number', () => {
    for (const c of knowledge.corrections) {
      const fact = c.fact.replace(/\s+/g, ' ').trim().slice(0, 60);
      expect(gpu.split(fact).length - 1, c.id).toBe(1);
    }
    expect(optionBlocks(gpu)['sagemaker-realtime']).toMatch(
      /Corrected facts about SageMaker real-time endpoint: \[F\d+\]\(#appendix-b-corrected-facts\)/,
    );
  });

  it('repeats no sentence', () => {
    expect(repeatedSentences(gpu)).toEqual([]);
    expect(repeatedSentences(cpu)).toEqual([]);
  });
});

describe('2. limits: only those that apply, with how far the workload is from each', () => {
  it('a limit the workload does not approach is counted, not listed', () => {
    const realtime = optionBlocks(gpu)['sagemaker-realtime']!;
    const limits = realtime.split('#### Limits that apply')[1]!.split('####')[0]!;
    expect(limits).not.toContain('On-premises only');
    expect(limits).toMatch(/3 other limits of SageMaker real-time endpoint are far from this workload/);
    expect(limits).toMatch(
      /the nearest is .+: the workload's [a-z][a-z ()A-Z]+ is [\d,.]+ against [\d,.]+ \([\d.]+% of the way\)/,
    );
  });

  it('a limit the workload comes close to is listed with the distance; a broken one with its blocker', () => {
    const text = markdownFor({ ...readAnswers(EXAMPLES.answers), payloadKb: 5000 });
    const lambda = optionBlocks(text)['lambda']!;
    expect(lambda).toContain(
      "- Lambda synchronous payload (6,144 KB): the workload's payload size is 5,000 against 6,144 (81% of the way)",
    );
    const fargate = optionBlocks(gpu)['ecs-fargate']!;
    expect(fargate).toMatch(/#### Why it is blocked\n\n- \*\*Fargate has no GPU\*\*: /);
    expect(fargate.split('#### Limits that apply')[1]).toMatch(
      /^\n\nBeyond the limits? it breaks: \d+ other limits? of Amazon ECS on AWS Fargate/,
    );
  });
});

describe('3. ties and near ties say why one is first', () => {
  it('a near tie names the rules that separate the two', () => {
    const input = reportInput(readAnswers(EXAMPLES.gpu));
    const ranking = input.recommendation.ranking.map((r) => ({ ...r }));
    ranking[1]!.score = ranking[0]!.score - 2;
    const text = renderReportMarkdown({ ...input, recommendation: { ...input.recommendation, ranking } });
    // The gap once, on the runner-up line; then what separates the two.
    expect(decision(text)).toMatch(
      /, 2 points behind, .*\. What separates them \(the pick's effect first\): [a-zA-Z ]+ \([+-]?\d+ against [+-]?\d+\)(, | and )?.*./,
    );
    expect(decision(text)).not.toMatch(/leads .+ by 2 points/);
  });

  /** The same recommendation with the runner-up given the top's score (and optionally its cost). */
  function tied(sameCost: boolean): string {
    const input = reportInput(readAnswers(EXAMPLES.gpu));
    const ranking = input.recommendation.ranking.map((r) => ({ ...r }));
    ranking[1]!.score = ranking[0]!.score;
    ranking[1]!.monthlyCostUsd = sameCost ? ranking[0]!.monthlyCostUsd : ranking[0]!.monthlyCostUsd! + 100;
    return renderReportMarkdown({ ...input, recommendation: { ...input.recommendation, ranking } });
  }

  it('an exact tie says the cheaper one is first, with both costs', () => {
    expect(decision(tied(false))).toMatch(
      /SageMaker real-time endpoint and [^;]+ both score (\d+); SageMaker real-time endpoint is listed first because it is modelled cheaper \(\$[\d,.]+ against \$[\d,.]+ a month\)\./,
    );
  });

  it('a tie at the same cost says the order is arbitrary', () => {
    expect(decision(tied(true))).toContain('is listed first only by the fixed order of options');
  });
});

describe('4. assumptions that decide the outcome are at the top', () => {
  it('weakly sourced prices behind the pick are flagged first, and listed with why', () => {
    const d = decision(gpu);
    expect(d.indexOf('**Check first:**')).toBeLessThan(d.indexOf('**Recommended:'));
    expect(d).toMatch(/prices behind the figures of the pick and the runner-up are weakly sourced/);
    expect(sections(gpu).get('Assumptions that move the result')).toMatch(
      /- [^\n]*: data processed \(\$0\.016 per GB\): (a third-party transcription|derived from another region's price|its source is not an AWS page)/,
    );
  });

  it('a region priced at another region’s rates is flagged at the top', () => {
    const snapshot = loadSnapshotPriceBook('us-east-1');
    const book = new MapPriceBook(
      {
        ...snapshot.info,
        region: 'eu-west-1',
        priceRegion: 'us-east-1',
        regionFallback: true,
      } as typeof snapshot.info,
      snapshot.keys().map((k) => snapshot.get(k)),
      snapshot.assumptionKeys().map((k) => snapshot.assumption(k)),
    );
    const parsed = parseAnswers({ ...readAnswers(EXAMPLES.gpu), region: 'eu-west-1' });
    const input: ReportInput = { recommendation: advise(parsed, knowledge, book), knowledge, prices: book };
    const d = decision(renderReportMarkdown(input));
    expect(d).toContain('Prices for eu-west-1 are us-east-1 list prices: no price snapshot covers eu-west-1');
    expect(d).toContain('Price SageMaker real-time endpoint for eu-west-1 from the AWS pricing pages');
  });

  it('thin latency headroom is flagged at the top with both numbers', () => {
    // The example's 100 ms target now leaves a wide margin (the estimate is T4 time, on a fleet of
    // at least two); 75 ms leaves under a quarter of it.
    expect(decision(gpu)).not.toMatch(/Latency headroom is thin/);
    const tight = markdownFor({ ...readAnswers(EXAMPLES.gpu), latencyP95Ms: 75 });
    expect(decision(tight)).toMatch(
      /Latency headroom is thin: SageMaker real-time endpoint leaves [\d.]+ ms of the 75 ms p95 target/,
    );
  });

  it('each assumed or estimated input that moves the result is listed with its effect', () => {
    const assumptions = sections(gpu).get('Assumptions that move the result')!;
    expect(assumptions).toMatch(
      /^\| `kubernetes` \| none \| assumed \| `eks`: the pick would become Amazon EKS \(Kubernetes\) \|$/m,
    );
    expect(assumptions).toMatch(
      /^\| `inferenceMs` \| 31\.3 \| estimated \| 62\.6: the pick stays; its cost would be \$[\d,.]+ a month \(\+\d+%\) \|$/m,
    );
    expect(decision(gpu)).toMatch(
      /inputs that move the result were assumed or estimated rather than answered: .*Kubernetes/,
    );
  });
});

describe('5. the cost chart: linear traffic axis, legends, named break-evens', () => {
  const axis = (text: string) =>
    /x-axis "([^"]*)" \[(.*)\]/
      .exec(text)!
      .slice(1)
      .map((s, i) => (i === 0 ? s : s.split(', ').map((l) => Number(l.replace(/"/g, '').replace(/,/g, '')))));

  it('the axis is in requests/s, in equal steps, through the answered rate', () => {
    for (const [text, rate] of [
      [gpu, 40],
      [cpu, 20],
    ] as const) {
      const [title, values] = axis(text) as [string, number[]];
      expect(title).toContain('linear scale');
      const steps = values.slice(1).map((v, i) => v - values[i]!);
      for (const step of steps) expect(step).toBeCloseTo(steps[0]!, 6);
      expect(values).toContain(rate);
    }
  });

  it('the Markdown chart has a legend naming every line in its colour', () => {
    // Three lines on the CPU example; the GPU one has two (Async is blocked under a 1 s p95).
    expect(cpu).toContain(
      'Legend: blue line, SageMaker Serverless Inference; orange line, AWS Lambda; green line, SageMaker real-time endpoint.',
    );
    expect(cpu).toMatch(/plotColorPalette": "#1f6feb, #d9480f, #2b8a3e"/);
    expect(gpu).toContain(
      'Legend: blue line, SageMaker real-time endpoint; orange line, Amazon EKS (Kubernetes).',
    );
    expect(gpu).toMatch(/plotColorPalette": "#1f6feb, #d9480f"\}/);
  });

  it('break-even points are named in text and marked on the chart', () => {
    // Two lines that cross at 1.5x of 20 requests/s: a fixed cost and one that grows with traffic.
    const curves = {
      baseRequestsPerSecond: 20,
      multiples: [...CHART_MULTIPLES],
      curves: [
        { option: 'ecs-fargate' as const, usd: CHART_MULTIPLES.map(() => 60) },
        { option: 'lambda' as const, usd: CHART_MULTIPLES.map((m) => 40 * m) },
      ],
      breakEvens: [
        {
          cheaperBelow: 'lambda' as const,
          cheaperAbove: 'ecs-fargate' as const,
          multiple: 1.5,
          requestsPerSecond: 30,
          monthlyUsd: 60,
        },
      ],
    };
    const chart = chartModel(curves, (id) => id, 20);
    expect(chart.breakEvens).toEqual([
      'At about 30 requests/s (1.5x the answered rate, near $60.00 a month) the curves of lambda and ecs-fargate cross: below it lambda costs less, above it ecs-fargate does.',
    ]);
    expect(chartSvg(chart)).toMatch(/>break-even 30 req\/s<\/text>/);
  });
});

describe('6. organisation advice follows the notebook, and discusses A/B and pre-production', () => {
  const input = reportInput(readAnswers(EXAMPLES.answers));
  const org = (findingKinds: string[] | null) =>
    sections(
      renderReportMarkdown({
        ...input,
        ...(findingKinds === null
          ? {}
          : { notebook: { file: 'nb.ipynb', detected: [], findingsMarkdown: 'None.', findingKinds } }),
      }),
    ).get('Organisation')!;
  const notebooksTopic = (text: string) => text.split('### Notebooks and the path to production')[1]!;

  it("an analyst's notebook, a clean one and none get different advice", () => {
    const none = notebooksTopic(org(null));
    const clean = notebooksTopic(org([]));
    const analyst = notebooksTopic(org(['local-path', 'train-and-predict', 'execution-order']));
    expect(new Set([none, clean, analyst]).size).toBe(3);
    expect(analyst).toContain("reads like an analyst's working file");
    expect(analyst).toContain('split it in two');
    expect(clean).toContain('none of the habits that block a deployment');
  });

  it('how the team releases covers pre-production and A/B tests, adapted to the traffic', () => {
    for (const text of [gpu, cpu]) {
      const release = sections(text).get('Organisation')!.split('### How the team releases a model')[1]!;
      expect(release).toContain('pre-production');
      expect(release).toContain('A/B');
    }
    const slow = sections(markdownFor({ ...readAnswers(EXAMPLES.answers), requestsPerSecond: 0.2 })).get(
      'Organisation',
    )!;
    expect(slow).toContain('an A/B test needs weeks of traffic');
  });

  it('report --from-notebook passes what the notebook shows to the advice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlda-report-analyst-'));
    const nb = join(dir, 'analysis.ipynb');
    writeFileSync(
      nb,
      notebook([
        code('import pandas as pd\ndf = pd.read_csv("/home/ana/Downloads/churn.csv")', 1),
        code(
          'from sklearn.linear_model import LogisticRegression\nmodel = LogisticRegression()\nmodel.fit(df[["a"]], df["y"])\nprint(model.predict(df[["a"]]))',
          2,
        ),
      ]),
    );
    const out = join(dir, 'report.md');
    const result = runCli([
      'report',
      '--answers',
      EXAMPLES.answers,
      '--from-notebook',
      nb,
      '--out',
      out,
      '--pricing',
      'snapshot',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(sections(text).get('Organisation')).toContain("reads like an analyst's working file");
    expect(sections(text).get('Organisation')).toContain('and for what the notebook shows');
  });
});
