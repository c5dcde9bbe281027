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

/**
 * Short names people use for an option that neither its id nor its name contains. The chat also
 * accepts any word of an option's id or aliases that no other option shares ("serverless",
 * "fargate") and an id written without its hyphen ("onprem"), so only true synonyms go here.
 */
export const OPTION_SHORT_NAMES: Partial<Record<OptionId, readonly string[]>> = {
  eks: ['k8s', 'kubernetes', 'kube'],
};
