/**
 * The pricing flags' names and help text, with no imports: the chat's help and flag parsing use
 * them without loading the price sources (src/pricing/flags.ts reads and checks the values).
 */
export const PRICING_FLAGS = {
  pricing: { type: 'string' },
  region: { type: 'string' },
  'pricing-endpoint': { type: 'string' },
} as const;

export const PRICING_ENDPOINT_ENV = 'ML_DEPLOY_ADVISOR_PRICING_ENDPOINT';

/** Help text lines for the pricing flags, shared by every command that prices. */
export const PRICING_FLAGS_HELP = [
  '  --pricing snapshot|live|auto   where prices come from (default auto: live when AWS credentials are',
  '                                 configured, else the bundled snapshot; live failures fall back to the',
  '                                 cache, then the snapshot, with a warning)',
  '  --region REGION                AWS region of the prices (default us-east-1)',
  `  --pricing-endpoint URL         Pricing API endpoint (also ${PRICING_ENDPOINT_ENV})`,
].join('\n');
