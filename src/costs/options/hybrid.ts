import {
  DATA_TRANSFER_OUT_INTERNET,
  DIRECT_CONNECT_DATA_TRANSFER_OUT,
  DIRECT_CONNECT_PORT_HOUR_1G,
  VPN_CONNECTION_HOUR,
  ec2Instance,
} from '../../pricing/keys.js';
import { activeRate } from '../fleet.js';
import { headroomNote, sig, unsized, type CostModel } from '../model.js';
import { priceLine } from '../money.js';
import { operationsLine } from '../operations.js';
import { ec2Fleet } from './ec2-common.js';
import { ownHardware, serverCareHours, serverFleet, serverLines } from './on-prem-common.js';

const GB = 1024 * 1024;

/**
 * Hybrid: own servers for the usual load (one at least: the cloud is the failover), EC2 in the
 * cloud for what the peak adds above them, billed for the hours it runs, and the network link
 * between the two: a Site-to-Site VPN, or Direct Connect when that is cheaper for the data sent
 * back, with the egress of the cloud's responses.
 */
export const hybrid: CostModel = {
  option: 'hybrid',
  price(w, ctx) {
    const sizing = ctx.knowledge.sizing;
    const offline = w.answers.latencyP95Ms === null;
    const baseRate = offline ? w.answers.requestsPerSecond : activeRate(w);
    const r = serverFleet('hybrid', baseRate, 1, w, ctx);
    if (!r.fleet) return unsized(r.blockers);
    const base = r.fleet;
    const overflowRps = offline ? 0 : Math.max(0, w.peakRequestsPerSecond - base.capacityRps * base.servers);
    const lines = serverLines(base, w, ctx, 'On-prem base: ');
    const own = ownHardware(lines, base);
    const assumptions = [
      `On-prem base: ${base.servers} x ${base.machine.name} for ${sig(baseRate)} requests/s (the usual load); the cloud takes what the peak adds and is the failover.`,
    ];
    let burstUsd = 0;
    let burstShare = 0;
    if (overflowRps > 0) {
      const cloud = ec2Fleet('hybrid', w, ctx, { target: w.answers.latencyP95Ms, nat: false });
      if (!cloud.fleet) return unsized(cloud.blockers);
      const instances = Math.ceil(overflowRps / cloud.fleet.capacityRps - 1e-9);
      const hours = Math.round(w.hoursPerMonth * w.activeShare * sizing.peakShareOfActiveTime * 100) / 100;
      const burst = priceLine(
        `Cloud burst: EC2 ${cloud.fleet.machine.name} (${instances} x ${hours} h)`,
        instances * hours,
        ctx.prices.get(ec2Instance(cloud.fleet.machine.name)),
        'instance-hour',
      );
      lines.push(burst);
      burstUsd = burst.usd;
      burstShare = (overflowRps / w.peakRequestsPerSecond) * sizing.peakShareOfActiveTime;
      assumptions.push(
        `${instances} x ${cloud.fleet.machine.name} in the cloud for the ${sig(overflowRps)} requests/s above the base at the peak, ${hours} h a month.`,
      );
    } else {
      assumptions.push(
        'The base carries the peak; the cloud side stays a warm standby image, not running instances.',
      );
    }
    // Responses of requests served in the cloud travel back to the site.
    const backGb = (w.monthlyRequests * burstShare * (sizing.network.responseKb + w.answers.payloadKb)) / GB;
    const vpnUsd =
      w.hoursPerMonth * ctx.prices.get(VPN_CONNECTION_HOUR).usd +
      backGb * ctx.prices.get(DATA_TRANSFER_OUT_INTERNET).usd;
    const dxUsd =
      w.hoursPerMonth * ctx.prices.get(DIRECT_CONNECT_PORT_HOUR_1G).usd +
      backGb * ctx.prices.get(DIRECT_CONNECT_DATA_TRANSFER_OUT).usd;
    if (dxUsd < vpnUsd) {
      lines.push(
        priceLine(
          `Direct Connect 1 Gbps port (${w.hoursPerMonth} h)`,
          w.hoursPerMonth,
          ctx.prices.get(DIRECT_CONNECT_PORT_HOUR_1G),
        ),
      );
      lines.push(
        priceLine(
          'Data out over Direct Connect (cloud responses to the site)',
          backGb,
          ctx.prices.get(DIRECT_CONNECT_DATA_TRANSFER_OUT),
        ),
      );
    } else {
      lines.push(
        priceLine(
          `Site-to-Site VPN connection (${w.hoursPerMonth} h)`,
          w.hoursPerMonth,
          ctx.prices.get(VPN_CONNECTION_HOUR),
        ),
      );
      lines.push(
        priceLine(
          'Data transfer out (cloud responses to the site, over the VPN)',
          backGb,
          ctx.prices.get(DATA_TRANSFER_OUT_INTERNET),
        ),
      );
    }
    const ops = operationsLine('hybrid', w, ctx.knowledge, serverCareHours(base.servers, ctx));
    lines.push(ops);
    const target = w.answers.latencyP95Ms;
    return {
      lineItems: lines,
      summary: {
        hardware: 'on-prem',
        instanceType: base.machine.name,
        count: base.servers,
        minCount: base.servers,
        maxCount: base.servers,
        accelerator: base.serving.accelerator,
        memoryFitMarginPct: base.serving.memoryFitMarginPct,
        latencyMs: base.serving.latencyMs,
        latencyMarginMs: target === null ? null : Math.round((target - base.serving.latencyMs) * 10) / 10,
        coldStartS: null,
        description: `${base.servers} x ${base.machine.name} on site${overflowRps > 0 ? ', EC2 burst for the peak' : ''}, linked by ${dxUsd < vpnUsd ? 'Direct Connect' : 'a Site-to-Site VPN'}`,
      },
      sizing: { serverKind: base.machine.name, servers: base.servers, burstOverflowRps: sig(overflowRps) },
      assumptions,
      blockers: [],
      notes: headroomNote('hybrid', base.serving.latencyMs, w, sizing),
      labourUsd: ops.usd,
      ownHardware: own,
      covered: burstUsd > 0 ? [{ plan: 'compute-ec2', usd: burstUsd }] : [],
    };
  },
};
