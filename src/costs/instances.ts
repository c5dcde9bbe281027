/**
 * The instance types the sizing chooses from, with the specs that decide whether a model fits.
 * Specs are AWS's published sizes (https://aws.amazon.com/ec2/instance-types/ and
 * https://aws.amazon.com/sagemaker/pricing/instance-types/, checked 2026-11-26). An instance is
 * only chosen when the price book has its price.
 */
export interface InstanceSpec {
  type: string;
  vcpu: number;
  memoryGib: number;
  gpus: number;
  gpuMemoryGib: number;
  arch: 'x86_64' | 'arm64';
}

const spec = (
  type: string,
  vcpu: number,
  memoryGib: number,
  gpus = 0,
  gpuMemoryGib = 0,
  arch: 'x86_64' | 'arm64' = 'x86_64',
): InstanceSpec => ({ type, vcpu, memoryGib, gpus, gpuMemoryGib, arch });

/** SageMaker ML instances (hosting, async, batch). */
export const SAGEMAKER_INSTANCES: readonly InstanceSpec[] = [
  spec('ml.m5.large', 2, 8),
  spec('ml.c5.xlarge', 4, 8),
  spec('ml.m5.xlarge', 4, 16),
  spec('ml.g4dn.xlarge', 4, 16, 1, 16),
  spec('ml.g5.xlarge', 4, 16, 1, 24),
];

/** EC2 instances (TF Serving hosts, EKS nodes, hybrid burst). */
export const EC2_INSTANCES: readonly InstanceSpec[] = [
  spec('m5.large', 2, 8),
  spec('c5.xlarge', 4, 8),
  spec('m7g.xlarge', 4, 16, 0, 0, 'arm64'),
  spec('g4dn.xlarge', 4, 16, 1, 16),
  spec('g5.xlarge', 4, 16, 1, 24),
];

export function findInstance(list: readonly InstanceSpec[], type: string): InstanceSpec | undefined {
  return list.find((i) => i.type === type);
}
