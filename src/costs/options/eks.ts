import { machineNotes } from '../hardware.js';
import { EKS_CLUSTER_HOUR, ec2Instance } from '../../pricing/keys.js';
import type { Workload } from '../../core/workload.js';
import type { Fleet } from '../fleet.js';
import type { Sizing } from '../../knowledge/schema.js';
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
      // An existing cluster's NAT gateway is there already, but new nodes' pulls still pass it.
      nat: true,
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
    // A full fleet (as many nodes at the peak as at the minimum) has no room for the pod a rolling
    // update surges: a node more for the rollout's hours.
    const k8s = ctx.knowledge.sizing.kubernetes;
    const surgeHours = f.max === f.min ? k8s.surge.rolloutsPerMonth * k8s.surge.hoursPerRollout : 0;
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
      ...(surgeHours > 0
        ? [
            priceLine(
              ctx.explain
                ? `EC2 surge node ${f.machine.name} for rolling updates (${k8s.surge.rolloutsPerMonth} x ${k8s.surge.hoursPerRollout} h)`
                : '',
              surgeHours,
              ctx.prices.get(ec2Instance(f.machine.name)),
              'instance-hour',
            ),
          ]
        : []),
      ...loadBalancerLines(w, ctx),
      ...natLines(w, ctx, f.max, f.machine.accelerator !== null, !existing),
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
              maxNodes: f.max + (surgeHours > 0 ? 1 : 0),
              averageNodes: f.average,
              ...podsOf(f, w, k8s),
            },
            assumptions: [
              existing
                ? "Runs on the team's existing EKS cluster: its control plane and NAT gateway hours are already paid; nodes, the ingress load balancer and the NAT data of the nodes' image pulls are added."
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
        ...headroomNote('eks', f.serving.latencyMs, w, ctx.knowledge.sizing, ctx.explain),
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
function podsOf(f: Fleet, w: Workload, k8s: Sizing['kubernetes']): Record<string, number> {
  const perNode = Math.max(1, f.serving.replicas);
  const acc = f.machine.accelerator;
  // What the pods may request together: the share of the node, and no more than is left once the
  // kubelet's reservation and the daemon sets' requests are taken, so that they are scheduled.
  const free = f.machine.vcpu * 1000 - kubeReservedMillicores(f.machine.vcpu, k8s) - k8s.daemonSetMillicores;
  const podsCpu = Math.min(f.machine.vcpu * 1000 * k8s.podCpuShareOfNode, free);
  const full = f.max === f.min;
  return {
    podsPerNode: perNode,
    podCpuMillicores: Math.max(100, Math.floor(podsCpu / perNode / 10) * 10),
    podMemoryMb: Math.ceil(w.memoryNeededMb),
    podGpus: acc && f.machine.kind === 'gpu' ? Math.max(1, Math.floor(acc.count / perNode)) : 0,
    podNeuronDevices:
      acc && f.machine.kind === 'inferentia' ? Math.max(1, Math.floor(acc.count / perNode)) : 0,
    minPods: f.min * perNode,
    initialPods: f.initial * perNode,
    // One pod above the minimum at least: a rolling update surges a pod, on the surge node (priced)
    // when the fleet is full; the nodes at the peak hold every pod the autoscaler may run.
    maxPods: full ? f.max * perNode + 1 : f.max * perNode,
    requestsPerSecondPerPod: sig(f.capacityRps / perNode),
  };
}

/** The EKS AMI's kubelet CPU reservation for a node of `vcpu` cores, in millicores. */
function kubeReservedMillicores(vcpu: number, k8s: Sizing['kubernetes']): number {
  const r = k8s.kubeReservedCpu;
  const cores = [r.firstCore, r.secondCore, r.thirdAndFourthCores, r.thirdAndFourthCores];
  let m = 0;
  for (let i = 0; i < vcpu; i++) m += 1000 * (cores[i] ?? r.aboveFourCores);
  return m;
}
