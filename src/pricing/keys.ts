/**
 * The stable price keys. Cost models ask a PriceBook for these strings; the snapshot file
 * (knowledge/prices/<region>.yaml) and the live source both fill them. Renaming one is a breaking
 * change for the snapshot files and the cache.
 *
 * | key | unit | what |
 * | --- | --- | --- |
 * | `lambda.requests` | request | Lambda requests (same price for x86_64 and arm64) |
 * | `lambda.duration.<arch>` | GB-second | Lambda duration, tiered by monthly GB-seconds |
 * | `lambda.provisioned-concurrency.<arch>` | GB-second | provisioned concurrency while enabled |
 * | `lambda.provisioned-duration.<arch>` | GB-second | duration of requests served by it |
 * | `lambda.ephemeral-storage` | GB-second | /tmp configured above the free 512 MB |
 * | `sagemaker.hosting.<ml type>` | hour | real-time endpoint instance-hour |
 * | `sagemaker.async.<ml type>` | hour | asynchronous inference instance-hour |
 * | `sagemaker.batch.<ml type>` | hour | batch transform instance-hour |
 * | `sagemaker.serverless.gb-second` | GB-second | serverless inference duration x memory |
 * | `sagemaker.data-processed` | GB | data processed in, and again out, by an endpoint |
 * | `fargate.vcpu-hour.<arch>` / `fargate.gb-hour.<arch>` | vCPU-hour / GB-hour | Fargate Linux |
 * | `fargate.ephemeral-storage.gb-hour` | GB-hour | task storage above the included 20 GB |
 * | `eks.cluster-hour` | hour | EKS control plane, standard support |
 * | `eks.cluster-hour.extended-support` | hour | EKS control plane, extended support |
 * | `ec2.<type>` | hour | EC2 on-demand Linux, shared tenancy |
 * | `elb.alb.hour` / `elb.alb.lcu-hour` | hour / LCU-hour | Application Load Balancer |
 * | `apigateway.http.requests` / `apigateway.rest.requests` | request | API Gateway, tiered |
 * | `nat-gateway.hour` / `nat-gateway.gb` | hour / GB | NAT gateway and the data it processes |
 * | `data-transfer.out.internet` | GB | data transfer out to the internet (tiered in some regions) |
 * | `vpn.connection-hour` | hour | Site-to-Site VPN connection |
 * | `direct-connect.port-hour.1g` / `direct-connect.data-transfer-out` | hour / GB | Direct Connect |
 * | `s3.standard.put-request` / `s3.standard.get-request` / `s3.standard.gb-month` | request / request / GB-month | S3 Standard requests and storage |
 *
 * Instance-hour keys (`ec2.*`, `sagemaker.{hosting,async,batch}.*`) are filled from the instance
 * catalogue, knowledge/instances.yaml; the others from knowledge/prices/<region>.yaml.
 *
 * Assumptions (quantities and on-premises defaults, not AWS prices) use `lambda.free-tier.*` and
 * `onprem.*` keys; see knowledge/prices/us-east-1.yaml.
 */

export type Arch = 'x86_64' | 'arm64';

/**
 * A key made of a name, made once per name: the cost models look prices up for every candidate
 * of every evaluation, and a key string made afresh each time was hashed afresh for the lookup.
 */
function keyed<N extends string>(make: (name: N) => string): (name: N) => string {
  const made = new Map<string, string>();
  return (name) => {
    let key = made.get(name);
    if (key === undefined) {
      key = make(name);
      // Names come from the catalogue and the code: a bounded set, unless a caller makes them up.
      if (made.size < 10_000) made.set(name, key);
    }
    return key;
  };
}
export const ARCHES: readonly Arch[] = ['x86_64', 'arm64'];

export const LAMBDA_REQUESTS = 'lambda.requests';
export const lambdaDuration = keyed((arch: Arch) => `lambda.duration.${arch}`);
export const lambdaProvisionedConcurrency = keyed((arch: Arch) => `lambda.provisioned-concurrency.${arch}`);
export const lambdaProvisionedDuration = keyed((arch: Arch) => `lambda.provisioned-duration.${arch}`);
export const LAMBDA_EPHEMERAL_STORAGE = 'lambda.ephemeral-storage';
export const LAMBDA_FREE_REQUESTS = 'lambda.free-tier.requests';
export const LAMBDA_FREE_GB_SECONDS = 'lambda.free-tier.gb-seconds';

