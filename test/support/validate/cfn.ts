import type { PropertyType } from '@aws-cdk/service-spec-types';
import { parseDocument, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';
import { cfnSpec, type SpecProperty, type SpecResource, type SpecTypeDefinition } from './cfn-spec.js';

/**
 * CloudFormation and SAM templates against the AWS resource specification (the database behind the
 * AWS CDK, @aws-cdk/aws-service-spec, which includes the SAM resource types). Checks what
 * `cfn-lint` would catch first: unknown top-level sections, resource types, resource attributes and
 * property names at every depth, missing required properties, values of the wrong shape, and
 * references (Ref, Fn::GetAtt, Fn::Sub variables, DependsOn, conditions) to things that do not exist.
 */

const INTRINSICS = [
  'Ref',
  'Sub',
  'GetAtt',
  'Join',
  'Select',
  'Split',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'FindInMap',
  'Base64',
  'Cidr',
  'ImportValue',
  'GetAZs',
  'Condition',
  'Length',
  'ToJsonString',
] as const;

function keyOf(name: (typeof INTRINSICS)[number]): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** The yaml package's custom tags for CloudFormation's short-form intrinsics, in every node shape. */
export const cfnTags: (ScalarTag | CollectionTag)[] = INTRINSICS.flatMap(
  (name): (ScalarTag | CollectionTag)[] => {
    const key = keyOf(name);
    return [
      {
        tag: `!${name}`,
        resolve: (s: string) => ({ [key]: name === 'GetAtt' ? splitGetAtt(s) : s }),
      },
      {
        tag: `!${name}`,
        collection: 'seq' as const,
        resolve: (seq: YAMLMap.Parsed | YAMLSeq.Parsed) => ({ [key]: seq.toJSON() as unknown }),
      },
      {
        tag: `!${name}`,
        collection: 'map' as const,
        resolve: (map: YAMLMap.Parsed | YAMLSeq.Parsed) => ({ [key]: map.toJSON() as unknown }),
      },
    ];
  },
);

function splitGetAtt(s: string): string[] {
  const dot = s.indexOf('.');
  return dot < 0 ? [s] : [s.slice(0, dot), s.slice(dot + 1)];
}

/** Parses a CloudFormation YAML template into its JSON form (short intrinsics become long ones). */
export function parseCfnYaml(src: string): { value: unknown; errors: string[] } {
  const doc = parseDocument(src, { customTags: cfnTags, uniqueKeys: true });
  const errors = [...doc.errors, ...doc.warnings].map((e) => `yaml: ${e.message}`);
  return { value: doc.toJSON() as unknown, errors };
}

const TOP_LEVEL = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
  'Globals',
]);
const RESOURCE_KEYS = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'Metadata',
  'CreationPolicy',
  'UpdatePolicy',
]);
const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);
const PARAMETER_TYPES =
  /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+|List<AWS::[A-Za-z0-9:]+>|AWS::SSM::Parameter::(Name|Value<.+>))$/;
