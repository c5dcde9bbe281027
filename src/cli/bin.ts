#!/usr/bin/env node
import { main } from './main.js';

// Exit codes: 0 success, 1 failure, 2 bad input or usage, 130 interrupted.
const code = await main(process.argv.slice(2));
process.exitCode = code;
