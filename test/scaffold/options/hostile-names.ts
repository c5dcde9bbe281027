import { existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTION_IDS } from '../../../src/core/options.js';
import { formatProblems, type RepoReport } from '../../support/validate/index.js';
import { frameworksFor, generate } from './generate.js';

/** Names that break naive templating in YAML, shell, Python, JSON, HCL and paths. */
const HOSTILE = [
  `x"\nevil: true $(touch ${join(tmpdir(), 'pwned-scaffold-a')}) \`touch ${join(tmpdir(), 'pwned-scaffold-b')}\``,
  "'; rm -rf ~; echo '{{project.name}} ${HOME} %{x} \\ \u2028",
  'Ünïcødé 模型 🚀 ../../etc/passwd',
];
/** Names YAML 1.1 reads as booleans or numbers: where names land in YAML (k8s, compose, CloudFormation). */
const YAML_TRAPS = ['yes', '123', 'null'];

/**
 * Every option with names that break naive templating, through `validate`: the in-process
 * validators (k8s-and-names.test.ts) or Debian's tools (hostile-names.e2e.test.ts).
 */
export function hostileNamesSuite(validate: (dir: string) => RepoReport | Promise<RepoReport>): void {
  describe('hostile project names', () => {
    const cases = [
      ...HOSTILE.flatMap((projectName) => OPTION_IDS.map((option) => ({ option, projectName }))),
      ...YAML_TRAPS.flatMap((projectName) =>
        (['eks', 'on-prem', 'sagemaker-realtime'] as const).map((option) => ({ option, projectName })),
      ),
    ];
    it.each(cases)(
      '$option with $projectName gives valid files and runs nothing',
      async ({ option, projectName }) => {
        const framework = frameworksFor(option)[0]!;
        const { dir, files } = await generate(option, { projectName, framework });
        try {
          expect(files.every((f) => !f.includes('..') && !f.startsWith('/'))).toBe(true);
          const report = await validate(dir);
          expect(formatProblems(report)).toBe('');
          expect(existsSync(join(tmpdir(), 'pwned-scaffold-a'))).toBe(false);
          expect(existsSync(join(tmpdir(), 'pwned-scaffold-b'))).toBe(false);
          expect(readdirSync(dirname(dir))).toEqual(['repo']);
        } finally {
          rmSync(dirname(dir), { recursive: true, force: true });
        }
      },
    );
  });
}
