import { UserInputError } from '../../core/errors.js';
import { quoteValue } from '../../core/sanitize.js';
import { loadDeployConfig } from '../../deploy/load.js';
import { planDeploy, type DeployPlan } from '../../deploy/plan.js';
import { formatDryRun, plannedCalls } from '../../deploy/dry-run.js';
import { DeployInterrupted, runDeploy } from '../../deploy/run.js';
import { numberFlag, parseFlags, requireFlag } from '../args.js';
import { writeLine, type CliIo, type Command } from '../../io/cli-io.js';
import { flagHelp, HELP_FLAG, parseOptions } from '../command-flags.js';

const FLAGS = {
  dir: { type: 'string', value: 'SCAFFOLD', help: "the scaffold's root (required)" },
  'dry-run': { type: 'boolean', help: 'print every call (operation and input JSON) and make none' },
  region: { type: 'string', value: 'R', help: "overrides deploy.json's region" },
  'endpoint-url': {
    type: 'string',
    value: 'URL',
    help: 'another SageMaker endpoint (also ML_DEPLOY_ADVISOR_SAGEMAKER_ENDPOINT)',
  },
  'wait-timeout': {
    type: 'string',
    value: 'S',
    help: 'stop waiting after S seconds (default 3600); the deploy carries on in AWS',
  },
  'poll-interval': { type: 'string', value: 'S', help: 'seconds between status reads (default 15)' },
  json: { type: 'boolean', help: 'the result (or the dry-run calls) as JSON on stdout' },
  ...HELP_FLAG,
} as const;

const HELP = `Usage: ml-deploy-advisor deploy --dir SCAFFOLD [--dry-run] [--region R] [--endpoint-url URL]
                                [--wait-timeout S] [--poll-interval S] [--json]

Deploys a SageMaker scaffold (sagemaker-realtime, -serverless, -async, -batch) from its
infra/sagemaker/deploy.json, through the SageMaker API with your AWS credentials:

  new endpoint       CreateModel, CreateEndpointConfig, CreateEndpoint, then waits for InService
  existing endpoint  a new model and endpoint configuration (timestamped names), then UpdateEndpoint
                     with blue/green traffic shifting (canary or linear, rollback alarms) as
                     deploy.json's "deployment" says, and waits for InService on the new configuration
  batch              CreateModel, CreateTransformJob, then waits for Completed

Flags:
${flagHelp(FLAGS, 22)}

Exit codes: 0 deployed, 1 failed (the reason is printed), 2 bad flags or deploy.json, 130 Ctrl+C.`;

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export const deployCommand: Command = async (args, io) => {
  const { values } = parseFlags('deploy', args, parseOptions(FLAGS));
  if (values.help) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  const dir = requireFlag('deploy', 'dir', values.dir, 'the root of a SageMaker scaffold');
  if (values.region !== undefined && !REGION.test(values.region)) {
    throw new UserInputError(
      `--region: ${quoteValue(String(values.region))} is not allowed; expected a region code like us-east-1`,
    );
  }
  const endpoint = endpointUrl(values['endpoint-url'], io.env.ML_DEPLOY_ADVISOR_SAGEMAKER_ENDPOINT);
  // Seconds: a day of waiting, an hour between polls, far past what an endpoint takes to create.
  const waitTimeout = numberFlag('wait-timeout', values['wait-timeout'], { min: 1, max: 86_400 }) ?? 3600;
  const pollInterval = numberFlag('poll-interval', values['poll-interval'], { min: 0, max: 3600 }) ?? 15;

  const { config } = loadDeployConfig(dir, io.cwd);
  if (values.region) config.region = values.region;
  const plan = planDeploy(config, new Date());

  if (values['dry-run']) {
    printDryRun(plan, io, values.json === true);
    return 0;
  }

  const { createSdkApi } = await import('../../deploy/sdk.js');
  const api = await createSdkApi({ region: plan.region, ...(endpoint ? { endpoint } : {}) });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const result = await runDeploy({
      api,
      plan,
      signal: controller.signal,
      pollMs: pollInterval * 1000,
      timeoutMs: waitTimeout * 1000,
      log: (line) => writeLine(io.stderr, line),
    });
    if (values.json) writeLine(io.stdout, JSON.stringify(result, null, 2));
    else if (result.action === 'transformed') {
      writeLine(io.stdout, `transform job ${result.name} ${result.status} (${result.seconds}s)`);
    } else {
      writeLine(
        io.stdout,
        `endpoint ${result.name} ${result.action}: ${result.status} on ${result.endpointConfigName} (${result.seconds}s)`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof DeployInterrupted) {
      writeLine(io.stderr, `error: ${error.message}`);
      return 130;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
    api.close();
  }
};

function endpointUrl(flag: string | undefined, env: string | undefined): string | undefined {
  const [value, name] =
    flag !== undefined ? [flag, '--endpoint-url'] : [env, 'ML_DEPLOY_ADVISOR_SAGEMAKER_ENDPOINT'];
  if (value === undefined || value === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UserInputError(
      `${name}: ${quoteValue(String(value))} is not allowed; expected an http:// or https:// URL`,
    );
  }
  return value;
}

/** Every call, in order, with the condition under which it is made; nothing is sent. */
function printDryRun(plan: DeployPlan, io: CliIo, json: boolean): void {
  if (json) {
    const { calls } = plannedCalls(plan);
    writeLine(
      io.stdout,
      JSON.stringify({ dryRun: true, region: plan.region, notes: plan.notes, calls }, null, 2),
    );
  } else {
    writeLine(io.stdout, formatDryRun(plan));
  }
}
