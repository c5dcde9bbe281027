import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { PropertyType, SpecDatabase } from '@aws-cdk/service-spec-types';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The part of the AWS resource specification (@aws-cdk/aws-service-spec) the CloudFormation
 * validator reads: every resource type with its properties, attribute names and SAM transform, and
 * every property type they reach. Loading the full database costs about a second of CPU in each
 * test worker; this extract (all resource types, without documentation) is written once per
 * installed spec version under node_modules/.cache and parsed in a few tens of milliseconds.
 */

export interface SpecProperty {
  type: PropertyType;
  required?: boolean;
}
export interface SpecResource {
  properties: Record<string, SpecProperty>;
  attributes: string[];
  cloudFormationTransform?: string;
}
export interface SpecTypeDefinition {
  name: string;
  properties: Record<string, SpecProperty>;
}
export interface CfnSpec {
  resources: Record<string, SpecResource>;
  types: Record<string, SpecTypeDefinition>;
}

/** Bump when the extract's shape changes, so an old cache file is not read. */
const FORMAT = 1;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const specDir = join(root, 'node_modules', '@aws-cdk', 'aws-service-spec');

/** The cache file for the installed spec: its version and database size name it. */
export function cfnSpecCachePath(): string {
  const { version } = JSON.parse(readFileSync(join(specDir, 'package.json'), 'utf8')) as { version: string };
  const size = statSync(join(specDir, 'db.json.gz')).size;
  return join(
    root,
    'node_modules',
    '.cache',
    'ml-deploy-advisor',
    `cfn-spec-${version}-${size}-v${FORMAT}.json`,
  );
}

function compactProperties(props: Record<string, { type: PropertyType; required?: boolean }>) {
  const out: Record<string, SpecProperty> = {};
  for (const [name, p] of Object.entries(props))
    out[name] = p.required ? { type: p.type, required: true } : { type: p.type };
  return out;
}

/** Extracts the compact spec from the full database (what the cache file holds). */
export function extractCfnSpec(db: SpecDatabase): CfnSpec {
  const spec: CfnSpec = { resources: {}, types: {} };
  const visit = (type: PropertyType): void => {
    switch (type.type) {
      case 'array':
      case 'map':
        visit(type.element);
        return;
      case 'union':
        type.types.forEach(visit);
        return;
      case 'ref': {
        const id = type.reference.$ref;
        if (spec.types[id]) return;
        let def;
        try {
          def = db.get('typeDefinition', id);
        } catch {
          return; // Left out: the validator fails on a reference it cannot resolve, as before.
        }
        spec.types[id] = { name: def.name, properties: compactProperties(def.properties) };
        for (const p of Object.values(def.properties)) visit(p.type);
        return;
      }
      default:
        return;
    }
  };
  for (const res of db.all('resource')) {
    const type = res.cloudFormationType;
    // The validator took the first match of a lookup by type; keep the same one.
    if (spec.resources[type]) continue;
    const first = db.lookup('resource', 'cloudFormationType', 'equals', type)[0] ?? res;
    spec.resources[type] = {
      properties: compactProperties(first.properties),
      attributes: Object.keys(first.attributes),
      ...(first.cloudFormationTransform ? { cloudFormationTransform: first.cloudFormationTransform } : {}),
    };
    for (const p of Object.values(first.properties)) visit(p.type);
  }
  return spec;
}

/** Writes the cache file if it is missing (atomically: workers may race). Returns its path. */
export function ensureCfnSpecCache(): string {
  const path = cfnSpecCachePath();
  try {
    statSync(path);
    return path;
  } catch {
    // Not there yet: build it below.
  }
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(extractCfnSpec(loadAwsServiceSpecSync())));
  renameSync(tmp, path);
  return path;
}

let loaded: CfnSpec | undefined;
/** The compact spec, from the cache file (built first when missing). */
export function cfnSpec(): CfnSpec {
  loaded ??= JSON.parse(readFileSync(ensureCfnSpecCache(), 'utf8')) as CfnSpec;
  return loaded;
}
