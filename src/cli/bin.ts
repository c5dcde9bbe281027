#!/usr/bin/env node
import { main } from './main.js';
import { quietOnBrokenPipe } from './pipe.js';

quietOnBrokenPipe(process.stdout);
quietOnBrokenPipe(process.stderr);

// Exit codes: 0 success, 1 failure, 2 bad input or usage, 130 interrupted.
const code = await main(process.argv.slice(2));
process.exitCode = code;
