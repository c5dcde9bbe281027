import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { code, fakeSecrets, markdown, notebook } from '../notebook/builders.js';
import { runCli, type CliResult } from '../support/run-cli.js';

/** Runs `scaffold --from-notebook` on a small notebook that holds a credential. */
export function scaffoldFromNotebook(): {
  out: string;
  result: CliResult;
  secrets: ReturnType<typeof fakeSecrets>;
} {
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
  return { out, result, secrets };
}
