// Preloaded with `node --import` beside trace-loads.mjs: records the file of every script the
// program compiles with vm.Script (the built CLI runs its fast bundle that way, see
// src/cli/fast-loader.ts) into the file named by MLDA_TRACE_FILE, as a file URL, so that a test
// sees that code as loaded too.
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

const { Script } = vm;
vm.Script = class TracedScript extends Script {
  constructor(code, options) {
    const file = typeof options === 'string' ? options : options?.filename;
    if (file && process.env.MLDA_TRACE_FILE)
      appendFileSync(process.env.MLDA_TRACE_FILE, `${pathToFileURL(file).href}\n`);
    super(code, options);
  }
};
// The bundle imports node:vm as an ES module: make its named binding see the wrapper.
syncBuiltinESMExports();
