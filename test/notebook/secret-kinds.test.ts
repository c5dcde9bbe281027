import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeNotebook,
  answersFromNotebook,
  formatDependencies,
  formatFindings,
  notebookCode,
  type NotebookAnalysis,
} from '../../src/notebook/index.js';
import { code, markdown, notebook, stream, type CellSpec } from './builders.js';
import { everyCommand } from './run-in-process.js';

/**
 * Every kind of secret the review found leaking, in every place a notebook holds text. Values are
 * assembled at run time from random parts, so nothing key-shaped is committed.
 */

const alnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`));
const base64 = (n: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9+/]{${n}}$`));

interface Planted {
  /** What must never appear in any output. */
  secret: string;
  cells: CellSpec[];
}

type Kind = (s: string) => Planted;

/** Kinds with the text to plant: `s` is the random secret part. */
const KINDS: Record<string, { secret: fc.Arbitrary<string>; plant: Kind }> = {
  'database URL password': {
    secret: alnum(8, 16).map((s) => `Pw9${s}`),
    plant: (s) => ({
      secret: s,
      cells: [
        code(
          `from sqlalchemy import create_engine\ndef engine():\n    return create_engine("postgresql://etl:${s}@db.internal:5432/sales")`,
          1,
        ),
        code(`MONGO = "mongodb+srv://app:${s}@cluster0.example.net/db"`, 2),
      ],
    }),
  },
  'Bearer token': {
    secret: alnum(20, 40).map((s) => `${s}7Q`),
    plant: (s) => ({
      secret: s,
      cells: [
        code(
          `import requests\ndef call(url):\n    return requests.get(url, headers={"Authorization": "Bearer ${s}"})`,
          1,
        ),
        markdown(`Call it with \`Authorization: Bearer ${s}\``),
      ],
    }),
  },
  'Azure storage key': {
    secret: base64(86).map((s) => `${s.slice(0, 40)}aZ9/${s.slice(44)}==`),
    plant: (s) => ({
      secret: s.slice(0, 40),
      cells: [
        code(
          `def blob():\n    conn = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${s};EndpointSuffix=core.windows.net"\n    return conn`,
          1,
        ),
      ],
    }),
  },
  'AWS secret key and session token passed positionally': {
    secret: base64(36).map((s) => `aB3/${s}`),
    plant: (s) => ({
      secret: s,
      cells: [
        code(
          `import boto3\ndef s3():\n    return boto3.client("s3", "eu-west-1", None, True, None, None, "${['AK', 'IA'].join('')}ABCDEFGHIJKLMNOP", "${s}", "${['IQoJ', 'b3JpZ2lu'].join('')}${s}${s}${s}")`,
          1,
        ),
      ],
    }),
  },
  'passwd=f"..."': {
    secret: alnum(10, 16).map((s) => `Pw9${s}`),
    plant: (s) => ({
      secret: s,
      cells: [
        code(`import pymysql\ndef db(n):\n    return pymysql.connect(user="me", passwd=f"${s}{n}")`, 1),
      ],
    }),
  },
  'custom header token': {
    secret: alnum(20, 32).map((s) => `${s}4x`),
    plant: (s) => ({
      secret: s,
      cells: [
        code(`def headers():\n    return {"X-Api-Key": "${s}", "Ocp-Apim-Subscription-Key": "${s}"}`, 1),
      ],
    }),
  },
  'GitLab token': {
    secret: alnum(20, 24).map((s) => ['gl', 'pat-', s].join('')),
    plant: (s) => ({
      secret: s,
      cells: [
        code(`def gl():\n    return {"PRIVATE-TOKEN": "${s}"}`, 1),
        code('print("token")', 2, [stream(`${s}\n`)]),
      ],
    }),
  },
  'password in a pip install URL': {
    secret: alnum(10, 16).map((s) => `Pw9${s}`),
    plant: (s) => ({
      secret: s,
      cells: [
        code(`!pip install git+https://alice:${s}@gitlab.example.com/ml/features.git\nimport features`, 1),
        code(`# clone with https://alice:${s}@gitlab.example.com/ml/features.git`, 2),
      ],
    }),
  },
};

function everyOutput(a: NotebookAnalysis): string {
  return [
    JSON.stringify(a),
    formatFindings(a.findings),
    formatFindings(a.findings, 'markdown'),
    formatDependencies(a.dependencies),
    JSON.stringify(answersFromNotebook(a)),
    notebookCode(a),
  ].join('\n');
}

