import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order test files start in: the most CPU first, from test/cpu-costs.json (each file's CPU
 * seconds, written by `node scripts/test-costs.mjs`). Files start as workers free up, so the
 * heaviest first leaves short ones to fill the end. A fresh clone has no run history, and vitest
 * then starts the largest files first: the matrix suites, a few lines that each render dozens of
 * repositories for 5 to 8 CPU-seconds, started last and ran on one core while the other waited.
 *
 * Files the list does not know (new ones) start first, largest first, as vitest orders them; a
 * file that failed in the last run (vitest's own results cache) starts before all of those.
 */
export const COSTS_FILE = 'test/cpu-costs.json';

export interface CostsFile {
  about: string;
  /** CPU seconds by file path relative to the root, most first. */
  files: Record<string, number>;
}

export function readCosts(root: string): Record<string, number> {
  try {
    return (JSON.parse(readFileSync(`${root}/${COSTS_FILE}`, 'utf8')) as CostsFile).files;
  } catch {
    return {}; // no list: every file is unknown, and vitest's order by size remains
  }
}

export default class CostSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const costs = readCosts(root);
    const rank = new Map(
      files.map((spec) => {
        const path = relative(root, spec.moduleId).split('\\').join('/');
        const failed = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`)?.failed === true;
        const cost = costs[path];
        let size = 0;
        try {
          size = statSync(spec.moduleId).size;
        } catch {
          // a file that went away: vitest reports it
        }
        return [spec, { failed, known: cost !== undefined, cost: cost ?? 0, size }] as const;
      }),
    );
    return [...files].sort((a, b) => {
      const groups = a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder;
      if (groups !== 0) return groups;
      const x = rank.get(a)!;
      const y = rank.get(b)!;
      if (x.failed !== y.failed) return x.failed ? -1 : 1;
      if (x.known !== y.known) return x.known ? 1 : -1;
      return y.cost - x.cost || y.size - x.size;
    });
  }
}
