import { setTimeout as sleep } from 'node:timers/promises';
import type { Operation, SageMakerApi, SageMakerOperations } from './api.js';
import type { BatchPlan, ComponentsPlan, DeployPlan, EndpointPlan } from './plan.js';

/**
 * Runs a deploy plan against the SageMaker API: creates or updates the endpoint (or starts the
 * transform job) and waits for the result. Everything outside (SDK, flags, signals, printing) is
 * passed in, so tests drive it with the real SDK client against a loopback server.
 */

export interface RunOptions {
  api: SageMakerApi;
  plan: DeployPlan;
  /** Aborts in-flight calls and the waiting (Ctrl+C). */
  signal?: AbortSignal;
  /** Between two status reads. */
  pollMs: number;
  /** Give up waiting after this long (the operation itself carries on in AWS). */
  timeoutMs: number;
  /** Progress, one line at a time (stderr). */
  log: (line: string) => void;
  /** Milliseconds, for elapsed times; Date.now by default. */
  clock?: () => number;
}

export interface DeployResult {
  action: 'created' | 'updated' | 'transformed';
  /** The endpoint or the transform job. */
  name: string;
  endpointConfigName?: string;
  models: string[];
  status: string;
  seconds: number;
}

/** A deploy that did not succeed (AWS refused a call, the endpoint failed, a timeout): exit 1. */
export class DeployFailure extends Error {
  override readonly name = 'DeployFailure';
}

/** Ctrl+C: in-flight calls were aborted; what was already created is listed. Exit 130. */
export class DeployInterrupted extends Error {
  override readonly name = 'DeployInterrupted';
}

/** Error codes AWS uses for request-rate limits. */
export function isThrottling(error: unknown): boolean {
  return (
    error instanceof Error &&
    /^(ThrottlingException|ThrottledException|Throttling|TooManyRequestsException|RequestLimitExceeded|RequestThrottled)$/.test(
      error.name,
    )
  );
}

/** SageMaker's answer when DescribeEndpoint is asked about an endpoint that does not exist. */
export function isEndpointNotFound(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'ValidationException' &&
    /could not find endpoint|does not exist/i.test(error.message)
  );
}

export async function runDeploy(options: RunOptions): Promise<DeployResult> {
  const { plan } = options;
  if (plan.kind === 'batch') return runBatch(options, plan);
  if (plan.kind === 'components') return runComponents(options, plan);
  return runEndpoint(options, plan);
}

/** SageMaker's answer when DescribeInferenceComponent is asked about one that does not exist. */
export function isComponentNotFound(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'ValidationException' &&
    /could not find inference component|does not exist/i.test(error.message)
  );
}

/** The endpoint as SageMaker describes it, or undefined when there is none yet. */
async function existingEndpoint(
  options: RunOptions,
  endpointName: string,
  created: string[],
): Promise<SageMakerOperations['DescribeEndpoint'][1] | undefined> {
  try {
    return await options.api.call('DescribeEndpoint', { EndpointName: endpointName }, options.signal);
  } catch (error) {
    if (options.signal?.aborted) throw interrupted(created);
    if (!isEndpointNotFound(error)) {
      throw new DeployFailure(`DescribeEndpoint failed: ${describeError(error)}`, { cause: error });
    }
    return undefined;
  }
}

/**
 * Inference components: the endpoint (instances only) is created when missing and otherwise left
 * as it is; each component is created, or updated in place with UpdateInferenceComponent, and
 * waited for. Nothing is deleted.
 */
