import type * as SageMakerSdk from '@aws-sdk/client-sagemaker';
import type { SageMakerApi, SageMakerOperations, Operation } from './api.js';

/**
 * The SageMaker API through the real `@aws-sdk/client-sagemaker`, imported on first use so no other
 * command pays for loading it.
 */

export interface SdkOptions {
  region: string;
  /** Another endpoint (tests: the loopback server). */
  endpoint?: string;
  /** Static credentials; otherwise the SDK's default chain (environment, ~/.aws, SSO, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  maxAttempts?: number;
  /** Per request: an endpoint that accepts the connection and never answers must not hang deploy. */
  requestTimeoutMs?: number;
  connectionTimeoutMs?: number;
}

/** Long enough for any SageMaker control-plane call (they answer in well under a second). */
export const SDK_REQUEST_TIMEOUT_MS = 30_000;
export const SDK_CONNECTION_TIMEOUT_MS = 5_000;

/**
 * True for the SDK's notice that future versions need Node 22. Users can do nothing about it while
 * this tool supports Node 20, so it stays off their screen; every other warning passes.
 */
export function isSdkNodeVersionWarning(warning: unknown): boolean {
  const text = warning instanceof Error ? `${warning.name}: ${warning.message}` : String(warning);
  return /NodeVersionSupportWarning/.test(text) && /AWS SDK for JavaScript/.test(text);
}

/** Runs `fn` with process.emitWarning dropping only the SDK's Node version notice. */
export function withoutSdkNodeWarning<T>(fn: () => T): T {
  const original = process.emitWarning;
  const filtered = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    if (isSdkNodeVersionWarning(warning)) return;
    return (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  process.emitWarning = filtered;
  try {
    return fn();
  } finally {
    if (process.emitWarning === filtered) process.emitWarning = original;
  }
}

/**
 * The SDK module. Under Node it comes with named exports; in the esbuild bundle the CommonJS build is
 * wrapped and its exports sit on `default` only, so take whichever has the client.
 */
async function loadSdk(): Promise<typeof SageMakerSdk> {
  const loaded = (await import('@aws-sdk/client-sagemaker')) as typeof SageMakerSdk & {
    default?: typeof SageMakerSdk;
  };
  if (typeof loaded.SageMakerClient === 'function') return loaded;
  if (loaded.default && typeof loaded.default.SageMakerClient === 'function') return loaded.default;
  throw new Error('@aws-sdk/client-sagemaker did not load: SageMakerClient is missing');
}

export async function createSdkApi(options: SdkOptions): Promise<SageMakerApi> {
  const sdk = await loadSdk();
  // The SDK emits its Node version notice while a client is constructed.
  const client = withoutSdkNodeWarning(
    () =>
      new sdk.SageMakerClient({
        region: options.region,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
        ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
        requestHandler: {
          connectionTimeout: options.connectionTimeoutMs ?? SDK_CONNECTION_TIMEOUT_MS,
          requestTimeout: options.requestTimeoutMs ?? SDK_REQUEST_TIMEOUT_MS,
          // Without this a request past its timeout only logs a warning and keeps waiting.
          throwOnRequestTimeout: true,
        },
      }),
  );
  const commands: { [Op in Operation]: new (input: SageMakerOperations[Op][0]) => unknown } = {
    CreateModel: sdk.CreateModelCommand,
    CreateEndpointConfig: sdk.CreateEndpointConfigCommand,
    CreateEndpoint: sdk.CreateEndpointCommand,
    UpdateEndpoint: sdk.UpdateEndpointCommand,
    DescribeEndpoint: sdk.DescribeEndpointCommand,
    CreateInferenceComponent: sdk.CreateInferenceComponentCommand,
    UpdateInferenceComponent: sdk.UpdateInferenceComponentCommand,
    DescribeInferenceComponent: sdk.DescribeInferenceComponentCommand,
    CreateTransformJob: sdk.CreateTransformJobCommand,
    DescribeTransformJob: sdk.DescribeTransformJobCommand,
  };
  return {
    async call(operation, input, signal) {
      const Command = commands[operation] as new (input: unknown) => Parameters<typeof client.send>[0];
      return (await client.send(new Command(input), signal ? { abortSignal: signal } : {})) as never;
    },
    close() {
      client.destroy();
    },
  };
}
