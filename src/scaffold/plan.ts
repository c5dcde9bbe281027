import { UserInputError } from '../core/errors.js';
import type { ScaffoldContext, Serving } from './context.js';
import {
  FAMILIES,
  type CommonManifest,
  type Layer,
  type OptionManifest,
  type RawCatalogue,
  type RawFile,
} from './catalogue.js';
import {
  compileTemplate,
  createEnvironment,
  templateFromSpec,
  TemplateError,
  type RenderFn,
} from './render.js';

/**
 * The scaffold plan: which files, with what content and mode. Pure given the catalogue: the
 * context in, a sorted list of files out, nothing written. Every output path is checked to stay
 * inside the target (no absolute paths, no `..`, no empty or dot segments).
 */

export interface PlannedFile {
  /** '/'-separated path relative to the target folder. */
  path: string;
  content: Uint8Array;
  mode: number;
}

export interface OptionPlan {
  serving: Serving;
  parts: string[];
  /** Family layers, in stacking order (common, then these, then the option). */
  families: string[];
  frameworks: readonly string[] | undefined;
  exclude: string[];
}

/** The merged manifest for one option: common defaults, then the option's own overrides. */
export function optionPlan(
  common: CommonManifest,
  own: OptionManifest | undefined,
  option: string,
): OptionPlan {
  const base = common.options[option as keyof CommonManifest['options']];
  if (!base)
    throw new TemplateError(`templates/scaffold/common/manifest.yaml: no entry for option ${option}`);
  const plan: OptionPlan = {
    serving: own?.serving ?? base.serving,
    parts: own?.parts ?? base.parts,
    families: base.families ?? [],
    frameworks: own?.frameworks ?? base.frameworks,
    exclude: own?.exclude ?? [],
  };
  for (const part of plan.parts) {
    if (!common.parts[part]) throw new TemplateError(`manifest for ${option}: unknown part "${part}"`);
  }
  return plan;
}

/** Refuses anything but a plain relative path: the writer relies on this. */
export function checkOutputPath(path: string): string {
  const bad = (why: string): never => {
    throw new TemplateError(`output path ${JSON.stringify(path)} ${why}`);
  };
  if (path === '') bad('is empty');
  if (path.includes('\0')) bad('contains a NUL character');
  if (path.includes('\\')) bad('contains a backslash');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) bad('is absolute');
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..')
      bad('escapes the target or has an empty segment');
    if (Buffer.byteLength(segment) > 255) bad('has a segment longer than 255 bytes');
  }
  return path;
}

const outName = (source: string): string => (source.endsWith('.hbs') ? source.slice(0, -4) : source);

const inList = (path: string, entries: readonly string[]): boolean =>
  entries.some((entry) => (entry.endsWith('/') ? path.startsWith(entry) : path === entry));

/** Common files (by output name, unrendered) of the parts an option uses; every file must be in a part. */
function selectCommon(catalogue: RawCatalogue, plan: OptionPlan): RawFile[] {
  const wanted = plan.parts.flatMap((part) => catalogue.common.parts[part] ?? []);
  const all = Object.values(catalogue.common.parts).flat();
  return catalogue.files.filter((file) => {
    if (file.layer !== 'common') return false;
    const name = outName(file.source);
    if (!inList(name, all)) {
      throw new TemplateError(
        `templates/scaffold/common/${file.source} is in no part of common/manifest.yaml`,
      );
    }
    return inList(name, wanted) && !inList(name, plan.exclude);
  });
}

const encoder = new TextEncoder();

export function planScaffold(context: ScaffoldContext, catalogue: RawCatalogue): PlannedFile[] {
  const option = context.option.id;
  const plan = optionPlan(catalogue.common, catalogue.options[option], option);
  if (plan.frameworks && !plan.frameworks.includes(context.framework.id)) {
    throw new UserInputError(
      `--target ${option}: a ${context.framework.id} model cannot be scaffolded for ${option}; ` +
        `it supports ${plan.frameworks.join(', ')}`,
    );
  }
  if (plan.serving !== context.option.serving) {
    throw new TemplateError(
      `context says ${option} serves by ${context.option.serving}, manifest says ${plan.serving}`,
    );
  }

  const env = createEnvironment();
  const render = (layer: Layer, name: string, template: string | undefined, spec: unknown): RenderFn =>
    catalogue.precompiled
      ? templateFromSpec(env, spec, `templates/scaffold/${layer}/${name}`)
      : compileTemplate(env, template ?? '', `templates/scaffold/${layer}/${name}`);
  // Layers stack: common, then each family, then the option; a later partial or file of the same
  // name replaces an earlier one.
  const layers: Layer[] = ['common', ...plan.families.map((f) => `${FAMILIES}/${f}` as const), option];
  for (const layer of layers) {
    for (const partial of catalogue.partials.filter((p) => p.layer === layer)) {
      env.registerPartial(
        partial.name,
        render(layer, `_partials/${partial.name}.hbs`, partial.template, partial.spec),
      );
    }
  }

  // Family files replace common files of the same output name; option files replace both.
  const byName = new Map<string, RawFile>();
  for (const file of selectCommon(catalogue, plan)) byName.set(outName(file.source), file);
  for (const layer of layers.slice(1)) {
    for (const file of catalogue.files.filter((f) => f.layer === layer)) {
      if (!inList(outName(file.source), plan.exclude)) byName.set(outName(file.source), file);
    }
  }

  const planned = new Map<string, PlannedFile>();
  for (const [name, file] of byName) {
    const path = checkOutputPath(renderPath(name, context, (source) => compileTemplate(env, source, name)));
    if (planned.has(path)) throw new TemplateError(`two templates write ${path}`);
    const label = `${file.layer}/${file.source}`;
    let content: Uint8Array;
    if (file.bytes) content = file.bytes;
    else content = encoder.encode(render(file.layer, file.source, file.template, file.spec)(context));
    if (!file.bytes && file.template === undefined && file.spec === undefined) {
      throw new TemplateError(`${label}: neither bytes nor template`);
    }
    planned.set(path, { path, content, mode: file.mode });
  }
  return [...planned.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Renders `{{...}}` inside path segments; a segment must stay one segment. */
function renderPath(name: string, context: ScaffoldContext, compile: (source: string) => RenderFn): string {
  if (!name.includes('{{')) return name;
  return name
    .split('/')
    .map((segment) => {
      if (!segment.includes('{{')) return segment;
      const rendered = compile(segment)(context);
      if (rendered.includes('/')) throw new TemplateError(`path segment ${segment} rendered to ${rendered}`);
      return rendered;
    })
    .join('/');
}
