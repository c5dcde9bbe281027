import { advise } from '../../advice.js';
import { UserInputError } from '../../core/errors.js';
import { quoteValue } from '../../core/sanitize.js';
import { OPTION_IDS, isOptionId, type OptionId } from '../../core/options.js';
import { eksLineItems } from '../../costs/eks.js';
import { fargateLineItems } from '../../costs/fargate.js';
import { hybridLineItems } from '../../costs/hybrid.js';
import { lambdaLineItems } from '../../costs/lambda.js';
import { total } from '../../costs/money.js';
import { apiGatewayRequestLines, dataOutGbLines } from '../../costs/network.js';
import { formatNumber } from '../../core/format.js';
import { onPremLineItems, type OnPremParams } from '../../costs/on-prem.js';
import { sagemakerInstanceLineItems } from '../../costs/sagemaker-instances.js';
import {
  SAGEMAKER_SERVERLESS_PC_GB_SECOND,
  SERVERLESS_MEMORY_SIZES_MB,
  sagemakerServerlessLineItems,
} from '../../costs/sagemaker-serverless.js';
import { tfServingLineItems } from '../../costs/tf-serving.js';
import type { LineItem } from '../../costs/types.js';
import type { Knowledge } from '../../knowledge/knowledge.js';
import { ARCHES, ONPREM } from '../../pricing/keys.js';
import { UnknownPriceError, type PriceBook } from '../../pricing/types.js';
import { choiceFlag, numberFlag, parseFlags, requireFlag } from '../args.js';
import { writeLine, type Command } from '../../io/cli-io.js';
import { PRICING_FLAGS, PRICING_FLAGS_HELP, pricingOptionsFromFlags } from '../../pricing/flags.js';
import { loadCommandContext, loadCommandKnowledge } from '../command-context.js';
import { loadCommandPrices } from '../command-prices.js';
import { renderCost } from '../cost-table.js';

/**
 * `cost OPTION [workload flags] [--json]`: prices one explicit workload with one option's cost
 * model, line by line, as AWS's worked examples do. Month = 730 hours unless --hours.
 */

const FLAGS = {
  ...PRICING_FLAGS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  answers: { type: 'string' },
  'memory-mb': { type: 'string' },
  requests: { type: 'string' },
  'duration-ms': { type: 'string' },
  arch: { type: 'string' },
  'ephemeral-storage-mb': { type: 'string' },
  'provisioned-concurrency': { type: 'string' },
  'provisioned-hours': { type: 'string' },
  'free-tier': { type: 'boolean' },
  'invoked-by': { type: 'string' },
  'data-gb': { type: 'string' },
  'data-out-gb': { type: 'string' },
  'instance-type': { type: 'string' },
  instances: { type: 'string' },
  hours: { type: 'string' },
  vcpu: { type: 'string' },
  'memory-gb': { type: 'string' },
  tasks: { type: 'string' },
  'ephemeral-storage-gb': { type: 'string' },
  'node-type': { type: 'string' },
  nodes: { type: 'string' },
  clusters: { type: 'string' },
  servers: { type: 'string' },
  'server-usd': { type: 'string' },
  'amortize-months': { type: 'string' },
  watts: { type: 'string' },
  'usd-per-kwh': { type: 'string' },
  'ops-hours': { type: 'string' },
  'ops-usd-per-hour': { type: 'string' },
} as const;

type FlagName = keyof typeof FLAGS;
type Values = Partial<Record<FlagName, string | boolean>>;

interface FlagRange {
  min: number;
  max: number;
  integer?: boolean;
  /** The minimum itself is not allowed (a count of running things: 0 would price at $0). */
  above?: boolean;
}

/**
 * The range of every numeric workload flag, like the answers' ranges (src/core/answer-fields.ts):
 * far past any real workload, yet where a price stays a readable number (no `1e-300 W`, no
 * `$2.7e+22`). An option may narrow a flag further (Lambda's memory, serverless sizes).
 */
