import { ONPREM } from '../../pricing/keys.js';
import { headroomNote, sig, unsized, type CostModel, NOT_EXPLAINED } from '../model.js';
import { operationsLine } from '../operations.js';
import { ownHardware, serverCareHours, serverFleet, serverLines } from './on-prem-common.js';

/**
 * Own servers, bought for the peak (they cannot scale), at least the price book's minimum for
 * redundancy; offline work is sized for the average rate, as a queue keeps them busy.
 */
export const onPrem: CostModel = {
  option: 'on-prem',
  price(w, ctx) {
    const minServers = ctx.prices.assumption(ONPREM.minServers).value;
    const offline = w.answers.latencyP95Ms === null;
    const rate = offline ? w.answers.requestsPerSecond : w.peakRequestsPerSecond;
    const r = serverFleet('on-prem', rate, minServers, w, ctx);
    if (!r.fleet) return unsized(r.blockers);
    const f = r.fleet;
    const ops = operationsLine('on-prem', w, ctx.knowledge, serverCareHours(f.servers, ctx), ctx.explain);
    const acc = f.serving.accelerator;
    const target = w.answers.latencyP95Ms;
    const hardwareLines = serverLines(f, w, ctx);
    return {
      lineItems: [...hardwareLines, ops],
      ownHardware: ownHardware(hardwareLines, f),
      ...(ctx.explain
        ? {
            summary: {
              hardware: 'on-prem',
              instanceType: f.machine.name,
              count: f.servers,
              minCount: f.servers,
              maxCount: f.servers,
              accelerator: acc,
              memoryFitMarginPct: f.serving.memoryFitMarginPct,
              latencyMs: f.serving.latencyMs,
              latencyMarginMs: target === null ? null : Math.round((target - f.serving.latencyMs) * 10) / 10,
              coldStartS: null,
              description: `${f.servers} x ${f.machine.name}, ${sig(f.capacityRps)} requests/s each at the planned utilisation${f.serving.generation ? ` (continuous batching, ${f.serving.generation.tokensPerSecond} output tokens/s at ${f.serving.generation.outputTokens} tokens a request, ${w.answers.outputTokens === undefined ? 'assumed' : 'answered'})` : f.serving.batched ? ' (dynamic batching)' : ''}`,
            },
            sizing: {
              serverKind: f.machine.name,
              servers: f.servers,
              requestsPerSecondPerServer: sig(f.capacityRps),
            },
            assumptions: [
              `${f.servers} x ${f.machine.name} (at least ${minServers}), bought for ${sig(rate)} requests/s${offline ? ' (offline work queued over the month)' : ' (the peak: servers cannot scale)'}.`,
              "On-premises figures are assumptions, not prices: hardware, power and people's time (see the onprem.* assumptions and knowledge/sizing.yaml).",
            ],
          }
        : NOT_EXPLAINED),
      blockers: [],
      notes: headroomNote('on-prem', f.serving.latencyMs, w, ctx.knowledge.sizing, ctx.explain),
      labourUsd: ops.usd,
      covered: [],
    };
  },
};
