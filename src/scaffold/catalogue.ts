import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { FRAMEWORKS } from '../core/answers.js';
import { OPTION_IDS } from '../core/options.js';
import { packageRoot, templatesDir } from '../paths.js';
import { TemplateError } from './render.js';

/**
 * The scaffold's templates as data: every file of templates/scaffold/common,
 * templates/scaffold/_families/<family> (layers several options share: the SageMaker foundation,
 * the Kubernetes base, compose, the alarm topic and budget) and templates/scaffold/<option>, its
 * mode, and the manifests that say which common parts and families each option uses. Read from the folder in a source checkout; from the module precompiled by
 * scripts/build.mjs (dist/scaffold-templates.mjs) in the bundled CLI.
 */

const nonEmpty = <T extends z.ZodMiniType>(item: T) => z.array(item).check(z.minLength(1));
const serving = z.enum(['http', 'lambda', 'batch']);

/** Which common files each part holds: paths (output names) or folders ending in '/'. */

export const commonManifestSchema = z.strictObject({
  parts: z.record(z.string().check(z.regex(/^[a-z][a-z0-9-]*$/)), nonEmpty(z.string().check(z.minLength(1)))),
  options: z.record(
    z.enum(OPTION_IDS),
    z.strictObject({
      serving,
      parts: nonEmpty(z.string()),
      /** Family layers stacked between common and the option, in order (later ones win). */
      families: z.optional(z.array(z.string().check(z.regex(/^[a-z][a-z0-9-]*$/)))),
      frameworks: z.optional(nonEmpty(z.enum(FRAMEWORKS))),
    }),
  ),
});
export type CommonManifest = z.infer<typeof commonManifestSchema>;

/** Optional templates/scaffold/<option>/manifest.yaml: overrides for that option. */
export const optionManifestSchema = z.strictObject({
  serving: z.optional(serving),
  parts: z.optional(nonEmpty(z.string())),
  frameworks: z.optional(nonEmpty(z.enum(FRAMEWORKS))),
  /** Common output paths (or folders ending in '/') this option leaves out. */
  exclude: z.optional(z.array(z.string().check(z.minLength(1)))),
});
export type OptionManifest = z.infer<typeof optionManifestSchema>;

/** The folder holding family layers. */
export const FAMILIES = '_families';

/** `common`, an option id, or `_families/<name>` (a family layer). */
export type Layer = 'common' | (typeof OPTION_IDS)[number] | `${typeof FAMILIES}/${string}`;

export interface RawFile {
  layer: Layer;
  /** Path inside the layer folder, '/'-separated, as on disk (with `.hbs`). */
  source: string;
  /** 0o755 when the source is executable, else 0o644. */
  mode: number;
  /** Template source (`.hbs`, from disk), precompiled spec (bundle), or bytes to copy. */
  template?: string;
  spec?: unknown;
  bytes?: Uint8Array;
}

export interface RawCatalogue {
  common: CommonManifest;
  options: Partial<Record<Layer, OptionManifest>>;
  files: RawFile[];
  /** Partials: `_partials/<name>.hbs` in a layer; the option's override common ones. */
  partials: { layer: Layer; name: string; template?: string; spec?: unknown }[];
  precompiled: boolean;
}

const MANIFEST = 'manifest.yaml';
const PARTIALS = '_partials/';

function walk(dir: string, root: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, root, out);
    else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
    else throw new TemplateError(`${path}: only plain files and folders may be templates (no symlinks)`);
  }
}

function parseManifest<S extends z.ZodMiniType>(text: string, file: string, schema: S): z.infer<S> {
  z.config(en()); // zod/mini has no messages until a locale is set
  const result = z.safeParse(schema, parseYaml(text));
  if (!result.success) {
    const first = result.error.issues[0];
    throw new TemplateError(`${file}: ${first?.path.join('.') ?? ''} ${first?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** Reads templates/scaffold from disk (or `root`), with template sources kept as text. */
export function readCatalogueFromDisk(root: string = join(templatesDir(), 'scaffold')): RawCatalogue {
  const layers: Layer[] = [];
  for (const dirent of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const name = dirent.name;
    if (name === FAMILIES) {
      for (const family of readdirSync(join(root, name), { withFileTypes: true })) {
        if (!family.isDirectory() || !/^[a-z][a-z0-9-]*$/.test(family.name)) {
          throw new TemplateError(`templates/scaffold/${FAMILIES}/${family.name}: not a family folder`);
        }
        layers.push(`${FAMILIES}/${family.name}`);
      }
    } else if (name === 'common' || (OPTION_IDS as readonly string[]).includes(name)) {
      layers.push(name as Layer);
    } else {
      throw new TemplateError(
        `templates/scaffold/${name}: not "common", "${FAMILIES}" nor an option id (${OPTION_IDS.join(', ')})`,
      );
    }
  }
  let common: CommonManifest | undefined;
  const options: RawCatalogue['options'] = {};
  const files: RawFile[] = [];
  const partials: RawCatalogue['partials'] = [];
  for (const layer of layers.sort()) {
    const dir = join(root, layer);
    const paths: string[] = [];
    walk(dir, dir, paths);
    for (const source of paths.sort()) {
      const full = join(dir, source);
      const label = `templates/scaffold/${layer}/${source}`;
      if (source === MANIFEST && !layer.startsWith(FAMILIES)) {
        const text = readFileSync(full, 'utf8');
        if (layer === 'common') common = parseManifest(text, label, commonManifestSchema);
        else options[layer] = parseManifest(text, label, optionManifestSchema);
      } else if (source.startsWith(PARTIALS)) {
        if (!source.endsWith('.hbs')) throw new TemplateError(`${label}: partials must end in .hbs`);
        partials.push({
          layer,
          name: source.slice(PARTIALS.length, -4),
          template: readFileSync(full, 'utf8'),
        });
      } else {
        const mode = statSync(full).mode & 0o111 ? 0o755 : 0o644;
        if (source.endsWith('.hbs'))
          files.push({ layer, source, mode, template: readFileSync(full, 'utf8') });
        else files.push({ layer, source, mode, bytes: readFileSync(full) });
      }
    }
  }
  if (!common) throw new TemplateError(`templates/scaffold/common/${MANIFEST} is missing`);
  for (const [option, entry] of Object.entries(common.options)) {
    for (const family of entry.families ?? []) {
      if (!layers.includes(`${FAMILIES}/${family}`)) {
        throw new TemplateError(
          `common/manifest.yaml: ${option} uses family "${family}", which has no folder`,
        );
      }
    }
  }
  return { common, options, files, partials, precompiled: false };
}

declare const __SCAFFOLD_PRECOMPILED__: boolean | undefined;

let cached: RawCatalogue | undefined;

/**
 * The catalogue the CLI uses: the precompiled module in a build (scripts/build.mjs defines
 * __SCAFFOLD_PRECOMPILED__), the templates folder when running from source.
 */
export async function loadCatalogue(): Promise<RawCatalogue> {
  if (cached) return cached;
  if (typeof __SCAFFOLD_PRECOMPILED__ === 'boolean' && __SCAFFOLD_PRECOMPILED__) {
    const url = pathToFileURL(join(packageRoot(), 'dist', 'scaffold-templates.mjs')).href;
    const mod = (await import(url)) as { default: RawCatalogue };
    cached = mod.default;
  } else {
    cached = readCatalogueFromDisk();
  }
  return cached;
}
