// Preloaded with `node --import`: records the path of every file the program opens with
// fs.openSync or fs.readFileSync into the file named by MLDA_READS_FILE, so a test can see which
// knowledge and cache files a command read.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const { openSync, readFileSync, writeSync } = fs;
const out = openSync(process.env.MLDA_READS_FILE, 'a');
const record = (path) => {
  if (typeof path === 'string') writeSync(out, `${path}\n`);
};
fs.openSync = function tracedOpenSync(path, ...rest) {
  record(path);
  return openSync.call(this, path, ...rest);
};
fs.readFileSync = function tracedReadFileSync(path, ...rest) {
  record(path);
  return readFileSync.call(this, path, ...rest);
};
// The bundle imports node:fs as an ES module: make its named bindings see the wrappers.
syncBuiltinESMExports();
