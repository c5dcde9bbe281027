import { readCatalogueFromDisk, type RawCatalogue } from '../../src/scaffold/catalogue.js';
import { precompileTemplate } from '../../src/scaffold/render.js';

/**
 * The scaffold templates as the bundled CLI has them (precompiled, see src/scaffold/precompile.ts),
 * each checked and precompiled the first time a render needs it and then reused: suites that
 * render many repositories compile every template once per test file instead of once per
 * repository. Tests about the templates' source read `readCatalogueFromDisk()` (test/scaffold/
 * support.ts `templates()`); test/scaffold/cli.test.ts proves both render the same files.
 */
let catalogue: RawCatalogue | undefined;

export function precompiledCatalogue(): RawCatalogue {
  catalogue ??= precompileLazily(readCatalogueFromDisk());
  return catalogue;
}

/** A spec property that precompiles `template` on first read (the source is a JS object literal). */
function withLazySpec<T extends object>(target: T, template: string, name: string): T & { spec: unknown } {
  let spec: unknown;
  return Object.defineProperty(target, 'spec', {
    enumerable: true,
    get: () => (spec ??= new Function(`return ${precompileTemplate(template, name)};`)() as unknown),
  }) as T & { spec: unknown };
}

function precompileLazily(raw: RawCatalogue): RawCatalogue {
  return {
    common: raw.common,
    options: raw.options,
    precompiled: true,
    files: raw.files.map(({ template, ...file }) =>
      template === undefined
        ? file
        : withLazySpec(file, template, `templates/scaffold/${file.layer}/${file.source}`),
    ),
    partials: raw.partials.map(({ template, ...partial }) =>
      withLazySpec(partial, template ?? '', `templates/scaffold/${partial.layer}/_partials/${partial.name}`),
    ),
  };
}
