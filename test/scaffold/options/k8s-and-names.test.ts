import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kustomizeBuild, parseManifests, validateRepoInProcess } from '../../support/validate/index.js';
import { generate } from './generate.js';
import { hostileNamesSuite } from './hostile-names.js';

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
      expect(pod.nodeSelector['kubernetes.io/arch']).toBe('amd64');
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

  it('a CPU workload has none of them, only the architecture the image is built for', async () => {
    const { dir, context } = await generate('eks', { framework: 'sklearn', gpu: 'none' });
    try {
      const pod = deploymentOf(dir).spec.template.spec;
      // The architecture the advice priced (Graviton nodes are arm64), for the pods and the build.
      expect(pod.nodeSelector).toEqual({ 'kubernetes.io/arch': context.architecture });
      expect(readFileSync(join(dir, 'scripts/deploy.sh'), 'utf8')).toContain(
        `docker build --platform linux/${context.architecture} `,
      );
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

describe('Kubernetes pod counts', () => {
  it.each(['eks', 'on-prem', 'hybrid'] as const)(
    '%s: the HorizontalPodAutoscaler owns them, so no Deployment or overlay sets replicas',
    async (option) => {
      const { dir, context } = await generate(option, { hosting: 'hybrid-ok' });
      try {
        for (const overlay of ['staging', 'production']) {
          const docs = kustomizeBuild(join(dir, 'k8s/overlays', overlay)).docs as Obj[];
          const deployment = docs.find((d) => d.kind === 'Deployment')!;
          const hpa = docs.find((d) => d.kind === 'HorizontalPodAutoscaler')!;
          expect(hpa.spec.scaleTargetRef.name).toBe(deployment.metadata.name);
          expect(deployment.spec.replicas).toBeUndefined();
          expect(hpa.spec.minReplicas).toBe(context.capacity[overlay as 'staging' | 'production'].min);
        }
      } finally {
        rmSync(dirname(dir), { recursive: true, force: true });
      }
    },
  );
});

hostileNamesSuite(validateRepoInProcess);