const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIntrinsic = (v: unknown): boolean => {
  if (!isObj(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
};

interface Ctx {
  errors: string[];
  parameters: Set<string>;
  resources: Map<string, string>;
  conditions: Set<string>;
  sam: boolean;
}

/** Validates a template given as YAML (or JSON) text. Returns one message per problem. */
export function validateCfnTemplate(src: string): string[] {
  const { value, errors } = parseCfnYaml(src);
  if (errors.length > 0) return errors;
  return validateCfnObject(value);
}

export function validateCfnObject(template: unknown): string[] {
  if (!isObj(template)) return ['template is not a mapping'];
  const transforms = ([] as unknown[]).concat(template.Transform ?? []);
  const ctx: Ctx = {
    errors: [],
    parameters: new Set(Object.keys(isObj(template.Parameters) ? template.Parameters : {})),
    resources: new Map(),
    conditions: new Set(Object.keys(isObj(template.Conditions) ? template.Conditions : {})),
    sam: transforms.includes(SAM_TRANSFORM),
  };
  for (const key of Object.keys(template)) {
    if (!TOP_LEVEL.has(key)) ctx.errors.push(`unknown top-level section ${key}`);
  }
  if (template.Globals !== undefined && !ctx.sam) ctx.errors.push('Globals needs the SAM transform');
  if (!isObj(template.Resources) || Object.keys(template.Resources).length === 0) {
    ctx.errors.push('Resources: at least one resource is required');
    return ctx.errors;
  }
  for (const [name, res] of Object.entries(template.Resources)) {
    if (isObj(res) && typeof res.Type === 'string') ctx.resources.set(name, res.Type);
  }
  checkParameters(template.Parameters, ctx);
  for (const [name, cond] of Object.entries(isObj(template.Conditions) ? template.Conditions : {})) {
    checkRefs(cond, `Conditions.${name}`, ctx);
  }
  for (const [name, res] of Object.entries(template.Resources)) checkResource(name, res, ctx);
  checkGlobals(template.Globals, ctx);
  for (const [name, out] of Object.entries(isObj(template.Outputs) ? template.Outputs : {})) {
    if (!isObj(out) || out.Value === undefined) ctx.errors.push(`Outputs.${name}: Value is required`);
    else checkRefs(out, `Outputs.${name}`, ctx);
    if (isObj(out) && typeof out.Condition === 'string' && !ctx.conditions.has(out.Condition)) {
      ctx.errors.push(`Outputs.${name}: unknown condition ${out.Condition}`);
    }
  }
  return ctx.errors;
}

function checkParameters(params: unknown, ctx: Ctx): void {
  if (params === undefined) return;
  if (!isObj(params)) {
    ctx.errors.push('Parameters must be a mapping');
    return;
  }
  for (const [name, p] of Object.entries(params)) {
    if (!isObj(p) || typeof p.Type !== 'string' || !PARAMETER_TYPES.test(p.Type)) {
      ctx.errors.push(`Parameters.${name}: missing or unknown Type`);
      continue;
    }
    if (
      Array.isArray(p.AllowedValues) &&
      p.Default !== undefined &&
      !p.AllowedValues.map(String).includes(String(p.Default))
    ) {
      ctx.errors.push(`Parameters.${name}: Default ${String(p.Default)} is not in AllowedValues`);
    }
    if (p.Type === 'Number' && p.Default !== undefined && !Number.isFinite(Number(p.Default))) {
      ctx.errors.push(`Parameters.${name}: Default is not a number`);
    }
    for (const bound of ['MinValue', 'MaxValue'] as const) {
      if (p[bound] !== undefined && p.Default !== undefined) {
        const d = Number(p.Default);
        const b = Number(p[bound]);
        if (bound === 'MinValue' ? d < b : d > b)
          ctx.errors.push(`Parameters.${name}: Default is outside ${bound}`);
      }
    }
  }
}

function lookupResource(type: string): SpecResource | undefined {
  return Object.hasOwn(cfnSpec().resources, type) ? cfnSpec().resources[type] : undefined;
}

function typeDefinition(id: string): SpecTypeDefinition {
  const def = cfnSpec().types[id];
  if (!def) throw new Error(`the resource specification has no type definition ${id}`);
  return def;
}

function checkResource(name: string, res: unknown, ctx: Ctx): void {
  const where = `Resources.${name}`;
  if (!/^[A-Za-z0-9]+$/.test(name)) ctx.errors.push(`${where}: logical ids must be alphanumeric`);
  if (!isObj(res)) {
    ctx.errors.push(`${where}: must be a mapping`);
    return;
  }
  for (const key of Object.keys(res)) {
    if (!RESOURCE_KEYS.has(key)) ctx.errors.push(`${where}: unknown resource attribute ${key}`);
  }
  if (typeof res.Type !== 'string') {
    ctx.errors.push(`${where}: Type is required`);
    return;
  }
  for (const dep of ([] as unknown[]).concat(res.DependsOn ?? [])) {
    if (typeof dep !== 'string' || !ctx.resources.has(dep))
      ctx.errors.push(`${where}: DependsOn unknown resource ${String(dep)}`);
  }
  if (res.Condition !== undefined && !ctx.conditions.has(String(res.Condition))) {
    ctx.errors.push(`${where}: unknown condition ${String(res.Condition)}`);
  }
  for (const policy of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
    if (
      res[policy] !== undefined &&
      !['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'].includes(String(res[policy]))
    ) {
      ctx.errors.push(`${where}: ${policy} ${String(res[policy])} is not allowed`);
    }
  }
  checkRefs(res, where, ctx);
  if (res.Type.startsWith('Custom::') || res.Type === 'AWS::CloudFormation::CustomResource') return;
  const spec = lookupResource(res.Type);
  if (!spec) {
    ctx.errors.push(`${where}: unknown resource type ${res.Type}`);
    return;
  }
  if (spec.cloudFormationTransform && !ctx.sam) {
    ctx.errors.push(`${where}: ${res.Type} needs Transform ${spec.cloudFormationTransform}`);
  }
  const props = res.Properties ?? {};
  if (!isObj(props)) {
    if (!isIntrinsic(props)) ctx.errors.push(`${where}.Properties must be a mapping`);
    return;
  }
  checkProperties(spec.properties, props, `${where}.Properties`, ctx.errors, !spec.cloudFormationTransform);
}

/** SAM Globals: each section's properties must be valid for the matching Serverless type. */
function checkGlobals(globals: unknown, ctx: Ctx): void {
  if (!isObj(globals)) return;
  const map: Record<string, string> = {
    Function: 'AWS::Serverless::Function',
    Api: 'AWS::Serverless::Api',
    HttpApi: 'AWS::Serverless::HttpApi',
    SimpleTable: 'AWS::Serverless::SimpleTable',
    StateMachine: 'AWS::Serverless::StateMachine',
    LayerVersion: 'AWS::Serverless::LayerVersion',
  };
  for (const [section, props] of Object.entries(globals)) {
    const spec = map[section] ? lookupResource(map[section]) : undefined;
    if (!spec) ctx.errors.push(`Globals.${section}: unknown section`);
    else if (isObj(props)) checkProperties(spec.properties, props, `Globals.${section}`, ctx.errors, false);
  }
}

function checkProperties(
  spec: Record<string, SpecProperty>,
  value: Obj,
  where: string,
  errors: string[],
  enforceRequired: boolean,
): void {
  for (const [key, v] of Object.entries(value)) {
    const prop = spec[key];
    if (!prop) {
      errors.push(`${where}: unknown property ${key}`);
      continue;
    }
    checkValue(prop.type, v, `${where}.${key}`, errors);
  }
  if (!enforceRequired) return;
  for (const [key, prop] of Object.entries(spec)) {
    if (prop.required && value[key] === undefined) errors.push(`${where}: missing required property ${key}`);
  }
}

function checkValue(type: PropertyType, v: unknown, where: string, errors: string[]): void {
  if (isIntrinsic(v)) return;
  switch (type.type) {
    case 'string':
    case 'date-time':
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        errors.push(`${where}: expected a string`);
      } else if (
        type.type === 'string' &&
        type.allowedValues?.length &&
        !type.allowedValues.includes(String(v))
      ) {
        errors.push(`${where}: ${String(v)} is not one of ${type.allowedValues.join(', ')}`);
      }
      return;
    case 'number':
    case 'integer':
      if (!(
        typeof v === 'number' ||
        (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)))
      )) {
        errors.push(`${where}: expected a number`);
      } else if (type.type === 'integer' && !Number.isInteger(Number(v)))
        errors.push(`${where}: expected an integer`);
      return;
    case 'boolean':
      if (typeof v !== 'boolean' && v !== 'true' && v !== 'false')
        errors.push(`${where}: expected a boolean`);
      return;
    case 'json':
    case 'null':
      return;
    case 'tag':
      if (!isObj(v) || v.Key === undefined || v.Value === undefined)
        errors.push(`${where}: expected a tag {Key, Value}`);
      return;
    case 'array':
      if (!Array.isArray(v)) {
        errors.push(`${where}: expected a list`);
        return;
      }
      v.forEach((item, i) => checkValue(type.element, item, `${where}[${i}]`, errors));
      return;
    case 'map':
      if (!isObj(v)) {
        errors.push(`${where}: expected a mapping`);
        return;
      }
      for (const [k, item] of Object.entries(v)) checkValue(type.element, item, `${where}.${k}`, errors);
      return;
    case 'ref': {
      const def = typeDefinition(type.reference.$ref);
      if (!isObj(v)) {
        errors.push(`${where}: expected a ${def.name} mapping`);
        return;
      }
      checkProperties(def.properties, v, where, errors, true);
      return;
    }
    case 'union': {
      let best: string[] | undefined;
      for (const t of type.types) {
        const attempt: string[] = [];
        checkValue(t, v, where, attempt);
        if (attempt.length === 0) return;
        if (!best || attempt.length < best.length) best = attempt;
      }
      errors.push(...(best ?? [`${where}: matches none of the allowed shapes`]));
      return;
    }
  }
}

