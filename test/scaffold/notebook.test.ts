import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { code, fakeSecrets, markdown, notebook } from '../notebook/builders.js';
import { runCli } from '../support/run-cli.js';

/** scaffold --from-notebook: the notebook's code seeds the repo, its findings go to the README. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => join(dir, rel))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path, 'utf8'))
    .join('\n');
}

describe('scaffold --from-notebook', () => {
  const secrets = fakeSecrets('SC');
  const work = mkdtempSync(join(tmpdir(), 'mlda-scaffold-nb-'));
  const nb = join(work, 'churn.ipynb');
  writeFileSync(
    nb,
    notebook([
      markdown('# Churn model'),
      code('import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\nimport joblib', 1),
      code(`AWS_ACCESS_KEY_ID = "${secrets.awsKeyId}"\ndf = pd.read_csv("/home/ana/churn.csv")`, 2),
      code('def features(frame):\n    return frame[["tenure", "spend"]].to_numpy()', 3),
      code(
        'model = LogisticRegression().fit(features(df), df["churned"])\njoblib.dump(model, "model.joblib")',
        4,
      ),
    ]),
  );
  const answers = join(work, 'answers.yaml');
  writeFileSync(
    answers,
    'requestsPerSecond: 5\nlatencyP95Ms: 300\nmonthlyBudgetUsd: 400\nprojectName: churn\n',
  );
  const out = join(work, 'repo');
  const result = runCli([
    'scaffold',
    '--answers',
    answers,
    '--from-notebook',
    nb,
    '--target',
    'ecs-fargate',
    '--out',
    out,
  ]);

  it('writes the repository with the notebook code and findings', () => {
    expect(result.code, result.stderr).toBe(0);
    const seed = readFileSync(join(out, 'app', 'notebook_code.py'), 'utf8');
    expect(seed).toMatch(/def features\(frame\)/);
    execFileSync('/usr/bin/python3', ['-m', 'py_compile', join(out, 'app', 'notebook_code.py')]);
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    expect(readme).toMatch(/## From the notebook/);
    expect(readme).toMatch(/cell 3\b.*\/home\/|local path/s);
    expect(readFileSync(join(out, 'docs', 'RECOMMENDATION.md'), 'utf8')).toMatch(/sklearn/);
  });

  it('copies no credential anywhere', () => {
    expect(allText(out)).not.toContain(secrets.awsKeyId);
    expect(result.stdout + result.stderr).not.toContain(secrets.awsKeyId);
  });
});
