import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/core/errors.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';
import { prepareScaffold } from '../../src/scaffold/service.js';
import { precompiledCatalogue } from '../support/scaffold-catalogue.js';
import { answers, FEASIBLE } from './support.js';

/**
 * A GPU model on hybrid: the engine prices the cloud side on EC2 GPU instances (Fargate has no
 * GPU), while infra/ecs/stack.yaml deploys Fargate tasks. Until the stack deploys what was priced,
 * the scaffold refuses (exit 2) and says why, unless --force.
 */
const gpuHybrid = (force: boolean) =>
  prepareScaffold({
    parsed: answers({ ...FEASIBLE.hybrid, framework: 'pytorch', gpu: 'required' }),
    option: 'hybrid',
    knowledge: loadKnowledge(),
    prices: loadSnapshotPriceBook('us-east-1'),
    catalogue: precompiledCatalogue(),
    force,
  });

describe('hybrid with a GPU model: the stack must deploy what the advice priced', () => {
  it('without --force the scaffold stops with a user error naming the mismatch', async () => {
    const error = await gpuHybrid(false).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as Error).message).toMatch(/EC2/);
    expect((error as Error).message).toMatch(/Fargate/);
    expect((error as Error).message).toMatch(/--force/);
  });

  it('with --force it scaffolds and warns', async () => {
    const prepared = await gpuHybrid(true);
    expect(prepared.context.cloud?.platform).toBe('ec2');
    expect(prepared.warnings.join('\n')).toMatch(/EC2 .*Fargate/);
  });

  it('a CPU model on hybrid (Fargate priced, Fargate deployed) scaffolds without a word', async () => {
    const prepared = await prepareScaffold({
      parsed: answers({ ...FEASIBLE.hybrid }),
      option: 'hybrid',
      knowledge: loadKnowledge(),
      prices: loadSnapshotPriceBook('us-east-1'),
      catalogue: precompiledCatalogue(),
    });
    expect(prepared.context.cloud?.platform).toBe('fargate');
    expect(prepared.warnings.join('\n')).not.toMatch(/Fargate/);
  });
});
