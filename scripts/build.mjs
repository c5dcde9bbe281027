// Bundles the CLI with esbuild into dist/: one small entry chunk for the commands that must start
// fast, and separate chunks that are loaded only when a command needs them (Ink and React for the
// chat, the AWS SDK for live prices and deploys).
import { build } from 'esbuild';
import { readFileSync, statSync, readdirSync, existsSync } from 'node:fs';
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
  const sources = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
  if (statSync(entry).mtimeMs >= sources) process.exit(0);
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

await build({
  entryPoints: { cli: join(root, 'src/cli/bin.ts') },
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
  },
  banner: {
    // Bundled CommonJS dependencies call require(); give them one in the ESM output.
    js: "import { createRequire as __mlda_createRequire } from 'node:module'; const require = __mlda_createRequire(import.meta.url);",
  },
});
