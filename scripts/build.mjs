// Bundles the CLI with esbuild into dist/: one small entry chunk for the commands that must start
// fast, and separate chunks that are loaded only when a command needs them (Ink and React for the
// chat, the AWS SDK for live prices and deploys).
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

const result = await build({
  metafile: true,
  entryPoints: {
    cli: join(root, 'src/cli/bin.ts'),
    'build-cache': join(root, 'src/build-cache.ts'),
  },
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
  // Ink imports React DevTools only when DEV=true; it is not a dependency of ours.
  external: ['react-devtools-core'],
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
});

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