export const COST_FLAG_RANGES = {
  'memory-mb': { min: 128, max: 10_240, integer: true },
  requests: { min: 0, max: 1_000_000_000_000, integer: true },
  // Lambda's longest run is 15 minutes.
  'duration-ms': { min: 0, max: 900_000 },
  'ephemeral-storage-mb': { min: 512, max: 10_240, integer: true },
  'provisioned-concurrency': { min: 0, max: 100_000, integer: true },
  'provisioned-hours': { min: 0, max: 744 },
  'data-gb': { min: 0, max: 1_000_000_000 },
  'data-out-gb': { min: 0, max: 1_000_000_000 },
  instances: { min: 0, max: 10_000, above: true },
  hours: { min: 0, max: 744, above: true },
  vcpu: { min: 0.25, max: 16 },
  'memory-gb': { min: 0.5, max: 120 },
  tasks: { min: 0, max: 100_000, above: true },
  'ephemeral-storage-gb': { min: 20, max: 200 },
  nodes: { min: 0, max: 10_000, above: true },
  clusters: { min: 0, max: 1_000, above: true, integer: true },
  servers: { min: 0, max: 100_000, above: true, integer: true },
  'server-usd': { min: 1, max: 10_000_000 },
  'amortize-months': { min: 1, max: 240 },
  watts: { min: 1, max: 100_000 },
  'usd-per-kwh': { min: 0, max: 10 },
  'ops-hours': { min: 0, max: 100_000 },
  'ops-usd-per-hour': { min: 0, max: 10_000 },
} as const satisfies Partial<Record<FlagName, FlagRange>>;

type NumericFlag = keyof typeof COST_FLAG_RANGES;

/** A numeric workload flag, checked against its range (narrowed by `narrow` where an option needs). */
function rangedFlag(v: Values, name: NumericFlag, narrow: Partial<FlagRange> = {}): number | undefined {
  return numberFlag(name, v[name], { ...COST_FLAG_RANGES[name], ...narrow });
}

const ON_PREM_FLAGS: FlagName[] = [
  'servers',
  'server-usd',
  'amortize-months',
  'watts',
  'usd-per-kwh',
  'ops-hours',
  'ops-usd-per-hour',
  'hours',
];
const SAGEMAKER_FLAGS: FlagName[] = ['instance-type', 'instances', 'hours', 'data-gb', 'data-out-gb'];

/** The workload flags each option takes (contract table; hybrid = on-prem plus an EC2 burst). */
export const OPTION_FLAGS: Record<OptionId, FlagName[]> = {
  lambda: [
    'memory-mb',
    'requests',
    'duration-ms',
    'arch',
    'ephemeral-storage-mb',
    'provisioned-concurrency',
    'provisioned-hours',
    'free-tier',
    'invoked-by',
    'data-out-gb',
  ],
  'sagemaker-serverless': [
    'memory-mb',
    'requests',
    'duration-ms',
    'data-gb',
    'provisioned-concurrency',
    'provisioned-hours',
    'data-out-gb',
  ],
  'sagemaker-realtime': SAGEMAKER_FLAGS,
  'sagemaker-async': SAGEMAKER_FLAGS,
  'sagemaker-batch': SAGEMAKER_FLAGS,
  'ecs-fargate': ['vcpu', 'memory-gb', 'tasks', 'hours', 'arch', 'ephemeral-storage-gb', 'data-out-gb'],
  eks: ['node-type', 'nodes', 'hours', 'clusters', 'data-out-gb'],
  'tf-serving': ['instance-type', 'instances', 'hours', 'data-out-gb'],
  'on-prem': ON_PREM_FLAGS,
  hybrid: [...ON_PREM_FLAGS, 'instance-type', 'instances', 'data-gb'],
};

const COMMON = new Set<string>(['json', 'help', 'pricing', 'region', 'pricing-endpoint']);
const HOURS_IN_MONTH = 730;
/** 31 days: more hours than a month has is a typo, not a workload. */
const MAX_HOURS_IN_MONTH = 744;