export type SageMakerUse = 'hosting' | 'async' | 'batch';
export const SAGEMAKER_USES: readonly SageMakerUse[] = ['hosting', 'async', 'batch'];
const sagemakerKeys = {
  hosting: keyed((instanceType: string) => `sagemaker.hosting.${instanceType}`),
  async: keyed((instanceType: string) => `sagemaker.async.${instanceType}`),
  batch: keyed((instanceType: string) => `sagemaker.batch.${instanceType}`),
};
export const sagemakerInstance = (use: SageMakerUse, instanceType: string): string =>
  sagemakerKeys[use]?.(instanceType) ?? `sagemaker.${use}.${instanceType}`;
export const SAGEMAKER_SERVERLESS_GB_SECOND = 'sagemaker.serverless.gb-second';
export const SAGEMAKER_DATA_PROCESSED = 'sagemaker.data-processed';

export const fargateVcpuHour = keyed((arch: Arch) => `fargate.vcpu-hour.${arch}`);
export const fargateGbHour = keyed((arch: Arch) => `fargate.gb-hour.${arch}`);
export const FARGATE_EPHEMERAL_GB_HOUR = 'fargate.ephemeral-storage.gb-hour';

export const EKS_CLUSTER_HOUR = 'eks.cluster-hour';
export const EKS_CLUSTER_HOUR_EXTENDED = 'eks.cluster-hour.extended-support';

export const ec2Instance = keyed((instanceType: string) => `ec2.${instanceType}`);

export const ALB_HOUR = 'elb.alb.hour';
export const ALB_LCU_HOUR = 'elb.alb.lcu-hour';
export const APIGATEWAY_HTTP_REQUESTS = 'apigateway.http.requests';
export const APIGATEWAY_REST_REQUESTS = 'apigateway.rest.requests';
export const NAT_GATEWAY_HOUR = 'nat-gateway.hour';
export const NAT_GATEWAY_GB = 'nat-gateway.gb';
export const S3_PUT_REQUEST = 's3.standard.put-request';
export const S3_GET_REQUEST = 's3.standard.get-request';
export const S3_STORAGE_GB_MONTH = 's3.standard.gb-month';
export const DATA_TRANSFER_OUT_INTERNET = 'data-transfer.out.internet';
export const VPN_CONNECTION_HOUR = 'vpn.connection-hour';
export const DIRECT_CONNECT_PORT_HOUR_1G = 'direct-connect.port-hour.1g';
export const DIRECT_CONNECT_PORT_HOUR_10G = 'direct-connect.port-hour.10g';
export const DIRECT_CONNECT_DATA_TRANSFER_OUT = 'direct-connect.data-transfer-out';

/** Instance-hour keys: their prices come from knowledge/instances.yaml, never from a snapshot. */
export const isInstancePriceKey = (key: string): boolean =>
  key.startsWith('ec2.') || /^sagemaker\.(hosting|async|batch)\./.test(key);

export const ONPREM = {
  serverUsdCpu: 'onprem.server-usd.cpu',
  serverUsdGpu: 'onprem.server-usd.gpu',
  serverVcpus: 'onprem.server-vcpus',
  serverMemoryGb: 'onprem.server-memory-gb',
  wattsCpu: 'onprem.watts.cpu',
  wattsGpu: 'onprem.watts.gpu',
  usdPerKwh: 'onprem.usd-per-kwh',
  amortizeMonths: 'onprem.amortize-months',
  opsHoursPerMonth: 'onprem.ops-hours-per-month',
  opsHoursPerExtraServer: 'onprem.ops-hours-per-extra-server',
  opsUsdPerHour: 'onprem.ops-usd-per-hour',
  minServers: 'onprem.min-servers',
} as const;

/**
 * Keys the live Price List fetch fills (pricing/live.ts). The others (network prices) always come
 * from the region's snapshot, so their absence from a live answer is not a gap to warn about.
 */
export const isLivePriceKey = (key: string): boolean => /^(lambda|sagemaker|fargate|eks|ec2)\./.test(key);

/** Price keys are lower-case words, digits, dots, dashes and underscores. */
export const PRICE_KEY_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
