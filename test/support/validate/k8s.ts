import { createRequire } from 'node:module';
import { parseAllDocuments } from 'yaml';
import { validateCustomResource } from './k8s-crds.js';
import { unknownFields } from './k8s-strict.js';

/**
 * Kubernetes manifests against Kubernetes' own OpenAPI schemas, through kubernetes-models: each
 * document is instantiated as the model class for its apiVersion and kind, then `.validate()`d.
 * `checkRestricted` adds the Pod Security Standard "restricted" profile plus resource requests and
 * limits on every container.
 */

const require = createRequire(import.meta.url);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/** Resolves `apps/v1` + `Deployment` to kubernetes-models' class, or undefined for unknown kinds. */
function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  if (!/^[a-z0-9.]+(\/[a-z0-9]+)?$/.test(apiVersion) || !/^[A-Za-z]+$/.test(kind)) return undefined;
  try {
    const mod = require(`kubernetes-models/${apiVersion}`) as Record<string, ModelClass | undefined>;
    return mod[kind];
  } catch {
    return undefined;
  }
}

export interface Manifests {
  docs: Obj[];
  errors: string[];
}

/** Parses a multi-document YAML file; empty documents are skipped. */
export function parseManifests(src: string): Manifests {
  return manifestsOf(parseAllDocuments(src, { uniqueKeys: true }));
}

/**
 * The manifests in a parse of a file (`parseAllDocuments` with unique keys, as `parseManifests`
 * parses) with the value of each document, for a caller that has parsed it already.
 */
export function manifestsOf(parsed: ReturnType<typeof parseAllDocuments>, values?: unknown[]): Manifests {
  const errors: string[] = [];
  const docs: Obj[] = [];
  for (const [i, doc] of [...parsed].entries()) {
    errors.push(...doc.errors.map((e) => `yaml: ${e.message}`));
    const value = values ? values[i] : (doc.toJSON() as unknown);
    if (value === null || value === undefined) continue;
    if (!isObj(value)) errors.push('document is not a mapping');
    else docs.push(value);
  }
  return { docs, errors };
}

/** Schema validation of one object. */
export function validateK8sObject(obj: Obj): string[] {
  const apiVersion = String(obj.apiVersion ?? '');
  const kind = String(obj.kind ?? '');
  const name = isObj(obj.metadata) ? String(obj.metadata.name ?? '') : '';
  const label = `${kind || '?'}/${name || '?'}`;
  // Custom resources the scaffold ships (no OpenAPI schema in kubernetes-models): k8s-crds.ts.
  const custom = validateCustomResource(obj);
  if (custom) return custom;
  const Model = modelFor(apiVersion, kind);
  if (!Model) return [`${label}: unknown apiVersion/kind ${apiVersion} ${kind}`];
  const problems: string[] = [];
  if (!name) problems.push(`${label}: metadata.name is required`);
  else if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name))
    problems.push(`${label}: metadata.name is not a valid DNS name`);
  try {
    new Model(obj).validate();
  } catch (e) {
    problems.push(`${label}: ${(e as Error).message}`);
  }
  problems.push(...unknownFields(obj));
  return problems;
}

/** Schema validation of every document in a manifest file. */
export function validateK8sManifests(src: string): string[] {
  const { docs, errors } = parseManifests(src);
  return [...errors, ...docs.flatMap(validateK8sObject)];
}

/** The pod template inside a workload object, if it has one. */
export function podSpecOf(obj: Obj): Obj | undefined {
  const spec = isObj(obj.spec) ? obj.spec : undefined;
  if (!spec) return undefined;
  if (obj.kind === 'Pod') return spec;
  if (obj.kind === 'CronJob') {
    const job = isObj(spec.jobTemplate) && isObj(spec.jobTemplate.spec) ? spec.jobTemplate.spec : undefined;
    return job && isObj(job.template) && isObj(job.template.spec) ? job.template.spec : undefined;
  }
  return isObj(spec.template) && isObj(spec.template.spec) ? spec.template.spec : undefined;
}

