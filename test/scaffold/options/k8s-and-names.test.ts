import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTION_IDS } from '../../../src/core/options.js';
import {
  formatProblems,
  kustomizeBuild,
  parseManifests,
  validateRepo,
} from '../../support/validate/index.js';
import { frameworksFor, generate } from './generate.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function deploymentOf(dir: string, overlay?: string): Obj {
  const docs = overlay
    ? kustomizeBuild(join(dir, 'k8s', 'overlays', overlay)).docs
    : parseManifests(readFileSync(join(dir, 'k8s/base/deployment.yaml'), 'utf8')).docs;
  return docs.find((d) => d.kind === 'Deployment') as Obj;
}

describe('eks GPU scheduling', () => {
  it('a GPU workload gets the node selector, the toleration and nvidia.com/gpu limits', async () => {
    const { dir, context } = await generate('eks', { framework: 'pytorch', gpu: 'required' });
    try {
      expect(context.gpu).toBe(true);
      const pod = deploymentOf(dir, 'production').spec.template.spec;
      expect(pod.nodeSelector['node.kubernetes.io/instance-type']).toBe(context.instanceType ?? 'g5.xlarge');
      expect(pod.tolerations).toContainEqual({
        key: 'nvidia.com/gpu',
        operator: 'Exists',
        effect: 'NoSchedule',
      });
      expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe(1);
      expect(pod.containers[0].resources.requests['nvidia.com/gpu']).toBe(1);
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });

  it('a CPU workload has none of them', async () => {
    const { dir } = await generate('eks', { framework: 'sklearn', gpu: 'none' });
    try {
      const pod = deploymentOf(dir).spec.template.spec;
      expect(pod.nodeSelector).toBeUndefined();
      expect(pod.tolerations).toBeUndefined();
      expect(JSON.stringify(pod)).not.toContain('nvidia.com/gpu');
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });

  it('staging and production overlays carry their own sizes and namespaces', async () => {
    const { dir, context } = await generate('eks', { requestsPerSecond: 150, peakRequestsPerSecond: 600 });
    try {
      const hpa = (overlay: string) =>
        kustomizeBuild(join(dir, 'k8s/overlays', overlay)).docs.find(
          (d) => d.kind === 'HorizontalPodAutoscaler',
        ) as Obj;
      expect(hpa('staging').spec).toMatchObject({ minReplicas: 1, maxReplicas: 2 });
      // Production keeps at least two pods (redundancy) and room above the minimum.
      expect(hpa('production').spec).toMatchObject({
        minReplicas: context.capacity.production.min,
        maxReplicas: context.capacity.production.max,
      });
      expect(context.capacity.production.min).toBeGreaterThanOrEqual(2);
      expect(hpa('production').metadata.namespace).toBe(`${context.project.slug}-production`);
      expect(deploymentOf(dir, 'production').spec.template.spec.containers[0].resources.limits.memory).toBe(
        `${context.memoryMb}Mi`,
      );
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});

/** Names that break naive templating in YAML, shell, Python, JSON, HCL and paths. */
const HOSTILE = [
  `x"\nevil: true $(touch ${join(tmpdir(), 'pwned-scaffold-a')}) \`touch ${join(tmpdir(), 'pwned-scaffold-b')}\``,
  "'; rm -rf ~; echo '{{project.name}} ${HOME} %{x} \\ \u2028",
  'Ünïcødé 模型 🚀 ../../etc/passwd',
];
/** Names YAML 1.1 reads as booleans or numbers: where names land in YAML (k8s, compose, CloudFormation). */
const YAML_TRAPS = ['yes', '123', 'null'];

describe('hostile project names', () => {
  const cases = [
    ...HOSTILE.flatMap((projectName) => OPTION_IDS.map((option) => ({ option, projectName }))),
    ...YAML_TRAPS.flatMap((projectName) =>
      (['eks', 'on-prem', 'sagemaker-realtime'] as const).map((option) => ({ option, projectName })),
    ),
  ];
  it.each(cases)(
    '$option with $projectName gives valid files and runs nothing',
    async ({ option, projectName }) => {
      const framework = frameworksFor(option)[0]!;
      const { dir, files } = await generate(option, { projectName, framework });
      try {
        expect(files.every((f) => !f.includes('..') && !f.startsWith('/'))).toBe(true);
        const report = await validateRepo(dir);
        expect(formatProblems(report)).toBe('');
        expect(existsSync(join(tmpdir(), 'pwned-scaffold-a'))).toBe(false);
        expect(existsSync(join(tmpdir(), 'pwned-scaffold-b'))).toBe(false);
        expect(readdirSync(dirname(dir))).toEqual(['repo']);
      } finally {
        rmSync(dirname(dir), { recursive: true, force: true });
      }
    },
  );
});
