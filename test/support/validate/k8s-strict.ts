import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Unknown-field detection (what `kubectl apply --validate=strict` reports), which the
 * kubernetes-models validators do not do: the field names of every Kubernetes type are read from
 * kubernetes-models' own type declarations (generated from the Kubernetes OpenAPI schema), and
 * each object is walked against them. A typo such as `readinessprobe` or `resource` is an error.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface TypeInfo {
  /** Field name -> the declaration file of its object type (itself or its array elements), or null. */
  fields: Map<string, string | null>;
}

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('kubernetes-models/package.json'));
const cache = new Map<string, TypeInfo | null>();

function resolveImport(from: string, spec: string): string | null {
  const candidates = spec.startsWith('.')
    ? [join(dirname(from), `${spec}.d.ts`)]
    : [
        join(root, '..', `${spec}.d.ts`),
        join(root, '..', '..', `${spec}.d.ts`),
        join(root, 'node_modules', `${spec}.d.ts`),
      ];
  return candidates.find((c) => existsSync(c)) ?? null;
}

function load(file: string): TypeInfo | null {
  if (cache.has(file)) return cache.get(file)!;
  cache.set(file, null);
  const text = readFileSync(file, 'utf8');
  const imports = new Map<string, string>();
  for (const m of text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)) {
    const path = resolveImport(file, m[2]!);
    if (path) imports.set(m[1]!, path);
  }
  const body = /^export interface I\w+(?: extends [\w, ]+)? \{\n([\s\S]*?)\n\}/m
    .exec(text)?.[1]
    ?.replace(/^ *\/\*\*[\s\S]*?\*\/\n/gm, '');
  if (body === undefined) return null; // a type alias (IntOrString, Quantity...): no fields to check
  const fields = new Map<string, string | null>();
  // One entry per field; a type may span lines (maps: `{ [key: string]: string; }`).
  for (const m of `${body}\n`.matchAll(/^ {4}"([^"]+)"\??: ([\s\S]*?);\n(?= {4}"|$)/gm)) {
    const type = m[2]!;
    const refs = [...type.matchAll(/\bI\w+/g)].map((r) => r[0]).filter((r) => imports.has(r));
    const isMap = type.includes('[key: string]');
    fields.set(m[1]!, !isMap && refs.length === 1 ? imports.get(refs[0]!)! : null);
  }
  const info = { fields };
  cache.set(file, info);
  return info;
}

function walk(value: unknown, file: string, path: string, problems: string[]): void {
  const info = load(file);
  if (!info || !isObj(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (!info.fields.has(key)) {
      problems.push(`${path}: unknown field "${key}"`);
      continue;
    }
    const childFile = info.fields.get(key);
    if (!childFile) continue;
    if (Array.isArray(child)) child.forEach((c, i) => walk(c, childFile, `${path}.${key}[${i}]`, problems));
    else walk(child, childFile, `${path}.${key}`, problems);
  }
}

/** Unknown fields anywhere in one object, or [] when its kind is not known here. */
export function unknownFields(obj: Obj): string[] {
  const apiVersion = String(obj.apiVersion ?? '');
  const kind = String(obj.kind ?? '');
  if (!/^[a-z0-9.]+(\/[a-z0-9]+)?$/.test(apiVersion) || !/^[A-Za-z]+$/.test(kind)) return [];
  const file = join(root, apiVersion, `${kind}.d.ts`);
  if (!existsSync(file)) return [];
  const problems: string[] = [];
  walk(obj, file, `${kind}/${isObj(obj.metadata) ? String(obj.metadata.name) : '?'}`, problems);
  return problems;
}
