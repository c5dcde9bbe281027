import type { Workload } from '../core/workload.js';
import {
  ALB_HOUR,
  ALB_LCU_HOUR,
  APIGATEWAY_HTTP_REQUESTS,
  DATA_TRANSFER_OUT_INTERNET,
  NAT_GATEWAY_GB,
  NAT_GATEWAY_HOUR,
} from '../pricing/keys.js';
import type { CostContext } from './context.js';
import type { PerPeak } from './fleet.js';
import { priceLine, tieredLines } from './money.js';
import type { LineItem } from './types.js';
import type { PriceBook } from '../pricing/types.js';

/**
 * The supporting services a design needs around its compute, priced from
 * the price book (elb.*, apigateway.*, nat-gateway.*, data-transfer.*): the load balancer in front of containers and instances, API
 * Gateway in front of a function, a NAT gateway for private subnets, and the responses sent out to
 * the internet.
 */
const GB = 1024 * 1024;

/** Request and response data a month, in GB. */
export function requestGb(w: Workload): number {
  return (w.monthlyRequests * w.answers.payloadKb) / GB;
}

export function responseGb(w: Workload, ctx: CostContext): number {
  return (w.monthlyRequests * ctx.knowledge.sizing.network.responseKb) / GB;
}

/**
 * One Application Load Balancer all month, with the capacity units the traffic uses;
 * `trafficShare` is the part of the requests that passes through it (hybrid's cloud side).
 */
export function loadBalancerLines(w: Workload, ctx: CostContext, trafficShare = 1): LineItem[] {
  const hours = w.hoursPerMonth;
  const share = ctx.knowledge.sizing.network.newConnectionShare;
  const gbPerHour = ((requestGb(w) + responseGb(w, ctx)) * trafficShare) / hours;
  // An LCU is the largest of its dimensions: 25 new connections/s, or 1 GB processed an hour.
  const lcu = Math.max((w.answers.requestsPerSecond * trafficShare * share) / 25, gbPerHour, 0);
  return [
    priceLine(
      ctx.explain ? `Application Load Balancer (1 x ${hours} h)` : '',
      hours,
      ctx.prices.get(ALB_HOUR),
    ),
    priceLine(
      ctx.explain ? `Load balancer capacity units (${round(lcu, 3)} LCU x ${hours} h)` : '',
      lcu * hours,
      ctx.prices.get(ALB_LCU_HOUR),
    ),
  ];
}

export function apiGatewayLines(w: Workload, ctx: CostContext): LineItem[] {
  return apiGatewayRequestLines(w.monthlyRequests, ctx.prices);
}

/** The HTTP API's requests of a month (the `cost` command's flags price them here too). */
export function apiGatewayRequestLines(monthlyRequests: number, prices: PriceBook): LineItem[] {
  return tieredLines('API Gateway HTTP API requests', monthlyRequests, prices.get(APIGATEWAY_HTTP_REQUESTS));
}

/**
 * A NAT gateway so tasks or nodes in private subnets reach image registries and AWS APIs: its
 * hours, and the data it processes, which is mostly what each machine pulls when it starts (the
 * serving image and the model; sizing.yaml network.natPull). `peakMachines` is the fleet at the
 * peak; `accelerated` picks the CUDA image.
 */
export function natLines(
  w: Workload,
  ctx: CostContext,
  peakMachines: number,
  accelerated: boolean,
  /** False when the gateway is already there (an existing cluster's): its hours are sunk. */
  hourly = true,
): LineItem[] {
  const pull = ctx.knowledge.sizing.network.natPull;
  const perStartGb = natPullGb(w, ctx, accelerated);
  const starts = Math.max(1, peakMachines) * pull.startsPerMachinePerMonth;
  return [
    ...(hourly
      ? [
          priceLine(
            ctx.explain ? `NAT gateway (1 x ${w.hoursPerMonth} h)` : '',
            w.hoursPerMonth,
            ctx.prices.get(NAT_GATEWAY_HOUR),
          ),
        ]
      : []),
    priceLine(
      ctx.explain ? `NAT gateway data (${starts} starts x ${round(perStartGb, 2)} GB pulled)` : '',
      starts * perStartGb,
      ctx.prices.get(NAT_GATEWAY_GB),
    ),
  ];
}

/** What one machine pulls through the NAT gateway at each start: the serving image and the model. */
function natPullGb(w: Workload, ctx: CostContext, accelerated: boolean): number {
  const pull = ctx.knowledge.sizing.network.natPull;
  return (accelerated ? pull.gpuImageGb : pull.cpuImageGb) + w.answers.modelSizeMb / 1024;
}

/**
 * The NAT data one machine of the peak fleet adds a month (natLines' data line per machine), so
 * the fleet search can weigh it: many small machines pull the image more often than few large.
 */
export function natUsdPerPeakMachine(w: Workload, ctx: CostContext, accelerated: boolean): number {
  const pull = ctx.knowledge.sizing.network.natPull;
  return pull.startsPerMachinePerMonth * natPullGb(w, ctx, accelerated) * ctx.prices.get(NAT_GATEWAY_GB).usd;
}

/** natUsdPerPeakMachine for a CPU and an accelerated machine, as the fleet search weighs them. */
export function natPerPeak(w: Workload, ctx: CostContext): PerPeak {
  return { cpu: natUsdPerPeakMachine(w, ctx, false), accelerated: natUsdPerPeakMachine(w, ctx, true) };
}

export function dataOutLines(w: Workload, ctx: CostContext): LineItem[] {
  return dataOutGbLines(
    responseGb(w, ctx),
    ctx.prices,
    ctx.explain ? `${ctx.knowledge.sizing.network.responseKb} KB responses` : null,
  );
}

/**
 * Data transfer out to the internet for `gb` a month, tiered: the line the ranking bills for the
 * responses, and the one `cost OPTION` prints from its flags. `what` says what was sent; null
 * leaves the line unlabelled (the ranking's numbers pass).
 */
export function dataOutGbLines(gb: number, prices: PriceBook, what: string | null): LineItem[] {
  return tieredLines(
    what === null ? '' : `Data transfer out to the internet (${what})`,
    gb,
    prices.get(DATA_TRANSFER_OUT_INTERNET),
  );
}

function round(v: number, d: number): number {
  const f = 10 ** d;
  return Math.round(v * f) / f;
}