async function runComponents(options: RunOptions, plan: ComponentsPlan): Promise<DeployResult> {
  const { log } = options;
  const clock = options.clock ?? Date.now;
  const started = clock();
  const created: string[] = [];
  const call = caller(options, created);

  const existing = await existingEndpoint(options, plan.endpointName, created);
  if (existing && existing.EndpointStatus !== 'InService') {
    const status = existing.EndpointStatus ?? 'unknown';
    const reason = existing.FailureReason ? ` (${existing.FailureReason})` : '';
    throw new DeployFailure(
      `endpoint ${plan.endpointName} is ${status}${reason}; wait until it is InService and deploy again`,
    );
  }
  for (const note of plan.notes) log(`note: ${note}`);
  for (const model of plan.models) {
    log(`CreateModel ${model.ModelName}`);
    await call('CreateModel', model);
    created.push(`model ${model.ModelName}`);
  }
  if (existing) {
    log(
      `endpoint ${plan.endpointName} exists (config ${existing.EndpointConfigName ?? '?'}): its instances are kept, the components are updated in place`,
    );
  } else {
    log(`endpoint ${plan.endpointName} does not exist: creating it (instances only)`);
    log(`CreateEndpointConfig ${plan.endpointConfigName}`);
    await call('CreateEndpointConfig', plan.endpointConfig);
    created.push(`endpoint configuration ${plan.endpointConfigName}`);
    log(`CreateEndpoint ${plan.endpointName}`);
    await call('CreateEndpoint', plan.create);
    created.push(`endpoint ${plan.endpointName}`);
    await poll(options, created, `endpoint ${plan.endpointName}`, async () => {
      const out = await call('DescribeEndpoint', { EndpointName: plan.endpointName });
      const status = out.EndpointStatus ?? 'unknown';
      if (status === 'InService') return { state: 'done', status };
      if (['Failed', 'OutOfService', 'Deleting'].includes(status)) {
        return {
          state: 'fail',
          status,
          message: `endpoint ${plan.endpointName} is ${status}: ${out.FailureReason ?? 'no reason given'}`,
        };
      }
      return { state: 'wait', status };
    });
  }

  let updated = false;
  let final = 'InService';
  for (const step of plan.components) {
    let current: SageMakerOperations['DescribeInferenceComponent'][1] | undefined;
    try {
      current = await options.api.call(
        'DescribeInferenceComponent',
        { InferenceComponentName: step.name },
        options.signal,
      );
    } catch (error) {
      if (options.signal?.aborted) throw interrupted(created);
      if (!isComponentNotFound(error)) {
        throw new DeployFailure(
          `DescribeInferenceComponent failed: ${describeError(error)}${createdSoFar(created)}`,
          { cause: error },
        );
      }
    }
    if (current && current.InferenceComponentStatus !== 'InService') {
      throw new DeployFailure(
        `inference component ${step.name} is ${current.InferenceComponentStatus ?? 'unknown'}; wait until it is InService and deploy again${createdSoFar(created)}`,
      );
    }
    if (current) {
      log(
        `UpdateInferenceComponent ${step.name}: ${current.Specification?.ModelName ?? '?'} -> ${step.modelName} (${plan.updateStrategy})`,
      );
      await call('UpdateInferenceComponent', step.update);
      created.push(`update of inference component ${step.name}`);
      updated = true;
    } else {
      log(`CreateInferenceComponent ${step.name} (${step.modelName})`);
      await call('CreateInferenceComponent', step.create);
      created.push(`inference component ${step.name}`);
    }
    let changed = false;
    final = await poll(options, created, `inference component ${step.name}`, async () => {
      const out = await call('DescribeInferenceComponent', { InferenceComponentName: step.name });
      const status = out.InferenceComponentStatus ?? 'unknown';
      if (status === 'InService') {
        if (out.Specification?.ModelName === step.modelName) return { state: 'done', status };
        // An update starts from InService: back to InService on the old model is a roll-back.
        if (current && changed) {
          return {
            state: 'fail',
            status,
            message:
              `the update of ${step.name} was rolled back; it still runs ${out.Specification?.ModelName ?? 'its old model'}` +
              (out.FailureReason ? `: ${out.FailureReason}` : ''),
          };
        }
        return { state: 'wait', status };
      }
      changed = true;
      if (status === 'Failed' || status === 'Deleting') {
        return {
          state: 'fail',
          status,
          message: `inference component ${step.name} is ${status}: ${out.FailureReason ?? 'no reason given'}`,
        };
      }
      return { state: 'wait', status };
    });
  }

  return {
    action: existing || updated ? 'updated' : 'created',
    name: plan.endpointName,
    endpointConfigName: existing?.EndpointConfigName ?? plan.endpointConfigName,
    models: plan.models.map((m) => m.ModelName ?? ''),
    status: final,
    seconds: Math.round((clock() - started) / 1000),
  };
}

