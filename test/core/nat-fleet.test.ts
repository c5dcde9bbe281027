import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advice.js';
import { parseAnswers } from '../../src/core/answers.js';
import { estimateOptionCost } from '../../src/costs/estimate.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';
import { scaledWorkload } from '../../src/report/curves.js';

const knowledge = loadKnowledge();
const prices = loadSnapshotPriceBook('us-east-1');

describe('a fleet behind a NAT gateway is chosen on its whole cost', () => {
  // A 400 MB Hugging Face model in nightly batches, 120 then 140 requests/s on Fargate: chosen on
  // task hours alone, 1-vCPU tasks won at 120 (360 at the peak, each pulling its image through
  // the NAT gateway) and 2-vCPU tasks at 140, so the month fell from $3,229 to $3,046.
  const w = advise(
    parseAnswers({
      framework: 'huggingface',
      modelSizeMb: 400,
      trafficPattern: 'batch',
      requestsPerSecond: 20,
      latencyP95Ms: 1000,
      monthlyBudgetUsd: 1000,
    }),
    knowledge,
    prices,
  ).workload;
  const at = (m: number) =>
    estimateOptionCost('ecs-fargate', scaledWorkload(w, m, knowledge.sizing), prices, knowledge);

  it('more traffic does not make Fargate cheaper', () => {
    expect(at(7).monthlyUsd).toBeGreaterThanOrEqual(at(6).monthlyUsd);
  });

  it('weighs the image pulls: fewer, larger tasks when they cost less in all', () => {
    const six = at(6);
    expect((six.sizing as { vcpuPerTask: number }).vcpuPerTask).toBeGreaterThan(1);
  });
});
