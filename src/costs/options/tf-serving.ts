import { ec2Instance } from '../../pricing/keys.js';
import {
  fleetAssumptions,
  fleetSummary,
  headroomNote,
  sig,
  unsized,
  type CostModel,
  NOT_EXPLAINED,
} from '../model.js';
import { priceLine } from '../money.js';
import { dataOutLines, loadBalancerLines, natLines } from '../network.js';
import { operationsLine } from '../operations.js';
import { scarceCapacityNotes } from '../capacity.js';
import { ec2Fleet } from './ec2-common.js';

/**
 * TensorFlow Serving on EC2 behind an Application Load Balancer. The official tensorflow/serving
 * images are published for linux/amd64 only, so Graviton types are never chosen; no Inferentia
 * (its TF Serving build is a separate Neuron image).
 */
export const tfServing: CostModel = {
  option: 'tf-serving',
  price(w, ctx) {
    const chosen = ec2Fleet('tf-serving', w, ctx, {
      x86Only: true,
      neuron: false,
      target: w.answers.latencyP95Ms,
      nat: true,
    });
    if (!chosen.fleet) return unsized(chosen.blockers);
    const f = chosen.fleet;
    const hosts = priceLine(
      ctx.explain ? `EC2 ${f.machine.name} (${f.average} x ${w.hoursPerMonth} h)` : '',
      f.average * w.hoursPerMonth,
      ctx.prices.get(ec2Instance(f.machine.name)),
      'instance-hour',
    );
    const ops = operationsLine('tf-serving', w, ctx.knowledge, 0, ctx.explain);
    return {
      lineItems: [
        hosts,
        ...loadBalancerLines(w, ctx),
        ...natLines(w, ctx, f.max, f.machine.accelerator !== null),
        ...dataOutLines(w, ctx),
        ops,
      ],
      ...(ctx.explain
        ? {
            summary: fleetSummary(f, w, null),
            sizing: {
              instanceType: f.machine.name,
              initialInstances: f.initial,
              maxInstances: f.max,
              averageInstances: f.average,
              // What one instance serves at the planned utilisation: the scaffold scales on this figure.
              requestsPerSecondPerInstance: sig(f.capacityRps),
            },
            assumptions: [
              ...fleetAssumptions(f, w, ctx.knowledge.sizing),
              'x86_64 only: the official tensorflow/serving images are published for linux/amd64. Instances in private subnets behind an ALB, one NAT gateway.',
            ],
          }
        : NOT_EXPLAINED),
      blockers: [],
      notes: [
        ...headroomNote('tf-serving', f.serving.latencyMs, w, ctx.knowledge.sizing, ctx.explain),
        ...scarceCapacityNotes(f.machine.name, ctx.knowledge.sizing),
      ],
      labourUsd: ops.usd,
      covered: [{ plan: 'compute-ec2', usd: hosts.usd }],
    };
  },
};