/** Calls one operation; turns failures into DeployFailure / DeployInterrupted that say what exists already. */
function caller(options: RunOptions, created: string[]) {
  return async <Op extends Operation>(
    operation: Op,
    input: SageMakerOperations[Op][0],
  ): Promise<SageMakerOperations[Op][1]> => {
    if (options.signal?.aborted) throw interrupted(created);
    try {
      return await options.api.call(operation, input, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw interrupted(created);
      throw new DeployFailure(`${operation} failed: ${describeError(error)}${createdSoFar(created)}`, {
        cause: error,
      });
    }
  };
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'CredentialsProviderError') {
    return `no AWS credentials found (${error.message}); configure them with aws configure, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`;
  }
  return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
}

function createdSoFar(created: string[]): string {
  return created.length > 0 ? ` (created so far: ${created.join(', ')})` : '';
}

function interrupted(created: string[]): DeployInterrupted {
  return new DeployInterrupted(
    `interrupted; in-flight calls were aborted${createdSoFar(created)}. ` +
      'Anything already started keeps going in AWS; check it in the SageMaker console.',
  );
}

async function runEndpoint(options: RunOptions, plan: EndpointPlan): Promise<DeployResult> {
  const { log } = options;
  const clock = options.clock ?? Date.now;
  const started = clock();
  const created: string[] = [];
  const call = caller(options, created);

  const existing = await existingEndpoint(options, plan.endpointName, created);
  if (existing) {
    const status = existing.EndpointStatus ?? 'unknown';
    if (status !== 'InService') {
      const reason = existing.FailureReason ? ` (${existing.FailureReason})` : '';
      const advice =
        status === 'Failed'
          ? `; delete it (aws sagemaker delete-endpoint --endpoint-name ${plan.endpointName}) and deploy again`
          : '; wait until it is InService and deploy again';
      throw new DeployFailure(`endpoint ${plan.endpointName} is ${status}${reason}${advice}`);
    }
    const oldNames = (existing.ProductionVariants ?? []).map((v) => v.VariantName).sort();
    const newNames = [...plan.variantNames].sort();
    if (oldNames.length > 0 && oldNames.join() !== newNames.join()) {
      log(
        `warning: the endpoint's variants (${oldNames.join(', ')}) differ from the new ones (${newNames.join(', ')}); ` +
          'SageMaker needs the same variant names for a blue/green update with traffic shifting',
      );
    }
    log(`endpoint ${plan.endpointName} exists (config ${existing.EndpointConfigName ?? '?'}): updating`);
    for (const note of plan.updateNotes) log(`note: ${note}`);
  } else {
    log(`endpoint ${plan.endpointName} does not exist: creating it`);
  }
  for (const note of plan.notes) log(`note: ${note}`);

  for (const model of plan.models) {
    log(`CreateModel ${model.ModelName}`);
    await call('CreateModel', model);
    created.push(`model ${model.ModelName}`);
  }
  log(`CreateEndpointConfig ${plan.endpointConfigName}`);
  await call('CreateEndpointConfig', plan.endpointConfig);
  created.push(`endpoint configuration ${plan.endpointConfigName}`);

  if (existing) {
    log(`UpdateEndpoint ${plan.endpointName} -> ${plan.endpointConfigName} (${plan.updateStrategy})`);
    await call('UpdateEndpoint', plan.update);
    created.push(`update of endpoint ${plan.endpointName}`);
  } else {
    log(`CreateEndpoint ${plan.endpointName}`);
    await call('CreateEndpoint', plan.create);
    created.push(`endpoint ${plan.endpointName}`);
  }

  let changed = false;
  const final = await poll(options, created, `endpoint ${plan.endpointName}`, async () => {
    const out = await call('DescribeEndpoint', { EndpointName: plan.endpointName });
    const status = out.EndpointStatus ?? 'unknown';
    if (status === 'InService') {
      if (out.EndpointConfigName === plan.endpointConfigName) return { state: 'done', status };
      // An update starts from InService: only a return to InService on the old config is a rollback.
      if (existing && changed) {
        return {
          state: 'fail',
          status,
          message:
            `the update was rolled back; the endpoint still runs ${out.EndpointConfigName ?? 'its old configuration'}` +
            (out.FailureReason ? `: ${out.FailureReason}` : ''),
        };
      }
      return { state: 'wait', status };
    }
    changed = true;
    if (['Failed', 'UpdateRollbackFailed', 'OutOfService', 'Deleting'].includes(status)) {
      return {
        state: 'fail',
        status,
        message: `endpoint ${plan.endpointName} is ${status}: ${out.FailureReason ?? 'no reason given'}`,
      };
    }
    return { state: 'wait', status };
  });

  return {
    action: existing ? 'updated' : 'created',
    name: plan.endpointName,
    endpointConfigName: plan.endpointConfigName,
    models: plan.models.map((m) => m.ModelName ?? ''),
    status: final,
    seconds: Math.round((clock() - started) / 1000),
  };
}

