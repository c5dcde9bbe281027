/** The ten deployment options of the contract, in the order the contract lists them. */
export const OPTION_IDS = [
  'sagemaker-realtime',
  'sagemaker-serverless',
  'sagemaker-async',
  'sagemaker-batch',
  'lambda',
  'ecs-fargate',
  'eks',
  'tf-serving',
  'on-prem',
  'hybrid',
] as const;

export type OptionId = (typeof OPTION_IDS)[number];

export function isOptionId(value: string): value is OptionId {
  return (OPTION_IDS as readonly string[]).includes(value);
}
