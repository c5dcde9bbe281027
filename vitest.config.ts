import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two suites (docs/ARCHITECTURE.md, "Tests"):
 * - unit (`npm test`): every test that needs only Node and npm packages;
 * - e2e (`npm run test:e2e`): `*.e2e.test.ts(x)`, which need Debian's Python, shellcheck, yamllint,
 *   tmux or chromium and fail with the `apt-get install` line when one is missing.
 * `npx vitest run <file>` runs a file in whichever suite it belongs to.
 *
 * Each test file runs in a fresh process (vitest's default isolation). Sharing one process between
 * files (`isolate: false`) was measured slower on the scaffold suites (more CPU, not less: the
 * shared heap grows), and it lets one file's stubs or aborted SDK calls leak into the next.
 * The pure suites (PURE: no stubs, mocks, environment changes, child processes or SDK calls) are
 * the exception, as the project `unit-pure`: there a fresh process per file was mostly start-up
 * and imports: isolated, the 33 files of core, costs, chat and knowledge took 68 CPU-s, sharing
 * 27; the 15 notebook, report and pricing files 34 against 21. A new file stays isolated until it
 * is added here. `npm test` runs both projects (`--project 'unit*'`).
 */
const E2E = ['test/**/*.e2e.test.ts', 'test/**/*.e2e.test.tsx'];
/** Suites that only call functions and compare values: safe to share a process between files. */
const PURE = [
  ...['core', 'costs', 'chat', 'knowledge'].map((dir) => `test/${dir}/**/*.test.ts`),
  ...['broken-code', 'detect', 'findings', 'malformed', 'pip-install-args', 'real-notebooks', 'secrets'].map(
    (name) => `test/notebook/${name}.test.ts`,
  ),
  ...['curves', 'data', 'page-one', 'properties', 'sections', 'vp-review'].map(
    (name) => `test/report/${name}.test.ts`,
  ),
  'test/pricing/regions.test.ts',
  'test/pricing/snapshot.test.ts',
];
/** Test files that other tests run on purpose (e.g. one that must fail without tmux). */
const FIXTURES = ['test/fixtures/**'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default keeps one core for its main process, which mostly waits: on two cores that
    // runs one test file at a time. Use every core.
    maxWorkers: availableParallelism(),
    globalSetup: ['test/global-setup.ts'],
    // MLDA_CPU_PROBE=/tmp/cpu.tsv: each test file records the CPU it used (test/support/cpu-probe.ts).
    setupFiles: process.env.MLDA_CPU_PROBE ? ['test/support/cpu-probe.ts'] : [],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: [...E2E, ...FIXTURES, ...PURE],
        },
      },
      {
        extends: true,
        test: {
          name: 'unit-pure',
          include: PURE,
          exclude: [...E2E, ...FIXTURES],
          isolate: false,
        },
      },
      {
        extends: true,
        // Python servers, pytest with torch, chromium: minutes on a loaded two-core machine.
        test: { name: 'e2e', include: E2E, exclude: FIXTURES, testTimeout: 180_000, hookTimeout: 180_000 },
      },
    ],
  },
});