export function costHelp(): string {
  const lines = OPTION_IDS.map((o) => `  ${o.padEnd(21)} ${OPTION_FLAGS[o].map((f) => `--${f}`).join(' ')}`);
  return [
    'Usage: ml-deploy-advisor cost OPTION [workload flags | --answers FILE] [--json]',
    '',
    'Prices one explicit workload for one option, line by line. A month is 730 hours unless --hours',
    'says otherwise. Free tiers are not applied unless --free-tier is given (lambda).',
    '',
    'Workload flags by option:',
    ...lines,
    '',
    'hybrid: --instance-type/--instances are the EC2 burst; --data-gb the responses the cloud sends',
    'back to the site (GB a month). on-prem and hybrid power includes the PUE of knowledge/tco.yaml.',
    '--data-out-gb: responses sent to the internet, GB a month, billed as `recommend` bills them',
    '(data transfer out, tiered); lambda and sagemaker-serverless default to --requests x the',
    'response size of knowledge/sizing.yaml (network.responseKb), the others to 0 (give it).',
    'lambda --invoked-by api-gateway|direct: behind an API Gateway HTTP API, as `recommend` prices',
    'online traffic (default: its requests are billed), or invoked directly by a batch job (no API',
    'Gateway, and no responses to the internet unless --data-out-gb says so).',
    '',
    'Flags:',
    '  --answers FILE                 instead of workload flags: price OPTION exactly as `recommend`',
    '                                 ranks it for the answers in FILE (the same lines and total)',
    "                                 (--region then defaults to the answers' region)",
    '  --json                         the result as JSON on stdout',
    PRICING_FLAGS_HELP,
  ].join('\n');
}

export const costCommand: Command = async (args, io) => {
  const { values, positionals } = parseFlags('cost', args, FLAGS, true);
  if (values.help) {
    writeLine(io.stdout, costHelp());
    return 0;
  }
  const [option, ...extra] = positionals;
  if (option === undefined) {
    throw new UserInputError(`cost: OPTION is required; one of ${OPTION_IDS.join(', ')}`);
  }
  if (!isOptionId(option)) {
    throw new UserInputError(
      `cost: ${quoteValue(String(option))} is not an option; use one of ${OPTION_IDS.join(', ')}`,
    );
  }
  if (extra.length) throw new UserInputError(`cost: unexpected argument ${quoteValue(String(extra[0]))}`);
  if (values.answers !== undefined) return costForAnswers(option, values, io);
  const allowed = OPTION_FLAGS[option];
  for (const name of Object.keys(values)) {
    if (!COMMON.has(name) && !allowed.includes(name as FlagName)) {
      throw new UserInputError(
        `--${name}: not a flag of cost ${option}; its workload flags are ${allowed.map((f) => `--${f}`).join(', ')}`,
      );
    }
  }
  const v = values as Values;
  // The pricing flags, then the workload flags, are checked before any price is fetched.
  pricingOptionsFromFlags(values, io.env);
  const build = planCost(option, v);
  if (option === 'lambda') invokedBy(v);
  // Own servers' power counts the room's PUE from the rules base, as the ranking does; the
  // per-request options' responses are sized from it too.
  const perRequest = option === 'lambda' || option === 'sagemaker-serverless';
  const knowledge =
    option === 'on-prem' || option === 'hybrid' || (perRequest && v['data-out-gb'] === undefined)
      ? loadCommandKnowledge({}, io).knowledge
      : undefined;
  const freeTierUnused =
    option === 'lambda' && v['free-tier'] === true && Number(v['provisioned-concurrency'] ?? 0) > 0;
  const { book } = await loadCommandPrices(values, io, undefined, () =>
    freeTierUnused
      ? [
          '--free-tier: not applied; the Lambda free tier does not cover functions with provisioned concurrency',
        ]
      : [],
  );
  let lineItems: LineItem[];
  try {
    lineItems = [
      ...build(book, knowledge),
      ...frontFromFlags(option, v, book),
      ...dataOutFromFlags(option, v, book, knowledge),
    ];
  } catch (error) {
    throw explainUnknownPrice(error, option, v, book);
  }
  return printCost(option, lineItems, book, values.json === true, io);
};

/**
 * `cost OPTION --answers FILE`: the option's bill as the ranking prices it, through the same call
 * (`advise`), so its lines and total are the ranked entry's in `recommend --json`.
 */