/** Every reference inside a value must name a parameter, resource, pseudo parameter or condition. */
function checkRefs(value: unknown, where: string, ctx: Ctx, subVars: Set<string> = new Set()): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkRefs(v, `${where}[${i}]`, ctx, subVars));
    return;
  }
  if (!isObj(value)) return;
  for (const [key, v] of Object.entries(value)) {
    const here = `${where}.${key}`;
    if (key === 'Ref' && Object.keys(value).length === 1) {
      if (typeof v !== 'string') ctx.errors.push(`${here}: Ref takes a name`);
      else if (!knownName(v, ctx) && !subVars.has(v)) ctx.errors.push(`${here}: Ref to unknown ${v}`);
    } else if (key === 'Fn::GetAtt') {
      const parts = typeof v === 'string' ? splitGetAtt(v) : v;
      if (!Array.isArray(parts) || parts.length !== 2)
        ctx.errors.push(`${here}: expects [resource, attribute]`);
      else if (typeof parts[0] === 'string') checkGetAtt(parts[0], parts[1], here, ctx);
    } else if (key === 'Fn::Sub') {
      const [text, vars] = Array.isArray(v) ? [v[0], v[1]] : [v, undefined];
      const local = new Set(isObj(vars) ? Object.keys(vars) : []);
      if (typeof text !== 'string') ctx.errors.push(`${here}: expects a string`);
      else {
        for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const ref = m[1]!.trim();
          if (local.has(ref) || knownName(ref, ctx)) continue;
          const dot = ref.indexOf('.');
          if (dot > 0) checkGetAtt(ref.slice(0, dot), ref.slice(dot + 1), here, ctx);
          else ctx.errors.push(`${here}: \${${ref}} names nothing`);
        }
      }
      if (vars !== undefined) checkRefs(vars, here, ctx);
    } else if (key === 'Fn::If') {
      if (!Array.isArray(v) || v.length !== 3) ctx.errors.push(`${here}: expects [condition, then, else]`);
      else {
        if (!ctx.conditions.has(String(v[0]))) ctx.errors.push(`${here}: unknown condition ${String(v[0])}`);
        checkRefs(v.slice(1), here, ctx);
      }
    } else if (key === 'Condition' && typeof v === 'string' && Object.keys(value).length === 1) {
      if (!ctx.conditions.has(v)) ctx.errors.push(`${here}: unknown condition ${v}`);
    } else {
      checkRefs(v, here, ctx, subVars);
    }
  }
}

