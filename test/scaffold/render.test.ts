import { describe, expect, it } from 'vitest';
import { readCatalogueFromDisk } from '../../src/scaffold/catalogue.js';
import {
  checkTemplate,
  COMPILE_OPTIONS,
  compileTemplate,
  createEnvironment,
  TemplateError,
} from '../../src/scaffold/render.js';

const render = (source: string, context: object) =>
  compileTemplate(createEnvironment(), source, 't.hbs')(context);

describe('template rules', () => {
  it('refuses a bare interpolation, triple-stash, lookup and unknown blocks', () => {
    for (const bad of [
      '{{name}}',
      '{{{name}}}',
      '{{& name}}',
      '{{lookup a "b"}}',
      '{{#custom}}x{{/custom}}',
      '{{yaml}}',
      '{{yaml a b}}',
    ]) {
      expect(() => checkTemplate(bad, 'bad.hbs'), bad).toThrow(TemplateError);
    }
    expect(() => checkTemplate('a\n{{name}}', 'x.hbs')).toThrow(
      /x\.hbs:2: \{\{name\}\} prints a value without quoting/,
    );
  });

  it('accepts quoting helpers, blocks, subexpressions and partials', () => {
    expect(() =>
      checkTemplate(
        '{{yaml a}} {{#if (eq a "b")}}{{sh a}}{{else}}{{py a}}{{/if}}{{#each xs}}{{num this}}{{/each}}{{> part}}',
        'ok',
      ),
    ).not.toThrow();
  });

  it('is strict: a missing variable is an error, not an empty string', () => {
    expect(() => render('{{yaml missing}}', {})).toThrow(/cannot write undefined/);
    expect(() => render('{{yaml a.missing.x}}', { a: {} })).toThrow(TemplateError);
    expect(() => render('{{#each a.missing}}x{{/each}}', { a: {} })).toThrow(/needs one defined value/);
    expect(() => render('{{#if (eq missing 1)}}x{{/if}}', {})).toThrow(/defined values/);
    expect(() => render('{{#if missing}}x{{/if}}', {})).toThrow(/needs one defined value/);
    expect(render('{{#if present}}x{{else}}y{{/if}}', { present: null })).toBe('y');
  });

  it("escapes nothing as HTML: quoting is the helpers' job", () => {
    expect(render('{{sh a}} {{py a}}', { a: `<&>'"` })).toBe(`'<&>'\\''"' "<&>'\\""`);
  });

  it('compiles a source once for the process, and each environment renders it with its own partials', () => {
    // compileTemplate keeps one compiled spec per source; Handlebars' own compile is the reference.
    const source = '{{yaml a}} {{#each xs}}{{num this}},{{/each}} {{> part}}';
    const envs = ['one', 'two'].map((word) => {
      const env = createEnvironment();
      env.registerPartial('part', word);
      return env;
    });
    const context = { a: 'x: y', xs: [1, 2] };
    const kept = envs.map((env) => compileTemplate(env, source, 'p.hbs'));
    const fresh = envs.map((env) => env.compile(source, COMPILE_OPTIONS));
    expect(kept[1]!(context)).toBe(fresh[1]!(context));
    expect(kept[0]!(context)).toBe(fresh[0]!(context));
    expect(kept[0]!(context)).not.toBe(kept[1]!(context));
    // A refused template is refused every time, not only when first compiled.
    for (let i = 0; i < 2; i++)
      expect(() => compileTemplate(createEnvironment(), '{{bad}}', 'b.hbs')).toThrow(TemplateError);
  });

  it('every template in templates/scaffold passes the rules', () => {
    const raw = readCatalogueFromDisk();
    const templates = raw.files.filter((f) => f.template !== undefined);
    expect(templates.length).toBeGreaterThan(0);
    for (const file of templates) expect(() => checkTemplate(file.template ?? '', file.source)).not.toThrow();
    for (const partial of raw.partials)
      expect(() => checkTemplate(partial.template ?? '', partial.name)).not.toThrow();
  });
});