/**
 * The "restricted" Pod Security Standard (https://kubernetes.io/docs/concepts/security/pod-security-standards/)
 * for every workload: no host namespaces or hostPath, runAsNonRoot, no privilege escalation, capabilities
 * drop ALL (only NET_BIND_SERVICE may be added), seccomp RuntimeDefault or Localhost, allowed volume types;
 * plus cpu and memory requests and limits on every container.
 */
export function checkRestricted(obj: Obj): string[] {
  const pod = podSpecOf(obj);
  if (!pod) return [];
  const label = `${String(obj.kind)}/${isObj(obj.metadata) ? String(obj.metadata.name) : '?'}`;
  const problems: string[] = [];
  for (const host of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (pod[host] === true) problems.push(`${label}: ${host} is not allowed`);
  }
  const allowedVolumes = [
    'configMap',
    'csi',
    'downwardAPI',
    'emptyDir',
    'ephemeral',
    'persistentVolumeClaim',
    'projected',
    'secret',
  ];
  for (const vol of Array.isArray(pod.volumes) ? (pod.volumes as Obj[]) : []) {
    const kinds = Object.keys(vol).filter((k) => k !== 'name');
    for (const k of kinds)
      if (!allowedVolumes.includes(k)) problems.push(`${label}: volume type ${k} is not allowed`);
  }
  const podSc = isObj(pod.securityContext) ? pod.securityContext : {};
  const containers = [
    ...(Array.isArray(pod.initContainers) ? (pod.initContainers as Obj[]) : []),
    ...(Array.isArray(pod.containers) ? (pod.containers as Obj[]) : []),
  ];
  if (containers.length === 0) problems.push(`${label}: no containers`);
  for (const c of containers) {
    const where = `${label} container ${String(c.name)}`;
    const sc = isObj(c.securityContext) ? c.securityContext : {};
    const pick = (key: string): unknown => (sc[key] !== undefined ? sc[key] : podSc[key]);
    if (pick('runAsNonRoot') !== true) problems.push(`${where}: runAsNonRoot must be true`);
    if (pick('runAsUser') === 0) problems.push(`${where}: runAsUser 0 is root`);
    if (sc.privileged === true) problems.push(`${where}: privileged is not allowed`);
    if (sc.allowPrivilegeEscalation !== false)
      problems.push(`${where}: allowPrivilegeEscalation must be false`);
    const caps = isObj(sc.capabilities) ? sc.capabilities : {};
    const drop = Array.isArray(caps.drop) ? caps.drop : [];
    if (!drop.includes('ALL')) problems.push(`${where}: capabilities must drop ALL`);
    const add = Array.isArray(caps.add) ? caps.add : [];
    for (const a of add)
      if (a !== 'NET_BIND_SERVICE') problems.push(`${where}: capability ${String(a)} may not be added`);
    const seccomp = pick('seccompProfile');
    const seccompType = isObj(seccomp) ? seccomp.type : undefined;
    if (seccompType !== 'RuntimeDefault' && seccompType !== 'Localhost') {
      problems.push(`${where}: seccompProfile.type must be RuntimeDefault or Localhost`);
    }
    const res = isObj(c.resources) ? c.resources : {};
    for (const section of ['requests', 'limits'] as const) {
      const r = isObj(res[section]) ? res[section] : {};
      for (const key of ['cpu', 'memory']) {
        if (r[key] === undefined) problems.push(`${where}: resources.${section}.${key} is required`);
      }
    }
  }
  return problems;
}

/** Schema plus restricted-profile checks for every document in a file (or its parsed manifests). */
export function validateK8sFile(src: string | Manifests): string[] {
  const { docs, errors } = typeof src === 'string' ? parseManifests(src) : src;
  return [...errors, ...docs.flatMap((d) => [...validateK8sObject(d), ...checkRestricted(d)])];
}
