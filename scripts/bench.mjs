// `npm run bench`: runs every benchmark in scripts/bench/*.mjs in one process and prints ratios
// measured in the same run (the machines are noisy; absolute times mean little).
// Each module exports `name` and `run()`, resolving to lines of text to print.
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const only = process.argv.slice(2);
let failed = false;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .sort()) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  const mod = await import(pathToFileURL(join(dir, file)).href);
  console.log(`\n## ${mod.name}`);
  try {
    const result = await mod.run();
    for (const line of result.lines) console.log(line);
    if (result.ok === false) failed = true;
  } catch (error) {
    failed = true;
    console.log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
