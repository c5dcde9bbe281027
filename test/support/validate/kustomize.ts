import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseManifests } from './k8s.js';

/**
 * A small `kustomize build` for the subset the scaffolds use, so overlays are validated as the
 * manifests they produce: `resources` (files or folders with a kustomization), `namespace`,
 * `labels`, `images` (newName/newTag/digest) and `patches` with an inline JSON 6902 patch and a
 * `target` (kind + name). Anything else in a kustomization is reported, not silently ignored.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const KNOWN_KEYS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images', 'patches']);

export interface KustomizeResult {
  docs: Obj[];
  errors: string[];
}

export function kustomizeBuild(dir: string, seen: Set<string> = new Set()): KustomizeResult {
  const file = join(dir, 'kustomization.yaml');
  const errors: string[] = [];
  if (!existsSync(file)) return { docs: [], errors: [`${dir}: no kustomization.yaml`] };
  if (seen.has(resolve(dir))) return { docs: [], errors: [`${dir}: resource cycle`] };
  seen.add(resolve(dir));
  const k = parse(readFileSync(file, 'utf8')) as unknown;
  if (!isObj(k)) return { docs: [], errors: [`${file}: not a mapping`] };
  if (k.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || k.kind !== 'Kustomization') {
    errors.push(`${file}: apiVersion/kind must be kustomize.config.k8s.io/v1beta1 Kustomization`);
  }
  for (const key of Object.keys(k)) if (!KNOWN_KEYS.has(key)) errors.push(`${file}: unsupported key ${key}`);

  let docs: Obj[] = [];
  for (const res of Array.isArray(k.resources) ? k.resources : []) {
    const path = join(dir, String(res));
    if (!existsSync(path)) {
      errors.push(`${file}: resource ${String(res)} does not exist`);
    } else if (statSync(path).isDirectory()) {
      const sub = kustomizeBuild(path, seen);
      docs.push(...sub.docs);
      errors.push(...sub.errors);
    } else {
      const parsed = parseManifests(readFileSync(path, 'utf8'));
      docs.push(...parsed.docs);
      errors.push(...parsed.errors.map((e) => `${path}: ${e}`));
    }
  }
  docs = structuredClone(docs);

  if (typeof k.namespace === 'string') {
    for (const d of docs) if (isObj(d.metadata)) d.metadata.namespace = k.namespace;
  }
  for (const label of Array.isArray(k.labels) ? k.labels : []) {
    if (!isObj(label) || !isObj(label.pairs)) {
      errors.push(`${file}: labels entries need pairs`);
      continue;
    }
    for (const d of docs) {
      if (!isObj(d.metadata)) continue;
      d.metadata.labels = { ...(isObj(d.metadata.labels) ? d.metadata.labels : {}), ...label.pairs };
    }
  }
  for (const image of Array.isArray(k.images) ? k.images : []) {
    if (!isObj(image) || typeof image.name !== 'string') {
      errors.push(`${file}: images entries need a name`);
      continue;
    }
    let hits = 0;
    for (const d of docs) hits += retag(d, image);
    if (hits === 0) errors.push(`${file}: image ${image.name} matches no container`);
  }
  for (const patch of Array.isArray(k.patches) ? k.patches : []) {
    if (!isObj(patch) || !isObj(patch.target) || typeof patch.patch !== 'string') {
      errors.push(`${file}: patches need target and an inline patch`);
      continue;
    }
    const { kind, name } = patch.target;
    const targets = docs.filter((d) => d.kind === kind && isObj(d.metadata) && d.metadata.name === name);
    if (targets.length !== 1) {
      errors.push(`${file}: patch target ${String(kind)}/${String(name)} matches ${targets.length} objects`);
      continue;
    }
    const ops = parse(patch.patch) as unknown;
    if (!Array.isArray(ops)) {
      errors.push(`${file}: patch for ${String(kind)}/${String(name)} is not a JSON 6902 list`);
      continue;
    }
    for (const op of ops) {
      const problem = applyOp(targets[0]!, op);
      if (problem) errors.push(`${file}: ${String(kind)}/${String(name)}: ${problem}`);
    }
  }
  return { docs, errors };
}

function retag(doc: Obj, image: Obj): number {
  let hits = 0;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObj(v)) {
      if (typeof v.image === 'string' && Array.isArray(v.ports ?? []) && typeof v.name === 'string') {
        const [repo] = v.image.split(/[:@]/);
        if (repo === image.name) {
          hits += 1;
          const newName = typeof image.newName === 'string' ? image.newName : repo;
          if (typeof image.digest === 'string') v.image = `${newName}@${image.digest}`;
          else if (image.newTag !== undefined) v.image = `${newName}:${String(image.newTag)}`;
          else v.image = newName + v.image.slice(repo!.length);
        }
      }
      Object.values(v).forEach(visit);
    }
  };
  visit(doc);
  return hits;
}

/** One JSON 6902 operation (add, replace, remove, test) on a document; returns a problem or undefined. */
function applyOp(doc: Obj, op: unknown): string | undefined {
  if (!isObj(op) || typeof op.op !== 'string' || typeof op.path !== 'string')
    return 'operation needs op and path';
  const parts = op.path
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = parts.pop();
  if (last === undefined) return `bad path ${op.path}`;
  let parent: unknown = doc;
  for (const p of parts) {
    parent = Array.isArray(parent) ? parent[Number(p)] : isObj(parent) ? parent[p] : undefined;
    if (parent === undefined) return `path ${op.path} does not exist`;
  }
  const container = parent as Obj | unknown[];
  const exists = Array.isArray(container) ? Number(last) < container.length : last in container;
  switch (op.op) {
    case 'add':
      if (Array.isArray(container)) {
        if (last === '-') container.push(op.value);
        else container.splice(Number(last), 0, op.value);
      } else container[last] = op.value;
      return undefined;
    case 'replace':
      if (!exists) return `replace: ${op.path} does not exist`;
      (container as Obj)[last] = op.value;
      return undefined;
    case 'remove':
      if (!exists) return `remove: ${op.path} does not exist`;
      if (Array.isArray(container)) container.splice(Number(last), 1);
      else delete container[last];
      return undefined;
    case 'test':
      return JSON.stringify((container as Obj)[last]) === JSON.stringify(op.value)
        ? undefined
        : `test failed at ${op.path}`;
    default:
      return `unsupported op ${op.op}`;
  }
}

/** Directories that hold a kustomization.yaml, relative to the repo root. */
export function isKustomization(path: string): boolean {
  return /(^|\/)kustomization\.yaml$/.test(path);
}

export { dirname as kustomizationDir };
