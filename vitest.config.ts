import { availableParallelism } from 'node:os';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import CostSequencer from './test/support/sequencer.js';

/**
 * Two suites (docs/ARCHITECTURE.md, "Tests"):
 * - unit (`npm test`): every test that runs in Node's own process (a few spawn the built CLI once);
 * - e2e (`npm run test:e2e`): `*.e2e.test.ts(x)`, which run generated programs (servers, deploy
 *   scripts under recorded fakes) or need Debian's Python, shellcheck, yamllint, tmux or chromium;
 *   when a tool is missing the run stops before any file starts, with the one `apt-get install`
 *   line that adds every missing package (test/support/e2e-preflight.ts).
 * `npx vitest run <file>` runs a file in whichever suite it belongs to.
 *
 * Unit test files share their worker processes (`isolate: false`): a fresh process per file was
 * mostly start-up and imports (measured on the 68 files that were isolated: 304 CPU-s, sharing
 * 235, a third of it kernel time for process start-up). Files in one worker share modules and
 * process state, so a test file puts back what it changes (it unstubs its environment; spies are
 * restored after each test: `restoreMocks`). The exception, project `unit-isolated`: files that
 * replace a module with vi.mock (a mock of `node:fs/promises` cannot reach a module another file
 * already loaded in that process).
 */
const E2E = ['test/**/*.e2e.test.ts', 'test/**/*.e2e.test.tsx'];
/** Test files that mock a module: they get a fresh process each. */
const ISOLATED = ['test/report/write-errors.test.ts'];
/**
 * Packages resolve to their default builds, as for users: Vite's server conditions add
 * `development` (vitest passes them to its workers as --conditions), and micromark's development
 * build, with assertions on every token, made the report's markdown lint most of those suites'
 * time. Config can only add conditions (arrays are merged), so a plugin drops it once resolved.
 */
const noDevelopmentCondition: Plugin = {
  name: 'mlda:no-development-condition',
  enforce: 'post',
  configResolved(config) {
    const drop = (conditions: string[] | undefined) =>
      conditions?.splice(0, conditions.length, ...conditions.filter((c) => !/^development/.test(c)));
    drop(config.ssr.resolve?.conditions as string[] | undefined);
    for (const env of Object.values(config.environments)) drop(env.resolve.conditions as string[]);
  },
};
const RESOLVE = { plugins: [noDevelopmentCondition] };
/** Test files that other tests run on purpose (e.g. one that must fail without tmux). */
const FIXTURES = ['test/fixtures/**'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // The bundle's precompiled templates (dist/scaffold-templates.mjs, 0.8 MB, which one test
    // imports to compare with the sources) load through Node as the CLI loads them: through Vite
    // they were transformed into 4 MB with a source map, about 1.5 CPU-s on a fresh clone.
    server: { deps: { external: [/\/dist\/scaffold-templates\.mjs$/] } },
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default keeps one core for its main process, which mostly waits: on two cores that
    // runs one test file at a time. Use every core.
    maxWorkers: availableParallelism(),
    globalSetup: ['test/global-setup.ts'],
    // The heaviest files first, from test/cpu-costs.json (scripts/test-costs.mjs): on a fresh clone
    // vitest has no timings and starts the largest files first, which left the small matrix suites,
    // the heaviest of all, to run last on one core.
    sequence: { sequencer: CostSequencer },
    restoreMocks: true,
    // Transformed modules are kept on disk between runs, keyed on their content (a warm run
    // transforms ~1 s of TypeScript instead of ~18 s). Under node_modules/.cache, which git ignores.
    experimental: {
      fsModuleCache: true,
      fsModuleCachePath: 'node_modules/.cache/ml-deploy-advisor/vitest-modules',
    },
    // MLDA_CPU_PROBE=/tmp/cpu.tsv: each test file records the CPU it used (test/support/cpu-probe.ts);
    // MLDA_CPU_PROFILE=/tmp/profiles: each writes a V8 CPU profile (test/support/cpu-profile.ts).
    setupFiles: [
      ...(process.env.MLDA_CPU_PROBE ? ['test/support/cpu-probe.ts'] : []),
      ...(process.env.MLDA_CPU_PROFILE ? ['test/support/cpu-profile.ts'] : []),
    ],
    projects: [
      {
        extends: true,
        ...RESOLVE,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: [...E2E, ...FIXTURES, ...ISOLATED],
          isolate: false,
        },
      },
      { extends: true, ...RESOLVE, test: { name: 'unit-isolated', include: ISOLATED } },
      {
        extends: true,
        ...RESOLVE,
        // Python servers, pytest with torch, chromium: minutes on a loaded two-core machine.
        test: {
          name: 'e2e',
          include: E2E,
          exclude: FIXTURES,
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Added to the shared global setup: checks every Debian tool the suite uses and stops the
          // run before any file starts, with the one apt-get line for whatever is missing.
          globalSetup: ['test/support/e2e-preflight.ts'],
        },
      },
    ],
  },
});
