#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { FAST_COMMANDS } from './command-names.js';
import { loadFastBundle } from './fast-loader.js';
import { quietOnBrokenPipe } from './pipe.js';

quietOnBrokenPipe(process.stdout);
quietOnBrokenPipe(process.stderr);

const argv = process.argv.slice(2);
// The non-interactive commands run from one file with a code cache (dist/chunks/fast.cjs, see
// fast-loader.ts); the rest from the split bundle. Either way one main() is loaded, so no class
// (UserInputError) has two copies in one run.
const { main } = FAST_COMMANDS.includes(argv[0] ?? '')
  ? loadFastBundle(fileURLToPath(new URL('./chunks/', import.meta.url)))
  : await import('./main.js');

// Exit codes: 0 success, 1 failure, 2 bad input or usage, 130 interrupted.
const code = await main(argv);
process.exitCode = code;
