import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { code, fakeSecrets, notebook } from '../notebook/builders.js';
import { runInProcess } from '../support/run-main.js';
import { lintMarkdown, sections } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'mlda-report-nb-'));
const S = fakeSecrets('report');
const nbPath = join(dir, 'train.ipynb');
writeFileSync(
  nbPath,
  notebook([
    code(`AWS_ACCESS_KEY_ID = "${S.awsKeyId}"\nAWS_SECRET_ACCESS_KEY = "${S.awsSecret}"`, 1),
    code(
      `import joblib\nfrom sklearn.linear_model import LogisticRegression\nmodel = LogisticRegression()\ntoken = "${S.huggingface}"\njoblib.dump(model, "model.joblib")`,
      2,
    ),
  ]),
);
const answersWithout = join(dir, 'no-framework.yaml');
writeFileSync(answersWithout, 'requestsPerSecond: 5\nlatencyP95Ms: 300\nmonthlyBudgetUsd: 200\n');
const answersWith = join(dir, 'xgboost.yaml');
writeFileSync(
  answersWith,
  'framework: xgboost\nrequestsPerSecond: 5\nlatencyP95Ms: 300\nmonthlyBudgetUsd: 200\n',
);

async function report(answers: string, name: string) {
  const out = join(dir, name);
  const result = await runInProcess([
    'report',
    '--answers',
    answers,
    '--from-notebook',
    nbPath,
    '--out',
    out,
    '--pricing',
    'snapshot',
  ]);
  expect(result.code, result.stderr).toBe(0);
  return readFileSync(out, 'utf8');
}

describe('report --from-notebook', () => {
  it('fills what the answers file leaves out, says so, and lists the findings without any credential', async () => {
    const text = await report(answersWithout, 'from-notebook.md');
    const inputs = sections(text).get('Appendix C: inputs as understood')!;
    expect(inputs).toMatch(/^\| `framework` \| sklearn \| .* \| from the notebook \|$/m);
    const nb = sections(text).get('From the notebook')!;
    expect(nb).toMatch(/\| `framework` \| sklearn \| cell 2 \|/);
    expect(nb).toMatch(/\*\*error\*\* \(cell 1\): an AWS access key id/);
    for (const secret of [S.awsKeyId, S.awsSecret, S.huggingface]) expect(text).not.toContain(secret);
    expect(await lintMarkdown(text)).toEqual([]);
  });

  it('an answer in the file wins over the notebook', async () => {
    const text = await report(answersWith, 'file-wins.md');
    expect(sections(text).get('Appendix C: inputs as understood')).toMatch(
      /^\| `framework` \| xgboost \| .* \| answered \|$/m,
    );
  });

  it('a notebook that is not one exits 2 naming the flag', async () => {
    const bad = join(dir, 'bad.ipynb');
    writeFileSync(bad, '{"cells": [');
    const result = await runInProcess([
      'report',
      '--answers',
      answersWith,
      '--from-notebook',
      bad,
      '--out',
      join(dir, 'x.md'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--from-notebook');
  });
});
