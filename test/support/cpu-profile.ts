import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';

/**
 * With MLDA_CPU_PROFILE=<folder> (see vitest.config.ts), each test file writes a V8 CPU profile of
 * its own run (from its first hook to its last) to <folder>/<file>.cpuprofile, for Chrome's
 * DevTools or any .cpuprofile reader. `--cpu-prof` does not work there: vitest ends its worker
 * processes before Node writes the profile.
 */
const session = new Session();
beforeAll(async () => {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
});
afterAll(async () => {
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const file = basename(expect.getState().testPath ?? 'unknown');
  writeFileSync(join(process.env.MLDA_CPU_PROFILE!, `${file}.cpuprofile`), JSON.stringify(profile));
});
