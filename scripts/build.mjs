// Bundles the CLI with esbuild into dist/: a small entry (dist/cli.js) that sends the commands
// that must start fast to one bundle of their own with a code cache (dist/chunks/fast.cjs), and
// the others to split chunks that are loaded only when a command needs them (Ink and React for
// the chat, the AWS SDK for live prices and deploys).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, readdirSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'cli.js');

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (process.argv.includes('--if-stale') && existsSync(entry)) {
  // Everything the build reads: sources, templates, the knowledge it validates, and this script.
  const sources = Math.max(
    newestMtime(join(root, 'src')),
    newestMtime(join(root, 'templates')),
    newestMtime(join(root, 'knowledge')),
    statSync(join(root, 'package.json')).mtimeMs,
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
  );
  if (statSync(entry).mtimeMs >= sources) process.exit(0);
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const shared = {
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  minify: true,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  define: {
    __VERSION__: JSON.stringify(pkg.version),
    // React's production build: the development one is several times slower to start.
    'process.env.NODE_ENV': '"production"',
    // The bundle reads scaffold templates precompiled below, not the templates folder.
    __SCAFFOLD_PRECOMPILED__: 'true',
  },
  banner: {
    // Bundled CommonJS dependencies call require(); give them one in the ESM output.
    js: "import { createRequire as __mlda_createRequire } from 'node:module'; const require = __mlda_createRequire(import.meta.url);",
  },
};

const result = await build({
  ...shared,
  metafile: true,
  entryPoints: {
    cli: join(root, 'src/cli/bin.ts'),
    'build-cache': join(root, 'src/build-cache.ts'),
    'code-cache': join(root, 'src/cli/code-cache-build.ts'),
  },
  // Ink imports React DevTools only when DEV=true; it is not a dependency of ours.
  external: ['react-devtools-core'],
});

// The non-interactive commands (src/cli/fast.ts): one file holding everything a run of
// `recommend` or `knowledge check` uses, rather than the thirty chunks the split bundle above
// shares between every command; linking those cost more than the command's own work. bin.ts
// runs it through vm.Script with a V8 code cache (see src/cli/fast-loader.ts), hence CommonJS:
// a function body, with import.meta.url, require and import() passed in. A process runs from one
// bundle or the other, never both, so no class (UserInputError) has two copies in one run. The
// AWS SDK is not bundled again: the pricing client is imported from the chunk the split bundle
// made of it.
const sdkChunks = new Set();
const sdkChunk = (pkgName) => {
  const found = Object.entries(result.metafile.outputs).find(([, o]) =>
    o.entryPoint?.includes(`node_modules/${pkgName}/`),
  );
  if (!found) throw new Error(`build: no chunk holds ${pkgName}`);
  const path = `./${found[0].split('/').pop()}`;
  sdkChunks.add(path);
  return path;
};
const fast = await build({
  ...shared,
  splitting: false,
  format: 'cjs',
  banner: {},
  outExtension: { '.js': '.cjs' },
  metafile: true,
  entryPoints: { 'chunks/fast': join(root, 'src/cli/fast.ts') },
  define: { ...shared.define, 'import.meta.url': '__mlda_import_meta_url' },
  plugins: [
    {
      name: 'sdk-from-split-bundle',
      setup(b) {
        b.onResolve({ filter: /^@aws-sdk\// }, (args) => ({ path: sdkChunk(args.path), external: true }));
      },
    },
  ],
});
Object.assign(result.metafile.inputs, fast.metafile.inputs);
Object.assign(result.metafile.outputs, fast.metafile.outputs);

// A script run by vm cannot call import() (Node 20 wants an experimental flag): the bundle's
// import() calls, the SDK chunks' alone, become calls of the function fast-loader.ts passes in,
// whose name is as long as `import`, so that the source map keeps its columns.
{
  const FAST_IMPORT = '_mlda$';
  const file = join(root, 'dist', 'chunks', 'fast.cjs');
  let code = readFileSync(file, 'utf8');
  for (const path of sdkChunks)
    code = code.split(`import(${JSON.stringify(path)})`).join(`${FAST_IMPORT}(${JSON.stringify(path)})`);
  if (/\bimport\(/.test(code)) {
    process.stderr.write(
      'build: dist/chunks/fast.cjs calls import() other than for the SDK: vm cannot run it\n',
    );
    process.exit(1);
  }
  writeFileSync(file, code);
}

// Scaffold templates: checked (quoting helpers only) and precompiled into one module that the
// bundled CLI imports, so a scaffold run neither parses templates nor walks the folder.
{
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { pathToFileURL } = await import('node:url');
  const tmp = mkdtempSync(join(tmpdir(), 'mlda-precompile-'));
  try {
    await build({
      entryPoints: [join(root, 'src/scaffold/precompile.ts')],
      outfile: join(tmp, 'precompile.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
      banner: {
        js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
      },
    });
    const { precompiledModuleSource } = await import(pathToFileURL(join(tmp, 'precompile.mjs')).href);
    writeFileSync(
      join(root, 'dist', 'scaffold-templates.mjs'),
      precompiledModuleSource(join(root, 'templates', 'scaffold')),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// Chunks of earlier builds would pile up (their names carry a hash): remove what this build did
// not write. Files are replaced in place, never the folder, so a running CLI keeps working.
const written = new Set(Object.keys(result.metafile.outputs).map((out) => join(root, out)));
for (const name of readdirSync(join(root, 'dist', 'chunks'))) {
  const path = join(root, 'dist', 'chunks', name);
  if (!written.has(path) && !written.has(path.replace(/\.(map|LEGAL\.txt)$/, '')))
    rmSync(path, { force: true });
}

// Which source modules went into which output chunk: tests use it to prove that `recommend`
// loads no chunk holding Ink, React or the AWS SDK.
writeFileSync(join(root, 'dist', 'meta.json'), JSON.stringify(result.metafile));

// Validate the bundled knowledge once, here, so that start-up can skip it (see readYamlFile).
try {
  execFileSync(process.execPath, [join(root, 'dist', 'build-cache.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
} catch (error) {
  process.stderr.write(`build: the bundled knowledge is not valid:\n${error.stderr ?? error.message}`);
  process.exit(1);
}

// The fast bundle's V8 code cache (src/cli/code-cache-build.ts), after the knowledge cache, which
// the runs it makes read.
try {
  execFileSync(process.execPath, [join(root, 'dist', 'code-cache.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
} catch (error) {
  process.stderr.write(`build: the code cache was not written:\n${error.stderr ?? error.message}`);
  process.exit(1);
}
