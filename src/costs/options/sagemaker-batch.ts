import { kindAllowed, machineNotes, mostRps, servingsOf, withOverhead, type Serving } from '../hardware.js';
import type { Workload } from '../../core/workload.js';
import type { Sizing } from '../../knowledge/schema.js';
import type { Candidate } from '../context.js';
import { formatNumber } from '../../core/format.js';
import { sagemakerInstance } from '../../pricing/keys.js';
import { availabilityMin, cheapestFleet, fleetFor, round } from '../fleet.js';
import {
  coldStartSeconds,
  fleetAssumptions,
  fleetSummary,
  sig,
  unsized,
  type CostModel,
  NOT_EXPLAINED,
} from '../model.js';
import { priceLine } from '../money.js';
import { operationsLine } from '../operations.js';
import { s3PayloadAssumption, s3PayloadLines } from '../s3.js';
import { USE_LABEL } from './sagemaker-common.js';

/**
 * SageMaker batch transform: instances started per job, billed only while the job runs. A job's
 * instance-hours are the records it scores over what one instance scores an hour, however many
 * instances share the job: so the month's hours follow the answered volume, and the cheapest
 * instance type is the one with the lowest price per record.
 */
export const sagemakerBatch: CostModel = {
  option: 'sagemaker-batch',
  price(w, ctx) {
    const sizing = ctx.knowledge.sizing;
    const candidates = ctx.sagemaker.batch;
    const floor = availabilityMin('sagemaker-batch', w, sizing);
    const { candidate: bestCandidate, serving: bestServing } = cheapestPerRecord(candidates, w, sizing);
    if (!bestCandidate || !bestServing) {
      return unsized(cheapestFleet('sagemaker-batch', candidates, w, sizing, 0, null).blockers);
    }
    const f = fleetFor(
      bestCandidate.machine,
      withOverhead(bestServing, sizing, 'sagemaker-batch'),
      bestCandidate.usdPerHour,
      w,
      sizing,
      0,
      floor,
    );
    const records = w.monthlyRequests;
    const hours = round(records / f.capacityRps / 3600, 3);
    const compute = priceLine(
      ctx.explain
        ? `${USE_LABEL.batch} ${f.machine.name} (${formatNumber(hours, 2)} instance-hours for ${formatNumber(records, 0)} records)`
        : '',
      hours,
      ctx.prices.get(sagemakerInstance('batch', f.machine.name)),
      'instance-hour',
    );
    const basis = () =>
      `${formatNumber(records, 0)} records a month at ${sig(f.capacityRps)} a second per instance (${sizing.targetUtilisation * 100}% of its throughput): ${formatNumber(hours, 2)} instance-hours`;
    const ops = operationsLine('sagemaker-batch', w, ctx.knowledge, 0, ctx.explain);
    const average = round(hours / w.hoursPerMonth, 3);
    return {
      lineItems: [compute, ...s3PayloadLines(w, ctx, 'batch'), ops],
      ...(ctx.explain
        ? {
            summary: {
              ...fleetSummary(f, w, coldStartSeconds('sagemaker-batch', w, sizing)),
              count: average,
              latencyMs: null,
              latencyMarginMs: null,
              description: `${f.initial} x ${f.machine.name} per job; ${basis()}`,
            },
            sizing: {
              instanceType: f.machine.name,
              instancesPerJob: f.initial,
              averageInstances: average,
              instanceHours: hours,
            },
            assumptions: [
              fleetAssumptions(f, w, sizing)[0]!,
              `Jobs score ${basis()}, whenever they run; each job also starts its instances (minutes, not counted).`,
              s3PayloadAssumption(w, ctx, 'batch'),
            ],
          }
        : NOT_EXPLAINED),
      blockers: [],
      notes: machineNotes(f.machine, sizing),
      labourUsd: ops.usd,
      covered: [{ plan: 'sagemaker', usd: compute.usd }],
    };
  },
};

/**
 * The way that scores the most records a second: a job is billed by the instance-hour its records
 * take, so on one machine the highest throughput is the lowest price per record (the first of
 * equal ones). Choosing by a fleet's whole-instance count instead picked, where two ways needed
 * the same count, the first (the lowest LLM concurrency): more records then cost less a month.
 */
function fastestWay(ways: readonly Serving[]): Serving {
  let best = ways[0]!;
  for (const way of ways) if (way.throughputRps > best.throughputRps) best = way;
  return best;
}

/**
 * The candidate whose cheapest way to serve costs least per record, and that way: numbers only,
 * the fleet built once for the winner (this runs for every candidate of every evaluation). A
 * candidate whose hourly price over the most requests a second it could serve is no less than the
 * best price per record found cannot beat it, and is not sized (`prune` false: every candidate is,
 * for tests).
 */
export function cheapestPerRecord(
  candidates: readonly Candidate[],
  w: Workload,
  sizing: Sizing,
  prune = true,
): { candidate: Candidate | null; serving: Serving | null } {
  const most = prune ? mostRps(w, sizing) : null;
  let bestCandidate: Candidate | null = null;
  let bestServing: Serving | null = null;
  let bestPerRecord = Infinity;
  for (const c of candidates) {
    if (most && bestCandidate && c.usdPerHour / (most(c.machine) * sizing.targetUtilisation) >= bestPerRecord)
      continue;
    if (!kindAllowed(c.machine.kind, w, sizing)) continue;
    const s = servingsOf(c.machine, w, sizing);
    if (!s.fits) continue;
    const serving = fastestWay(s.ways);
    const perRecord = c.usdPerHour / (serving.throughputRps * sizing.targetUtilisation);
    if (!bestCandidate || perRecord < bestPerRecord - 1e-12) {
      bestCandidate = c;
      bestServing = serving;
      bestPerRecord = perRecord;
    }
  }
  return { candidate: bestCandidate, serving: bestServing };
}