async function runBatch(options: RunOptions, plan: BatchPlan): Promise<DeployResult> {
  const { log } = options;
  const clock = options.clock ?? Date.now;
  const started = clock();
  const created: string[] = [];
  const call = caller(options, created);
  for (const model of plan.models) {
    log(`CreateModel ${model.ModelName}`);
    await call('CreateModel', model);
    created.push(`model ${model.ModelName}`);
  }
  log(`CreateTransformJob ${plan.jobName}`);
  await call('CreateTransformJob', plan.job);
  created.push(`transform job ${plan.jobName}`);
  const final = await poll(options, created, `transform job ${plan.jobName}`, async () => {
    const out = await call('DescribeTransformJob', { TransformJobName: plan.jobName });
    const status = out.TransformJobStatus ?? 'unknown';
    if (status === 'Completed') return { state: 'done', status };
    if (status === 'Failed' || status === 'Stopped') {
      return {
        state: 'fail',
        status,
        message: `transform job ${plan.jobName} ${status}: ${out.FailureReason ?? 'no reason given'}`,
      };
    }
    return { state: 'wait', status };
  });
  return {
    action: 'transformed',
    name: plan.jobName,
    models: plan.models.map((m) => m.ModelName ?? ''),
    status: final,
    seconds: Math.round((clock() - started) / 1000),
  };
}

type Verdict =
  { state: 'wait' | 'done'; status: string } | { state: 'fail'; status: string; message: string };

/** Reads the status until done, failed, timed out or interrupted; logs each change of status. */
async function poll(
  options: RunOptions,
  created: string[],
  what: string,
  read: () => Promise<Verdict>,
): Promise<string> {
  const clock = options.clock ?? Date.now;
  const start = clock();
  let last = '';
  let lastLog = start;
  for (;;) {
    let verdict: Verdict;
    try {
      verdict = await read();
    } catch (error) {
      // The SDK already retried; a status read that is still throttled is worth another try later.
      if (!(error instanceof DeployFailure && isThrottling(error.cause))) throw error;
      options.log(`${what}: status read throttled by AWS; trying again`);
      verdict = { state: 'wait', status: last || 'unknown' };
    }
    const elapsed = Math.round((clock() - start) / 1000);
    if (verdict.status !== last || clock() - lastLog >= 60_000) {
      options.log(`${what}: ${verdict.status} (${elapsed}s)`);
      last = verdict.status;
      lastLog = clock();
    }
    if (verdict.state === 'done') return verdict.status;
    if (verdict.state === 'fail') throw new DeployFailure(verdict.message);
    if (clock() - start + options.pollMs > options.timeoutMs) {
      throw new DeployFailure(
        `timed out after ${Number((options.timeoutMs / 1000).toFixed(1))}s waiting for ${what} (last status: ${verdict.status}); ` +
          'it carries on in AWS: raise --wait-timeout or check it in the SageMaker console',
      );
    }
    try {
      await sleep(options.pollMs, undefined, options.signal ? { signal: options.signal } : {});
    } catch (error) {
      if (options.signal?.aborted) throw interrupted(created);
      throw error;
    }
  }
}