async function costForAnswers(
  option: OptionId,
  values: Record<string, string | boolean | undefined>,
  io: Parameters<Command>[1],
): Promise<number> {
  for (const name of Object.keys(values)) {
    if (!COMMON.has(name) && name !== 'answers') {
      throw new UserInputError(
        `--${name}: not with --answers; cost ${option} --answers FILE prices the option from the answers, as recommend does`,
      );
    }
  }
  const { knowledge, parsed, book } = await loadCommandContext('cost', values, io);
  const entry = advise(parsed, knowledge, book, { robustness: false }).ranking.find(
    (r) => r.option === option,
  )!;
  if (entry.monthlyCostUsd === null) {
    const why = entry.blockers[0]?.text ?? entry.costError ?? 'no cost model result';
    throw new UserInputError(`--answers: ${option} cannot be priced for these answers: ${why}`);
  }
  return printCost(option, entry.lineItems, book, values.json === true, io);
}

function printCost(
  option: OptionId,
  lineItems: LineItem[],
  book: PriceBook,
  json: boolean,
  io: Parameters<Command>[1],
): number {
  const result = { option, monthlyUsd: total(lineItems), lineItems, pricing: book.info };
  // The flags are bounded, but a product of bounded flags can still overflow: never print $Infinity.
  if (!Number.isFinite(result.monthlyUsd) || lineItems.some((l) => !Number.isFinite(l.usd))) {
    throw new UserInputError(
      `cost ${option}: the workload is too large to price (the total is not a finite number); use smaller flag values`,
    );
  }
  if (json) {
    writeLine(io.stdout, JSON.stringify(result, null, 2));
  } else {
    writeLine(io.stdout, renderCost(result));
  }
  return 0;
}

/** The pricing step: the price book, and the rules base where the option needs it (on-prem's PUE). */
type Build = (book: PriceBook, knowledge?: Knowledge) => LineItem[];

