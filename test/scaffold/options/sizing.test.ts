import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCfnYaml } from '../../support/validate/index.js';
import { advise } from '../../../src/advice.js';
import { parseAnswers } from '../../../src/core/answers.js';
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