function knownName(name: string, ctx: Ctx): boolean {
  return ctx.parameters.has(name) || ctx.resources.has(name) || PSEUDO.has(name) || samImplicit(name, ctx);
}

/** SAM generates resources a template may reference: FnRole, FnAliaslive, FnUrl, ServerlessHttpApi... */
function samImplicit(name: string, ctx: Ctx): boolean {
  if (!ctx.sam) return false;
  if (name === 'ServerlessHttpApi' || name === 'ServerlessRestApi') return true;
  for (const [logical, type] of ctx.resources) {
    if (
      type.startsWith('AWS::Serverless::') &&
      name.startsWith(logical) &&
      /^(Role|Url|Alias\w+|Version\w*|ProvisionedConcurrency\w*)$/.test(name.slice(logical.length))
    ) {
      return true;
    }
  }
  return false;
}

function checkGetAtt(resource: string, attribute: unknown, where: string, ctx: Ctx): void {
  const type = ctx.resources.get(resource);
  if (!type) {
    if (!samImplicit(resource, ctx)) ctx.errors.push(`${where}: GetAtt on unknown resource ${resource}`);
    return;
  }
  if (typeof attribute !== 'string' || type.startsWith('Custom::')) return;
  const spec = lookupResource(type);
  if (!spec || spec.cloudFormationTransform) return;
  if (!spec.attributes.includes(attribute))
    ctx.errors.push(`${where}: ${type} has no attribute ${attribute}`);
}