/** Validates the option's flags and returns the pricing step. */
export function planCost(option: OptionId, v: Values): Build {
  const num = (name: NumericFlag, narrow?: Partial<FlagRange>) => rangedFlag(v, name, narrow);
  /** A count of things that run (instances, tasks, nodes): zero would price the workload at $0. */
  const count = (name: NumericFlag) => num(name, { min: 0, above: true });
  const need = <T>(name: FlagName, value: T | undefined, what: string): T =>
    requireFlag(`cost ${option}`, name, value, what);
  const hours = num('hours', { max: MAX_HOURS_IN_MONTH }) ?? HOURS_IN_MONTH;
  switch (option) {
    case 'lambda': {
      const memoryMb = need(
        'memory-mb',
        num('memory-mb', { min: 128, max: 10240, integer: true }),
        'memory in MB, 128-10240',
      );
      const ephemeralStorageMb = num('ephemeral-storage-mb', { min: 512, integer: true }) ?? 512;
      if (ephemeralStorageMb > 10240) {
        throw new UserInputError(
          `--ephemeral-storage-mb: ${ephemeralStorageMb} is too large; Lambda allows 512-10240 MB`,
        );
      }
      const provisionedConcurrency = num('provisioned-concurrency', { min: 0, integer: true }) ?? 0;
      const params = {
        memoryMb,
        requests: need('requests', num('requests', { min: 0, integer: true }), 'requests per month'),
        durationMs: need('duration-ms', num('duration-ms', { min: 0 }), 'average duration per request in ms'),
        arch: choiceFlag('arch', v.arch, ARCHES) ?? 'x86_64',
        ephemeralStorageMb,
        provisionedConcurrency,
        provisionedHours:
          num('provisioned-hours', { min: 0 }) ?? (provisionedConcurrency > 0 ? HOURS_IN_MONTH : 0),
        freeTier: v['free-tier'] === true,
      };
      return (book) => lambdaLineItems(params, book);
    }
    case 'sagemaker-serverless': {
      const memoryMb = need(
        'memory-mb',
        num('memory-mb', { min: 1024, max: Math.max(...SERVERLESS_MEMORY_SIZES_MB), integer: true }),
        'memory in MB',
      );
      if (!(SERVERLESS_MEMORY_SIZES_MB as readonly number[]).includes(memoryMb)) {
        throw new UserInputError(
          `--memory-mb: ${memoryMb} is not allowed; serverless inference takes ${SERVERLESS_MEMORY_SIZES_MB.join(', ')}`,
        );
      }
      const provisionedConcurrency = num('provisioned-concurrency', { min: 0, integer: true }) ?? 0;
      const params = {
        memoryMb,
        requests: need('requests', num('requests', { min: 0, integer: true }), 'requests per month'),
        durationMs: need('duration-ms', num('duration-ms', { min: 0 }), 'average inference duration in ms'),
        dataGb: num('data-gb') ?? 0,
        provisionedConcurrency,
        provisionedHours:
          num('provisioned-hours', { min: 0 }) ?? (provisionedConcurrency > 0 ? HOURS_IN_MONTH : 0),
      };
      return (book) => {
        // The ranking leaves provisioned concurrency unpriced without its price (and marks the
        // option down for cold starts instead): say so, naming the flag, not only the key.
        if (provisionedConcurrency > 0 && !book.has(SAGEMAKER_SERVERLESS_PC_GB_SECOND)) {
          const missing = new UnknownPriceError(SAGEMAKER_SERVERLESS_PC_GB_SECOND, book.info.region);
          missing.message += `: --provisioned-concurrency cannot be priced with ${book.info.source} prices; the ranking leaves it out too and marks the option down for cold starts (omit the flag, or use --pricing live)`;
          throw missing;
        }
        return sagemakerServerlessLineItems(params, book);
      };
    }
    case 'sagemaker-realtime':
    case 'sagemaker-async':
    case 'sagemaker-batch': {
      const use =
        option === 'sagemaker-realtime' ? 'hosting' : option === 'sagemaker-async' ? 'async' : 'batch';
      const instanceType = need(
        'instance-type',
        stringFlag(v['instance-type']),
        'an ML instance type like ml.m5.large',
      );
      if (!/^ml\.[a-z0-9-]+\.[a-z0-9]+$/.test(instanceType)) {
        throw new UserInputError(
          `--instance-type: ${quoteValue(String(instanceType))} is not a SageMaker instance type; use one like ml.m5.large`,
        );
      }
      const params = {
        instanceType,
        instances: count('instances') ?? 1,
        hours,
        dataGb: num('data-gb') ?? 0,
      };
      return (book) => sagemakerInstanceLineItems(use, params, book);
    }
    case 'ecs-fargate': {
      const params = {
        // Fargate's task sizes: 0.25-16 vCPU, 0.5-120 GB.
        vcpu: need('vcpu', num('vcpu', { min: 0.25, max: 16 }), 'vCPU per task, 0.25-16'),
        memoryGb: need(
          'memory-gb',
          num('memory-gb', { min: 0.5, max: 120 }),
          'memory per task in GB, 0.5-120',
        ),
        tasks: count('tasks') ?? 1,
        hours,
        arch: choiceFlag('arch', v.arch, ARCHES) ?? 'x86_64',
        ephemeralStorageGb: num('ephemeral-storage-gb', { min: 20 }) ?? 20,
      };
      if (params.ephemeralStorageGb > 200) {
        throw new UserInputError(
          `--ephemeral-storage-gb: ${params.ephemeralStorageGb} is too large; Fargate allows 20-200 GB`,
        );
      }
      return (book) => fargateLineItems(params, book);
    }
    case 'eks': {
      const params = {
        nodeType: ec2Type(
          'node-type',
          need('node-type', stringFlag(v['node-type']), 'an EC2 instance type like m5.large'),
        ),
        nodes: count('nodes') ?? 1,
        hours,
        clusters: num('clusters', { min: 0, above: true, integer: true }) ?? 1,
      };
      return (book) => eksLineItems(params, book);
    }
    case 'tf-serving': {
      const params = {
        instanceType: ec2Type(
          'instance-type',
          need('instance-type', stringFlag(v['instance-type']), 'an EC2 instance type like m5.large'),
        ),
        instances: count('instances') ?? 1,
        hours,
      };
      return (book) => tfServingLineItems(params, book);
    }
    case 'on-prem':
      return (book, knowledge) => onPremLineItems(onPremParams(v, hours, book, knowledge!));
    case 'hybrid': {
      const burstType = ec2Type('instance-type', stringFlag(v['instance-type']) ?? 'm5.large');
      const burstInstances = num('instances', { above: false }) ?? 0;
      const dataOutGb = num('data-gb') ?? 0;
      return (book, knowledge) =>
        hybridLineItems(
          {
            onPrem: onPremParams(v, hours, book, knowledge!),
            burst: { instanceType: burstType, instances: burstInstances, hours },
            dataOutGb,
          },
          book,
        );
    }
  }
}

