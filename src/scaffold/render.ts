import Handlebars from 'handlebars';
import { helperTable, LOGIC_HELPERS, QUOTING_HELPERS } from './helpers.js';

/**
 * The template engine: Handlebars in strict mode (a missing variable is an error, never an empty
 * string), with HTML escaping off (nothing here is HTML) and every output statement required to
 * go through a quoting helper. `checkTemplate` enforces that on the parsed template, at build
 * time (precompile) and whenever a template is compiled from source, so a bare `{{project.name}}`
 * can never reach a YAML file, a shell script or Python.
 */

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/** Compile options shared by the runtime compiler and the build-time precompiler. */
export const COMPILE_OPTIONS = {
  strict: true,
  noEscape: true,
  preventIndent: true,
  knownHelpers: Object.fromEntries([...QUOTING_HELPERS, ...LOGIC_HELPERS].map((h) => [h, true])),
} as const;

const QUOTING = new Set<string>(QUOTING_HELPERS);
const LOGIC = new Set<string>(LOGIC_HELPERS);
const BLOCKS = new Set(['if', 'unless', 'each', 'with']);

type Node = hbs.AST.Node;

/**
 * Refuses anything but quoting-helper output: `{{x}}`, `{{{x}}}`, `{{lookup ...}}`, decorators,
 * unknown block helpers. Returns the template's parsed form (for the precompiler).
 */
export function checkTemplate(source: string, name: string): hbs.AST.Program {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source);
  } catch (error) {
    throw new TemplateError(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fail = (node: Node, why: string): never => {
    throw new TemplateError(`${name}:${node.loc?.start.line ?? '?'}: ${why}`);
  };
  const pathName = (node: Node): string =>
    node.type === 'PathExpression' ? (node as hbs.AST.PathExpression).original : `<${node.type}>`;
  const visitExpr = (node: Node): void => {
    if (node.type === 'SubExpression') {
      const sub = node as hbs.AST.SubExpression;
      const helper = pathName(sub.path);
      if (!LOGIC.has(helper) && !QUOTING.has(helper)) fail(node, `(${helper} ...) is not an allowed helper`);
      sub.params.forEach(visitExpr);
      sub.hash?.pairs.forEach((pair: hbs.AST.HashPair) => visitExpr(pair.value));
    }
  };
  const visit = (node: Node | undefined): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        (node as hbs.AST.Program).body.forEach(visit);
        return;
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        const helper = pathName(m.path);
        if (!QUOTING.has(helper) || m.params.length !== 1) {
          fail(
            node,
            `{{${helper}${m.params.length ? ' ...' : ''}}} prints a value without quoting it; ` +
              `use one of ${QUOTING_HELPERS.map((h) => `{{${h} x}}`).join(', ')}`,
          );
        }
        m.params.forEach(visitExpr);
        m.hash?.pairs.forEach((pair: hbs.AST.HashPair) => visitExpr(pair.value));
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const helper = pathName(b.path);
        if (!BLOCKS.has(helper))
          fail(node, `{{#${helper}}} is not an allowed block (${[...BLOCKS].join(', ')})`);
        b.params.forEach(visitExpr);
        visit(b.program);
        visit(b.inverse);
        return;
      }
      case 'PartialStatement': {
        const p = node as hbs.AST.PartialStatement;
        if (p.name.type !== 'PathExpression') fail(node, 'dynamic partial names are not allowed');
        if (p.params.length || p.hash) fail(node, 'partials take no parameters; they see the whole context');
        return;
      }
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      default:
        fail(node, `${node.type} is not allowed in scaffold templates`);
    }
  };
  visit(ast);
  return ast;
}

/** A fresh, isolated Handlebars environment with the scaffold helpers and no others. */
export function createEnvironment(): typeof Handlebars {
  const env = Handlebars.create();
  // Drop the built-ins that print (`log`, `lookup`, `helperMissing` stays as the strict error).
  env.unregisterHelper('log');
  env.unregisterHelper('lookup');
  for (const [name, fn] of Object.entries(helperTable())) env.registerHelper(name, fn);
  // Strict mode checks the paths a template prints, not helper arguments: make the built-in
  // blocks refuse an undefined argument too, so a typo in `{{#if cost.monthlyUSD}}` fails loudly.
  for (const name of ['if', 'unless', 'each', 'with']) {
    const builtin = env.helpers[name] as (...args: unknown[]) => unknown;
    env.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      if (args.length !== 2 || args[0] === undefined) {
        throw new TemplateError(`{{#${name}}} needs one defined value (is a variable missing?)`);
      }
      return builtin.apply(this, args);
    });
  }
  return env;
}

export type RenderFn = (context: object) => string;

/**
 * Compiles a template from source after checking it (used from source checkouts and tests). The
 * check and the compiled spec are kept per source text for the process: neither depends on the
 * environment (helpers and partials are looked up when the template runs, which is why the
 * bundle's precompiled specs serve every render), and compiling every template again for each
 * repository was about a third of a render from source. As `env.compile`, it compiles on first use.
 */
export function compileTemplate(env: typeof Handlebars, source: string, name: string): RenderFn {
  if (!checkedSources.has(source)) {
    checkTemplate(source, name);
    checkedSources.add(source);
  }
  let template: HandlebarsTemplateDelegate | undefined;
  return wrap((context, options) => (template ??= env.template(specOf(source)))(context, options), name);
}

const checkedSources = new Set<string>();
const specs = new Map<string, TemplateSpecification>();

/** The compiler stages `Handlebars.compile` runs, which its type declarations leave out. */
interface HandlebarsCompilers {
  Compiler: new () => { compile(ast: hbs.AST.Program, options: object): unknown };
  JavaScriptCompiler: new () => {
    compile(environment: unknown, options: object, context: undefined, asObject: true): TemplateSpecification;
  };
}

/** What `env.compile(source, COMPILE_OPTIONS)` compiles on first use, as a spec any environment runs. */
function specOf(source: string): TemplateSpecification {
  let spec = specs.get(source);
  if (!spec) {
    // As Handlebars.compile: a copy of the options with `data` on (the compiler adds to them).
    const options = { ...COMPILE_OPTIONS, knownHelpers: { ...COMPILE_OPTIONS.knownHelpers }, data: true };
    const { Compiler, JavaScriptCompiler } = Handlebars as unknown as HandlebarsCompilers;
    const ast = Handlebars.parse(source, options as Handlebars.ParseOptions);
    const environment = new Compiler().compile(ast, options);
    spec = new JavaScriptCompiler().compile(environment, options, undefined, true);
    specs.set(source, spec);
  }
  return spec;
}

/** Turns a precompiled spec (see precompile.ts) back into a render function. */
export function templateFromSpec(env: typeof Handlebars, spec: unknown, name: string): RenderFn {
  const template = env.template(spec as TemplateSpecification);
  return wrap(template, name);
}

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/** Source of a precompiled spec: a JavaScript object literal, for the generated module. */
export function precompileTemplate(source: string, name: string): string {
  const ast = checkTemplate(source, name);
  return Handlebars.precompile(ast, COMPILE_OPTIONS) as string;
}

function wrap(template: (context: object, options?: object) => string, name: string): RenderFn {
  return (context) => {
    try {
      return template(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new TemplateError(`${name}: ${message}`);
    }
  };
}