describe('property: no secret of any listed kind reaches any output', () => {
  it.each(Object.entries(KINDS))('%s', (_name, { secret, plant }) => {
    fc.assert(
      fc.property(secret, (s) => {
        const planted = plant(s);
        const a = analyzeNotebook(notebook(planted.cells), 'leaky.ipynb');
        expect(everyOutput(a)).not.toContain(planted.secret);
        expect(a.findings.some((f) => f.kind === 'credential')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  // Found by the property above (seed 1374796606): a key holding `xXXX` by chance was taken for a
  // masked placeholder such as `sk-xxxxxxxx`, and leaked.
  it.each(['0aaaxXXXaa0A0AA000A04x', 'k9XxXxQ2mPl0zzR7Tt4x'])(
    'redacts the key %s with x of mixed case',
    (s) => {
      const planted = KINDS['custom header token']!.plant(s);
      const a = analyzeNotebook(notebook(planted.cells), 'leaky.ipynb');
      expect(everyOutput(a)).not.toContain(s);
    },
  );

  it.each(['sk-xxxxxxxxxxxxxxxx', 'key-XXXXXXXXXXXX-2024'])(
    'still reads the mask %s as a placeholder',
    (s) => {
      const a = analyzeNotebook(notebook([code(`headers = {"X-Api-Key": "${s}"}`, 1)]), 'masked.ipynb');
      expect(a.findings.some((f) => f.kind === 'credential')).toBe(false);
    },
  );

  it('keeps the code around the secret and reads the secret from the environment', () => {
    const source = notebookCode(
      analyzeNotebook(notebook(KINDS['database URL password']!.plant('Pw9abcdefgh12').cells), 'db.ipynb'),
    );
    expect(source).toContain(
      'create_engine(("postgresql://etl:" + os.environ.get("DB_PASSWORD", "") + "@db.internal:5432/sales"))',
    );
    const shell = analyzeNotebook(
      notebook(KINDS['password in a pip install URL']!.plant('Pw9abcdefgh12').cells),
      'pip.ipynb',
    );
    expect(formatFindings(shell.findings)).toContain('git+https://alice:${URL_PASSWORD}@gitlab');
  });
});

describe('no secret in any file or stream of recommend --json, report and scaffold', () => {
  it('holds for a notebook with every kind at once', async () => {
    const samples = {
      'database URL password': 'Pw9dbSecret2024x',
      'Bearer token': 'eyJhbGciOiJIUzI1NiJ9x7Qk3LmN9pQrStUv',
      'Azure storage key': `${'Ab1+Cd2/'.repeat(10)}Ef3+Gh==`,
      'AWS secret key and session token passed positionally': 'aB3/wJalrXUtnFEMIK7MDENGbPxRfiCYzq12Kp9L',
      'passwd=f"..."': 'Pw9fstringSecret',
      'custom header token': 'hdrKey0123456789abcdEF4x',
      'GitLab token': ['gl', 'pat-', 'Zx9Yw8Vu7Ts6Rq5Po4Nm'].join(''),
      'password in a pip install URL': 'Pw9pipSecret77',
    } as const;
    const planted = Object.entries(samples).map(([kind, s]) => KINDS[kind]!.plant(s));
    const cells: CellSpec[] = planted
      .flatMap((p) => p.cells)
      .map((c, k) => ({ ...c, execution_count: c.cell_type === 'code' ? k + 1 : null }));
    cells.push(
      code(
        'import joblib\nfrom sklearn.linear_model import LogisticRegression\njoblib.dump(LogisticRegression(), "model.joblib")',
        99,
      ),
    );
    const dir = mkdtempSync(join(tmpdir(), 'nb-leak-'));
    const path = join(dir, 'leaky.ipynb');
    writeFileSync(path, notebook(cells));
    const run = await everyCommand(path);
    expect(run.json.code, run.json.stderr).toBe(0);
    expect(run.scaffold.code, run.scaffold.stderr).toBe(0);
    const everything = [
      run.json.stdout,
      run.json.stderr,
      run.report.stdout,
      run.report.stderr,
      run.reportText,
      run.scaffold.stdout,
      run.scaffold.stderr,
      ...run.files.values(),
    ].join('\n');
    expect(run.files.size).toBeGreaterThan(10);
    for (const p of planted) expect(everything, `leaked ${p.secret.slice(0, 4)}…`).not.toContain(p.secret);
    expect(run.json.stderr).toMatch(/credential|a password in a URL/);
  }, 60_000);
});
