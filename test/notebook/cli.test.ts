import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { runCli } from '../support/run-cli.js';
import { runInProcess } from '../support/run-main.js';
import { code, fakeSecrets, markdown, notebook, stream } from './builders.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures', 'notebooks');

/** The built CLI, as a process: a malformed notebook is a user error (exit 2), one line, no stack. */
describe('report --from-notebook with a malformed notebook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nb-cli-'));
  const answers = join(dir, 'answers.yaml');
  writeFileSync(
    answers,
    'framework: sklearn\nrequestsPerSecond: 5\nlatencyP95Ms: 200\nmonthlyBudgetUsd: 300\n',
  );

  const cases: [string, RegExp][] = [
    ['hostile-truncated.ipynb', /not valid JSON.*truncated/],
    ['hostile-nbformat3.ipynb', /notebook format 3 is not supported; only nbformat 4/],
    ['hostile-binary.ipynb', /binary file, not a Jupyter notebook/],
    ['hostile-r-kernel.ipynb', /kernel language is r .*only Python notebooks/],
    ['hostile-not-a-notebook.json', /JSON but not a Jupyter notebook/],
    ['missing.ipynb', /no such file/],
  ];

  it.each(cases)('%s exits 2 and says what is wrong', async (file, message) => {
    const shown = join('test', 'fixtures', 'notebooks', file);
    const result = await runInProcess(
      [
        'report',
        '--answers',
        answers,
        '--out',
        join(dir, `${file}.md`),
        '--from-notebook',
        shown,
        '--pricing',
        'snapshot',
      ],
      { cwd: packageRoot() },
    );
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`^error: --from-notebook ${shown.replace(/[.\\/]/g, '\\$&')}: `),
    );
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at .*\(/); // no stack trace
    expect(result.stdout).toBe('');
  });

  it('uses the path as typed, relative to the working directory', async () => {
    const result = await runInProcess(
      [
        'report',
        '--answers',
        answers,
        '--out',
        join(dir, 'rel.md'),
        '--from-notebook',
        'hostile-binary.ipynb',
      ],
      { cwd: FIXTURES },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --from-notebook hostile-binary\.ipynb: this is a binary file/);
  });
});

describe('report --from-notebook with credentials in the notebook', () => {
  it('writes a report that names the findings but holds no secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-cli-leak-'));
    const s = fakeSecrets('cli');
    writeFileSync(
      join(dir, 'leaky.ipynb'),
      notebook([
        markdown(`Token for the bucket: ${s.github}`),
        code(`import joblib\nfrom sklearn.svm import SVC\nAWS_SECRET_ACCESS_KEY = "${s.awsSecret}"`, 1),
        code(`client = connect(aws_access_key_id="${s.awsKeyId}", password="${s.password}")`, 2),
        code('joblib.dump(SVC(), "model.joblib")', 3, [stream(`key ${s.huggingface}\n`)]),
      ]),
    );
    writeFileSync(
      join(dir, 'a.yaml'),
      'framework: sklearn\nrequestsPerSecond: 5\nlatencyP95Ms: 200\nmonthlyBudgetUsd: 300\n',
    );
    const result = runCli(
      [
        'report',
        '--answers',
        'a.yaml',
        '--out',
        'report.md',
        '--from-notebook',
        'leaky.ipynb',
        '--pricing',
        'snapshot',
      ],
      { cwd: dir },
    );
    expect(result.code, result.stderr).toBe(0);
    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(report).toMatch(/cell 2/);
    for (const secret of [s.github, s.awsSecret, s.awsKeyId, s.password, s.huggingface]) {
      expect(report).not.toContain(secret);
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
  });
});