const INVOKERS = ['api-gateway', 'direct'] as const;

function invokedBy(v: Values): (typeof INVOKERS)[number] {
  return choiceFlag('invoked-by', v['invoked-by'], INVOKERS) ?? 'api-gateway';
}

/**
 * What stands in front of the compute, as the ranking prices it: Lambda's API Gateway HTTP API
 * for online traffic (costs/network.ts, one function for both). The ranking leaves it out only
 * for a batch job that invokes the function directly: --invoked-by direct.
 */
function frontFromFlags(option: OptionId, v: Values, book: PriceBook): LineItem[] {
  if (option !== 'lambda' || invokedBy(v) === 'direct') return [];
  return apiGatewayRequestLines(rangedFlag(v, 'requests') ?? 0, book);
}

/**
 * The data-transfer-out line the ranking bills for every cloud option (costs/network.ts
 * dataOutGbLines, one function for both): from --data-out-gb, or for the per-request options
 * their requests x the modelled response size. None for own servers (no AWS egress) and for
 * hybrid, whose --data-gb is already its data out.
 */
function dataOutFromFlags(
  option: OptionId,
  v: Values,
  book: PriceBook,
  knowledge: Knowledge | undefined,
): LineItem[] {
  if (option === 'on-prem' || option === 'hybrid') return [];
  const given = rangedFlag(v, 'data-out-gb');
  if (given !== undefined) return dataOutGbLines(given, book, `${formatNumber(given, 3)} GB given`);
  if (option === 'lambda' && invokedBy(v) === 'direct') {
    return dataOutGbLines(0, book, 'invoked directly: results stay in the region');
  }
  if (knowledge && (option === 'lambda' || option === 'sagemaker-serverless')) {
    const kb = knowledge.sizing.network.responseKb;
    const requests = rangedFlag(v, 'requests') ?? 0;
    return dataOutGbLines((requests * kb) / (1024 * 1024), book, `${kb} KB responses`);
  }
  return dataOutGbLines(0, book, 'none given: --data-out-gb');
}

function onPremParams(v: Values, hours: number, book: PriceBook, knowledge: Knowledge): OnPremParams {
  const num = (name: NumericFlag, key: string) => rangedFlag(v, name) ?? book.assumption(key).value;
  return {
    servers: rangedFlag(v, 'servers') ?? 1,
    serverUsd: num('server-usd', ONPREM.serverUsdCpu),
    amortizeMonths: num('amortize-months', ONPREM.amortizeMonths),
    watts: num('watts', ONPREM.wattsCpu),
    usdPerKwh: num('usd-per-kwh', ONPREM.usdPerKwh),
    pue: knowledge.tco.powerUsageEffectiveness.value,
    hours,
    opsHours: num('ops-hours', ONPREM.opsHoursPerMonth),
    opsUsdPerHour: num('ops-usd-per-hour', ONPREM.opsUsdPerHour),
  };
}

function stringFlag(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function ec2Type(flag: string, value: string): string {
  if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(value) || value.startsWith('ml.')) {
    throw new UserInputError(
      `--${flag}: ${quoteValue(String(value))} is not an EC2 instance type; use one like m5.large`,
    );
  }
  return value;
}

/** An unknown price for a type the user named is their input to fix: exit 2, naming the flag. */
function explainUnknownPrice(error: unknown, option: OptionId, v: Values, book: PriceBook): unknown {
  if (!(error instanceof UnknownPriceError)) return error;
  const flag = (['instance-type', 'node-type'] as const).find(
    (f) => typeof v[f] === 'string' && error.key.endsWith(`.${String(v[f])}`),
  );
  if (!flag) return error;
  const family = error.key.slice(0, error.key.length - String(v[flag]).length);
  const known = book
    .keys()
    .filter((k) => k.startsWith(family))
    .map((k) => k.slice(family.length));
  return new UserInputError(
    `--${flag}: no ${book.info.source} price for ${String(v[flag])} in ${book.info.region} (cost ${option}); priced types: ${known.join(', ') || '(none)'}`,
  );
}
