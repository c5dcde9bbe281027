import { parse } from 'yaml';
import { unpinnedReason } from './dockerfile.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const SERVICE_KEYS = new Set([
  'image',
  'build',
  'command',
  'entrypoint',
  'environment',
  'env_file',
  'ports',
  'expose',
  'volumes',
  'depends_on',
  'healthcheck',
  'restart',
  'user',
  'read_only',
  'security_opt',
  'cap_drop',
  'cap_add',
  'deploy',
  'networks',
  'labels',
  'logging',
  'profiles',
  'working_dir',
  'tmpfs',
  'container_name',
  'ulimits',
  'mem_limit',
  'cpus',
]);

/**
 * Docker Compose files, structurally (no Docker engine here): known top-level and service keys, every
 * service has an image or a build, third-party images pinned to an exact version, depends_on and named
 * volumes resolve, published ports are quoted strings.
 */
export function validateCompose(src: string): string[] {
  const problems: string[] = [];
  const doc = parse(src) as unknown;
  if (!isObj(doc)) return ['compose file is not a mapping'];
  for (const key of Object.keys(doc)) {
    if (!['name', 'services', 'volumes', 'networks', 'configs', 'secrets'].includes(key))
      problems.push(`unknown top-level key ${key}`);
  }
  if (!isObj(doc.services) || Object.keys(doc.services).length === 0) return [...problems, 'no services'];
  const volumes = new Set(Object.keys(isObj(doc.volumes) ? doc.volumes : {}));
  const services = doc.services;
  for (const [name, svc] of Object.entries(services)) {
    if (!isObj(svc)) {
      problems.push(`${name}: not a mapping`);
      continue;
    }
    for (const key of Object.keys(svc))
      if (!SERVICE_KEYS.has(key)) problems.push(`${name}: unknown key ${key}`);
    if (svc.image === undefined && svc.build === undefined) problems.push(`${name}: needs image or build`);
    if (typeof svc.image === 'string' && svc.build === undefined) {
      const why = unpinnedReason(svc.image);
      if (why) problems.push(`${name}: image ${svc.image} ${why}`);
    }
    const deps = Array.isArray(svc.depends_on)
      ? svc.depends_on
      : isObj(svc.depends_on)
        ? Object.keys(svc.depends_on)
        : [];
    for (const d of deps)
      if (!(String(d) in services)) problems.push(`${name}: depends_on unknown service ${String(d)}`);
    for (const p of Array.isArray(svc.ports) ? svc.ports : []) {
      if (typeof p !== 'string') problems.push(`${name}: port ${String(p)} should be a quoted string`);
    }
    for (const v of Array.isArray(svc.volumes) ? svc.volumes : []) {
      if (typeof v !== 'string') continue;
      const source = v.split(':')[0]!;
      if (!/^[./~]/.test(source) && !volumes.has(source))
        problems.push(`${name}: volume ${source} is not declared`);
    }
  }
  return problems;
}
