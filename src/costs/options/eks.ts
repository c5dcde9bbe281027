import { machineNotes } from '../hardware.js';
import { EKS_CLUSTER_HOUR, ec2Instance } from '../../pricing/keys.js';
import type { Workload } from '../../core/workload.js';
import type { Fleet } from '../fleet.js';
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
import { ec2Fleet } from './ec2-common.js';

/**
 * Amazon EKS: the cheapest EC2 node fleet (CPU x86 or Graviton, GPU, Inferentia2) that fits and
 * meets the target, an ALB ingress, and, for a new cluster, its control plane and a NAT gateway.
 * A team that already runs EKS adds only its nodes and load balancer: the cluster is there.
 */
export const eks: CostModel = {
  option: 'eks',
  price(w, ctx) {
    const chosen = ec2Fleet('eks', w, ctx, {
      target: w.answers.latencyP95Ms,
      nat: w.answers.kubernetes !== 'eks',
    });
    if (!chosen.fleet) return unsized(chosen.blockers);
    const f = chosen.fleet;
    const existing = w.answers.kubernetes === 'eks';
    const nodes = priceLine(
      ctx.explain ? `EC2 nodes ${f.machine.name} (${f.average} x ${w.hoursPerMonth} h)` : '',
      f.average * w.hoursPerMonth,
      ctx.prices.get(ec2Instance(f.machine.name)),
      'instance-hour',
    );
    const ops = operationsLine('eks', w, ctx.knowledge, 0, ctx.explain);
    const lineItems = [
      ...(existing
        ? []
        : [
            priceLine(
              ctx.explain ? `EKS control plane (1 x ${w.hoursPerMonth} h)` : '',
              w.hoursPerMonth,
              ctx.prices.get(EKS_CLUSTER_HOUR),
              'cluster-hour',
            ),
          ]),
      nodes,
      ...loadBalancerLines(w, ctx),
      ...(existing ? [] : natLines(w, ctx, f.max, f.machine.accelerator !== null)),
      ...dataOutLines(w, ctx),
      ops,
    ];
    return {
      lineItems,
      ...(ctx.explain
        ? {
            summary: fleetSummary(f, w, null, 'node'),
            sizing: {
              clusters: existing ? 0 : 1,
              nodeType: f.machine.name,
              initialNodes: f.initial,
              maxNodes: f.max,
              averageNodes: f.average,
              ...podsOf(f, w, ctx.knowledge.sizing.kubernetes.podCpuShareOfNode),
            },
            assumptions: [
              existing
                ? "Runs on the team's existing EKS cluster: its control plane and NAT are already paid; only nodes and the ingress load balancer are added."
                : w.answers.kubernetes === 'self-managed'
                  ? "The team's own Kubernetes is not EKS: a new EKS cluster is billed (control plane in standard support all month, an ALB ingress, one NAT gateway); its manifests carry over."
                  : 'A new EKS cluster in standard support, all month, with an ALB ingress and one NAT gateway.',
              ...fleetAssumptions(f, w, ctx.knowledge.sizing, 'node'),
              ...(f.machine.architecture === 'arm64'
                ? [`${f.machine.name} is Graviton (arm64): the image must be built for arm64.`]
                : []),
              ...(f.machine.kind === 'inferentia'
                ? ['Inferentia2 nodes: the model must be compiled with the AWS Neuron SDK.']
                : []),
            ],
          }
        : NOT_EXPLAINED),
      blockers: [],
      notes: [
        ...headroomNote('eks', f.serving.latencyMs, w, ctx.knowledge.sizing),
        ...machineNotes(f.machine, ctx.knowledge.sizing),
      ],
      labourUsd: ops.usd,
      covered: [{ plan: 'compute-ec2', usd: nodes.usd }],
    };
  },
};

/**
 * The pods the scaffold deploys on that fleet: one single-process pod per model copy a node holds,
 * each requesting its share of the node's vCPUs (less the kubelet's reservation), the memory one
 * copy needs, and its accelerators; the HorizontalPodAutoscaler's bounds are the node fleet's
 * bounds times the pods a node holds, and one pod serves a node's planned rate over its copies.
 */
function podsOf(f: Fleet, w: Workload, cpuShare: number): Record<string, number> {
  const perNode = Math.max(1, f.serving.replicas);
  const acc = f.machine.accelerator;
  return {
    podsPerNode: perNode,
    podCpuMillicores: Math.max(100, Math.floor((f.machine.vcpu * 1000 * cpuShare) / perNode / 10) * 10),
    podMemoryMb: Math.ceil(w.memoryNeededMb),
    podGpus: acc && f.machine.kind === 'gpu' ? Math.max(1, Math.floor(acc.count / perNode)) : 0,
    podNeuronDevices:
      acc && f.machine.kind === 'inferentia' ? Math.max(1, Math.floor(acc.count / perNode)) : 0,
    minPods: f.min * perNode,
    initialPods: f.initial * perNode,
    // One pod above the minimum at least: a rolling update surges a pod (a node for minutes when
    // the fleet is full, not priced), and the autoscaler must allow it.
    maxPods: Math.max(f.max * perNode, f.min * perNode + 1),
    requestsPerSecondPerPod: sig(f.capacityRps / perNode),
  };
}
