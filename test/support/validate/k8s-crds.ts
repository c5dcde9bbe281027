/**
 * The custom resources the scaffold ships, checked without their CRDs' OpenAPI schemas (which
 * kubernetes-models does not bundle): the Prometheus Operator's ServiceMonitor and PrometheusRule
 * (monitoring.coreos.com/v1), field names as in the operator's API reference
 * (prometheus-operator.dev/docs/api-reference/api, v0.7x-v0.8x, read 2026-12-03). A field the
 * operator does not define is reported, as the API server's structural schema would prune or
 * refuse it; required fields and value shapes the templates rely on are checked.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const METADATA = ['name', 'namespace', 'labels', 'annotations'];
const SERVICE_MONITOR_SPEC = [
  'selector',
  'endpoints',
  'namespaceSelector',
  'jobLabel',
  'targetLabels',
  'podTargetLabels',
  'sampleLimit',
  'targetLimit',
  'labelLimit',
  'labelNameLengthLimit',
  'labelValueLengthLimit',
  'attachMetadata',
  'scrapeProtocols',
  'keepDroppedTargets',
  'scrapeClass',
  'bodySizeLimit',
];
const ENDPOINT = [
  'port',
  'targetPort',
  'path',
  'scheme',
  'params',
  'interval',
  'scrapeTimeout',
  'tlsConfig',
  'bearerTokenFile',
  'bearerTokenSecret',
  'authorization',
  'honorLabels',
  'honorTimestamps',
  'basicAuth',
  'oauth2',
  'metricRelabelings',
  'relabelings',
  'proxyUrl',
  'followRedirects',
  'enableHttp2',
  'filterRunning',
  'trackTimestampsStaleness',
];
const RULE_GROUP = [
  'name',
  'interval',
  'rules',
  'partial_response_strategy',
  'limit',
  'query_offset',
  'labels',
];
const RULE = ['alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'];
const DURATION =
  /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

const unknown = (obj: Obj, allowed: string[], where: string): string[] =>
  Object.keys(obj)
    .filter((k) => !allowed.includes(k))
    .map((k) => `${where}: unknown field ${k}`);

function stringMap(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!isObj(value)) return [`${where}: must be a map of strings`];
  return Object.entries(value)
    .filter(([, v]) => typeof v !== 'string')
    .map(([k]) => `${where}.${k}: must be a string`);
}

function serviceMonitor(spec: Obj, label: string): string[] {
  const problems = unknown(spec, SERVICE_MONITOR_SPEC, `${label}.spec`);
  if (!isObj(spec.selector)) problems.push(`${label}.spec.selector is required`);
  else {
    problems.push(...unknown(spec.selector, ['matchLabels', 'matchExpressions'], `${label}.spec.selector`));
    problems.push(...stringMap(spec.selector.matchLabels, `${label}.spec.selector.matchLabels`));
  }
  const endpoints = Array.isArray(spec.endpoints) ? spec.endpoints : [];
  if (endpoints.length === 0) problems.push(`${label}.spec.endpoints: at least one endpoint`);
  endpoints.forEach((e, i) => {
    const at = `${label}.spec.endpoints[${i}]`;
    if (!isObj(e)) return void problems.push(`${at}: not a mapping`);
    problems.push(...unknown(e, ENDPOINT, at));
    if (e.port === undefined && e.targetPort === undefined)
      problems.push(`${at}: port or targetPort is required`);
    for (const key of ['interval', 'scrapeTimeout'])
      if (e[key] !== undefined && !DURATION.test(String(e[key])))
        problems.push(`${at}.${key}: not a duration`);
    if (e.path !== undefined && !String(e.path).startsWith('/'))
      problems.push(`${at}.path: must start with /`);
  });
  return problems;
}

function prometheusRule(spec: Obj, label: string): string[] {
  const problems = unknown(spec, ['groups'], `${label}.spec`);
  const groups = Array.isArray(spec.groups) ? spec.groups : [];
  if (groups.length === 0) problems.push(`${label}.spec.groups: at least one group`);
  const names = new Set<string>();
  groups.forEach((g, i) => {
    const at = `${label}.spec.groups[${i}]`;
    if (!isObj(g)) return void problems.push(`${at}: not a mapping`);
    problems.push(...unknown(g, RULE_GROUP, at));
    if (typeof g.name !== 'string' || g.name === '') problems.push(`${at}.name is required`);
    else if (names.has(g.name)) problems.push(`${at}: group name ${g.name} repeated`);
    else names.add(g.name);
    const rules = Array.isArray(g.rules) ? g.rules : [];
    rules.forEach((r, j) => {
      const where = `${at}.rules[${j}]`;
      if (!isObj(r)) return void problems.push(`${where}: not a mapping`);
      problems.push(...unknown(r, RULE, where));
      if ((r.alert === undefined) === (r.record === undefined))
        problems.push(`${where}: exactly one of alert and record`);
      if (typeof r.expr !== 'string' || r.expr.trim() === '') problems.push(`${where}.expr is required`);
      for (const key of ['for', 'keep_firing_for'])
        if (r[key] !== undefined && !DURATION.test(String(r[key])))
          problems.push(`${where}.${key}: not a duration`);
      problems.push(
        ...stringMap(r.labels, `${where}.labels`),
        ...stringMap(r.annotations, `${where}.annotations`),
      );
    });
  });
  return problems;
}

/** Problems with a custom resource of a kind listed here; undefined for any other kind. */
export function validateCustomResource(obj: Obj): string[] | undefined {
  if (obj.apiVersion !== 'monitoring.coreos.com/v1') return undefined;
  const kind = String(obj.kind);
  if (kind !== 'ServiceMonitor' && kind !== 'PrometheusRule') return undefined;
  const metadata = isObj(obj.metadata) ? obj.metadata : {};
  const label = `${kind}/${String(metadata.name ?? '?')}`;
  const problems = [
    ...unknown(obj, ['apiVersion', 'kind', 'metadata', 'spec'], label),
    ...unknown(metadata, METADATA, `${label}.metadata`),
    ...stringMap(metadata.labels, `${label}.metadata.labels`),
  ];
  if (typeof metadata.name !== 'string' || !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(metadata.name))
    problems.push(`${label}: metadata.name is not a valid DNS name`);
  if (!isObj(obj.spec)) return [...problems, `${label}: spec is required`];
  return [
    ...problems,
    ...(kind === 'ServiceMonitor' ? serviceMonitor(obj.spec, label) : prometheusRule(obj.spec, label)),
  ];
}