/**
 * Shell scripts embedded in a template (EC2 UserData), with `Fn::Sub` variables replaced by
 * placeholders, so they can go through shellcheck like any other script.
 */
export function embeddedScripts(template: unknown): { where: string; script: string }[] {
  const out: { where: string; script: string }[] = [];
  const visit = (value: unknown, where: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${where}[${i}]`));
    else if (isObj(value)) {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'UserData') {
          const inner = isObj(v) && 'Fn::Base64' in v ? v['Fn::Base64'] : v;
          const sub = isObj(inner) && 'Fn::Sub' in inner ? inner['Fn::Sub'] : inner;
          const text = Array.isArray(sub) ? sub[0] : sub;
          if (typeof text === 'string' && text.startsWith('#!')) {
            const script = text
              .replace(/\$\{!/g, '${')
              .replace(/\$\{([A-Za-z0-9:.]+)\}/g, (_, name: string) => `SUB_${name.replace(/\W/g, '_')}`);
            out.push({ where: `${where}.UserData`, script });
          }
        } else visit(v, `${where}.${key}`);
      }
    }
  };
  visit(template, '');
  return out;
}

/** Actions IAM cannot scope to a resource: `Resource: "*"` is the only way to grant them. */
const UNSCOPABLE = [
  /^ecr:GetAuthorizationToken$/,
  /^cloudwatch:PutMetricData$/,
  /^ec2:(Describe\w+|CreateNetworkInterface|CreateNetworkInterfacePermission|DeleteNetworkInterface|DeleteNetworkInterfacePermission)$/,
  /^xray:(PutTraceSegments|PutTelemetryRecords)$/,
];

/**
 * Least privilege in identity policies (inline policies of roles, users, groups and
 * AWS::IAM::Policy): no `*` or `service:*` actions, no NotAction/NotResource in Allow statements,
 * and `Resource: "*"` only for actions that cannot be scoped. Managed policy ARNs are reported
 * unless they are on the allowlist.
 */
export function checkLeastPrivilege(
  template: unknown,
  allowedManaged: RegExp[] = [/AmazonSSMManagedInstanceCore$/],
): string[] {
  if (!isObj(template) || !isObj(template.Resources)) return [];
  const problems: string[] = [];
  for (const [name, res] of Object.entries(template.Resources)) {
    if (!isObj(res) || !isObj(res.Properties)) continue;
    const docs: { where: string; doc: unknown }[] = [];
    if (['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'].includes(String(res.Type))) {
      for (const [i, p] of (Array.isArray(res.Properties.Policies)
        ? res.Properties.Policies
        : []
      ).entries()) {
        if (isObj(p)) docs.push({ where: `${name}.Policies[${i}]`, doc: p.PolicyDocument });
      }
      for (const arn of Array.isArray(res.Properties.ManagedPolicyArns)
        ? res.Properties.ManagedPolicyArns
        : []) {
        const text = JSON.stringify(arn);
        if (!allowedManaged.some((re) => re.test(text.replace(/"\}?$/, ''))))
          problems.push(`${name}: managed policy ${text} is not on the allowlist`);
      }
    } else if (res.Type === 'AWS::IAM::Policy' || res.Type === 'AWS::IAM::ManagedPolicy') {
      docs.push({ where: name, doc: res.Properties.PolicyDocument });
    }
    for (const { where, doc } of docs) {
      const statements = isObj(doc) ? ([] as unknown[]).concat(doc.Statement ?? []) : [];
      statements.forEach((s, i) => {
        if (!isObj(s) || s.Effect !== 'Allow') return;
        const label = `${where}.Statement[${i}]${typeof s.Sid === 'string' ? ` (${s.Sid})` : ''}`;
        if (s.NotAction !== undefined || s.NotResource !== undefined)
          problems.push(`${label}: NotAction/NotResource in an Allow`);
        const actions = ([] as unknown[]).concat(s.Action ?? []).map(String);
        for (const a of actions)
          if (a === '*' || /:\*$/.test(a)) problems.push(`${label}: wildcard action ${a}`);
        const resources = ([] as unknown[]).concat(s.Resource ?? []);
        if (resources.includes('*')) {
          for (const a of actions) {
            if (!UNSCOPABLE.some((re) => re.test(a))) problems.push(`${label}: ${a} on Resource "*"`);
          }
        }
      });
    }
  }
  return problems;
}
