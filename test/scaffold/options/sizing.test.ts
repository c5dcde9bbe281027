import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kustomizeBuild, parseCfnYaml, parseManifests } from '../../support/validate/index.js';
import { advise } from '../../../src/advice.js';
import { parseAnswers, type AnswersInput } from '../../../src/core/answers.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../../src/pricing/snapshot.js';
import { BASE_ANSWERS, generate } from './generate.js';

/** Sizes the templates compute from the context are ones the services accept. */

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const stack = (dir: string, path: string): Obj =>
  parseCfnYaml(readFileSync(join(dir, path), 'utf8')).value as Obj;

/** Fargate's CPU/memory pairs (Linux): memory range and step per CPU size, in MB. */
const FARGATE: Record<string, [number, number, number]> = {
  '256': [512, 2048, 512],
  '512': [1024, 4096, 1024],
  '1024': [2048, 8192, 1024],
  '2048': [4096, 16384, 1024],
  '4096': [8192, 30720, 1024],
  '8192': [16384, 61440, 4096],
  '16384': [32768, 122880, 8192],
};

describe('computed sizes', () => {
  it.each([50, 400, 3000, 9000, 20000])(
    'ECS task size is a valid Fargate pair covering a %i MB model',
    async (modelSizeMb) => {
      // A loose latency target: big models are slow on CPU, and a tight one makes ECS infeasible.
      const { dir, context } = await generate('ecs-fargate', {
        modelSizeMb,
        framework: 'pytorch',
        latencyP95Ms: 5000,
      });
      try {
        const task = Object.values(stack(dir, 'infra/ecs/stack.yaml').Resources as Obj).find(
          (r: Obj) => r.Type === 'AWS::ECS::TaskDefinition',
        ) as Obj;
        const cpu = String(task.Properties.Cpu);
        const memory = Number(task.Properties.Memory);
        const [lo, hi, step] = FARGATE[cpu]!;
        expect(memory).toBeGreaterThanOrEqual(lo);
        expect(memory).toBeLessThanOrEqual(hi);
        expect((memory - lo) % step).toBe(0);
        expect(memory).toBeGreaterThanOrEqual(Math.min(context.memoryMb, 122880));
      } finally {
        rmSync(dirname(dir), { recursive: true, force: true });
      }
    },
  );

  it('Lambda memory comes from the context and stays within 128-10240 MB; the timeout fits the HTTP API', async () => {
    const { dir, context } = await generate('lambda', { modelSizeMb: 300 });
    try {
      const fn = stack(dir, 'infra/lambda/template.yaml').Globals.Function as Obj;
      expect(fn.MemorySize).toBe(Math.min(10240, Math.max(512, context.memoryMb)));
      expect(fn.Timeout).toBeLessThanOrEqual(30);
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });

  it('TF Serving config, image and load balancer agree on the model name and path', async () => {
    const { dir, context } = await generate('tf-serving', { framework: 'tensorflow' });
    try {
      const config = readFileSync(join(dir, 'serving/models.config'), 'utf8');
      const name = /name: "([a-z0-9-]+)"/.exec(config)?.[1];
      expect(name).toBe(context.project.slug);
      expect(config).toContain(`base_path: "/models/${name}"`);
      const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
      expect(dockerfile).toMatch(/^FROM --platform=linux\/amd64 tensorflow\/serving:\d+\.\d+\.\d+$/m);
      expect(dockerfile).toContain(`COPY model/saved_model/ /models/${name}/1/`);
      const tg = Object.values(stack(dir, 'infra/ec2/stack.yaml').Resources as Obj).find(
        (r: Obj) => r.Type === 'AWS::ElasticLoadBalancingV2::TargetGroup',
      ) as Obj;
      expect(tg.Properties.HealthCheckPath).toBe(`/v1/models/${name}`);
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });

  it('tf-serving refuses a model that is not TensorFlow', async () => {
    await expect(generate('tf-serving', { framework: 'sklearn' })).rejects.toThrow(/supports tensorflow/);
  });

  // The reviewer found ECS scaling at 140 requests/s a task while the advice planned 84: the
  // scaffold fell back to its own formula because the cost model did not say what a task serves.
  it.each(['ecs-fargate', 'tf-serving'] as const)(
    '%s scales on what the advice says one machine serves',
    async (option) => {
      const answers = {
        ...BASE_ANSWERS,
        framework: option === 'tf-serving' ? ('tensorflow' as const) : ('sklearn' as const),
        requestsPerSecond: 150,
        inferenceMs: 12,
      };
      const row = advise(
        parseAnswers(answers),
        loadKnowledge(),
        loadSnapshotPriceBook('us-east-1'),
      ).ranking.find((r) => r.option === option)!;
      const perMachine = Number(
        row.cost!.sizing.requestsPerSecondPerTask ?? row.cost!.sizing.requestsPerSecondPerInstance,
      );
      expect(perMachine).toBeGreaterThan(0);
      const { dir, context } = await generate(option, answers);
      try {
        expect(context.autoscaling.targetInvocationsPerMinute).toBe(Math.round(perMachine * 60));
      } finally {
        rmSync(dirname(dir), { recursive: true, force: true });
      }
    },
  );
});

/** The engine's answer for one option, as `recommend --json` gives it. */
function engineRow(option: 'hybrid' | 'eks', answers: Partial<AnswersInput>) {
  const row = advise(
    parseAnswers({ ...BASE_ANSWERS, ...answers }),
    loadKnowledge(),
    loadSnapshotPriceBook('us-east-1'),
  ).ranking.find((r) => r.option === option)!;
  expect(row.feasible).toBe(true);
  return row;
}

// The reviewer found hybrid's cloud side deployed as Fargate tasks behind a load balancer that
// the engine never priced (it priced EC2 instances for the peak hours only), and the stack took
// its task counts from the on-premises replica count. Both now come from the engine's sizing.
describe('hybrid: the cloud side deploys what the advice priced', () => {
  const HYBRID: Partial<AnswersInput>[] = [
    { hosting: 'hybrid-ok', requestsPerSecond: 50, latencyP95Ms: 100, trafficPattern: 'spiky' },
    {
      hosting: 'hybrid-ok',
      framework: 'onnx',
      modelSizeMb: 200,
      requestsPerSecond: 300,
      latencyP95Ms: 150,
      trafficPattern: 'intermittent',
    },
    {
      hosting: 'hybrid-ok',
      framework: 'pytorch',
      modelSizeMb: 3000,
      requestsPerSecond: 40,
      latencyP95Ms: 2000,
      trafficPattern: 'spiky',
    },
    {
      hosting: 'hybrid-ok',
      framework: 'xgboost',
      modelSizeMb: 100,
      requestsPerSecond: 20,
      latencyP95Ms: null,
      trafficPattern: 'batch',
    },
  ];
  it.each(HYBRID)('task size and counts equal the engine sizing (%o)', async (answers) => {
    const row = engineRow('hybrid', answers);
    const s = row.cost!.sizing;
    expect(s.cloudPlatform).toBe('fargate');
    // Priced as deployed: Fargate task-hours (when a task runs), the load balancer, the NAT gateway.
    const items = row.lineItems.map((l) => l.item);
    if (Number(s.cloudAverageTasks) > 0) expect(items.some((i) => /^Cloud side: vCPU/.test(i))).toBe(true);
    expect(items.some((i) => /^Cloud side: Application Load Balancer/.test(i))).toBe(true);
    expect(items.some((i) => /^Cloud side: Load balancer capacity units/.test(i))).toBe(true);
    expect(items.some((i) => /^Cloud side: NAT gateway \(/.test(i))).toBe(true);
    expect(row.cost!.assumptions.some((a) => a.startsWith('Cloud side as the scaffold deploys it'))).toBe(
      true,
    );
    const { dir } = await generate('hybrid', answers);
    try {
      const doc = stack(dir, 'infra/ecs/stack.yaml');
      expect(doc.Mappings.Sizing.production.MinTasks).toBe(Number(s.cloudMinTasks));
      // Up to the engine's failover count, and never so few that the service cannot scale out
      // (see devops-review-4.test.ts): at least one more than the warm tasks.
      expect(doc.Mappings.Sizing.production.MaxTasks).toBeGreaterThanOrEqual(Number(s.cloudMaxTasks));
      expect(doc.Mappings.Sizing.production.MaxTasks).toBeGreaterThan(Number(s.cloudMinTasks));
      const task = Object.values(doc.Resources as Obj).find(
        (r: Obj) => r.Type === 'AWS::ECS::TaskDefinition',
      ) as Obj;
      const cpu = String(task.Properties.Cpu);
      const memory = Number(task.Properties.Memory);
      expect(Number(cpu)).toBe(Number(s.cloudVcpuPerTask) * 1024);
      expect(memory).toBe(Number(s.cloudMemoryGbPerTask) * 1024);
      const [lo, hi, step] = FARGATE[cpu]!;
      expect(memory).toBeGreaterThanOrEqual(lo);
      expect(memory).toBeLessThanOrEqual(hi);
      expect((memory - lo) % step).toBe(0);
      expect(task.Properties.RuntimePlatform.CpuArchitecture).toBe('X86_64');
      expect(String(s.cloudMachine)).toContain('x86_64');
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});

// The reviewer found the EKS pods sized by the scaffold's own formula (one CPU, HPA bounds from
// its own rate arithmetic) while the advice priced a node fleet of its own choosing. The pods now
// come from the engine's EKS sizing: one model copy a pod, bounds = node bounds x pods a node.
describe('eks: pods and autoscaler bounds are the advice sizing', () => {
  const EKS: Partial<AnswersInput>[] = [
    { requestsPerSecond: 50, latencyP95Ms: 100 },
    {
      framework: 'onnx',
      modelSizeMb: 200,
      requestsPerSecond: 300,
      latencyP95Ms: 150,
      trafficPattern: 'spiky',
    },
    {
      framework: 'pytorch',
      modelSizeMb: 1500,
      gpu: 'required',
      requestsPerSecond: 400,
      latencyP95Ms: 200,
      trafficPattern: 'spiky',
    },
    {
      framework: 'xgboost',
      modelSizeMb: 100,
      requestsPerSecond: 20,
      latencyP95Ms: null,
      trafficPattern: 'batch',
    },
  ];
  it.each(EKS)('HPA bounds and pod resources equal the engine sizing (%o)', async (answers) => {
    const row = engineRow('eks', answers);
    const s = row.cost!.sizing;
    // The pods are the priced nodes: bounds are the node fleet's times the pods a node holds, and
    // a node's pods request no more than its vCPUs.
    const perNode = Number(s.podsPerNode);
    expect(Number(s.minPods)).toBe(row.sizing!.minCount * perNode);
    expect(Number(s.maxPods)).toBe(Math.max(row.sizing!.maxCount * perNode, Number(s.minPods) + 1));
    const { dir } = await generate('eks', answers);
    try {
      const docs = parseManifests(readFileSync(join(dir, 'k8s/base/autoscaling.yaml'), 'utf8')).docs;
      const hpa = docs.find((d) => d.kind === 'HorizontalPodAutoscaler') as Obj;
      expect(hpa.spec.minReplicas).toBe(Number(s.minPods));
      expect(hpa.spec.maxReplicas).toBe(Number(s.maxPods));
      const prod = kustomizeBuild(join(dir, 'k8s', 'overlays', 'production')).docs;
      const prodHpa = prod.find((d) => d.kind === 'HorizontalPodAutoscaler') as Obj;
      expect(prodHpa.spec.minReplicas).toBe(Number(s.minPods));
      expect(prodHpa.spec.maxReplicas).toBe(Number(s.maxPods));
      const pod = (prod.find((d) => d.kind === 'Deployment') as Obj).spec.template.spec;
      const res = pod.containers[0].resources;
      expect(res.requests.cpu).toBe(`${s.podCpuMillicores}m`);
      expect(res.requests.memory).toBe(`${s.podMemoryMb}Mi`);
      expect(res.limits['nvidia.com/gpu'] ?? 0).toBe(Number(s.podGpus));
      const node = loadKnowledge().instances.find((i) => i.name === s.nodeType);
      if (node) expect(perNode * Number(s.podCpuMillicores)).toBeLessThanOrEqual(node.vcpu * 1000);
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});
