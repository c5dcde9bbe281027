// Preloaded with `node --import`: records every module URL the program resolves into the file
// named by MLDA_TRACE_FILE, so a test can see exactly what a command loaded.
import { register } from 'node:module';

register('./trace-hooks.mjs', import.meta.url);
