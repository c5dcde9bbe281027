import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeNotebook,
  answersFromNotebook,
  formatFindings,
  loadNotebookAnswers,
  notebookCode,
  type NotebookAnalysis,
} from '../../src/notebook/index.js';
import { code, markdown, notebook, stream } from './builders.js';
import { NB, S } from './leaky-notebook.js';

/** Every string the module can hand to a user or a file. */
function everyOutput(a: NotebookAnalysis): string[] {
  return [
    JSON.stringify(a),
    formatFindings(a.findings),
    formatFindings(a.findings, 'markdown'),
    JSON.stringify(answersFromNotebook(a)),
    notebookCode(a),
  ];
}

function assertNoSecret(outputs: string[], secrets: string[]): void {
  for (const output of outputs) {
    for (const secret of secrets) {
      expect(output.includes(secret), `a secret leaked: ${secret.slice(0, 4)}…`).toBe(false);
    }
  }
}

const ALL_SECRETS = [
  S.awsKeyId,
  S.awsSecret,
  S.github,
  S.huggingface,
  S.openai,
  S.password,
  S.apiKey,
  S.dbPassword,
  S.privateKeyBody,
  S.envToken,
];

describe('credentials in a notebook', () => {
  const a = analyzeNotebook(NB, 'leaky.ipynb');

  it('are reported with cell and line, as errors', () => {
    const hits = a.findings.filter((f) => f.kind === 'credential').map((f) => `${f.cell}:${f.line ?? '-'}`);
    expect(hits).toEqual([
      '1:2', // GitHub token in markdown
      '1:3', // password: in markdown
      '2:1', // AKIA key id
      '2:2', // AWS secret assigned to a secret-looking name
      '3:2', // login(token="hf_...")
      '4:2', // "api_key": ...
      '4:2', // "db_password": ...
      '4:3', // os.environ["OPENAI_API_KEY"] = "sk-..."
      '5:1', // private key block
      '6:2', // password inside a function body
      '7:1', // %env HF_TOKEN=hf_...
      '7:2', // ghp_ in a shell escape
      '7:3', // export API_KEY=...
      '8:-', // the output shows an AWS key id (cell-level findings sort first)
      '8:1', // sk- in a comment
    ]);
    expect(a.findings.filter((f) => f.kind === 'credential').every((f) => f.severity === 'error')).toBe(true);
  });

  it('never appear in findings, answers, JSON or generated code', async () => {
    assertNoSecret(everyOutput(a), ALL_SECRETS);
    const dir = mkdtempSync(join(tmpdir(), 'nb-secrets-'));
    const path = join(dir, 'leaky.ipynb');
    writeFileSync(path, NB);
    const loaded = await loadNotebookAnswers(path);
    assertNoSecret([JSON.stringify(loaded), notebookCode(loaded.analysis)], ALL_SECRETS);
  });

  it('are read from the environment in the seed code (secrets.e2e.test.ts compiles it)', () => {
    const source = notebookCode(a);
    expect(source).toContain('password = os.environ.get("PASSWORD", "")');
    expect(source).toMatch(/# TODO: a credential was here/);
  });

  it('still leave the rest of the analysis intact', () => {
    expect(a.framework?.value).toBe('sklearn');
    expect(a.primarySave).toMatchObject({ format: 'joblib', path: 'model.joblib', cell: 9 });
  });
});

describe('placeholders and look-alikes are not credentials', () => {
  it('ignores placeholders, env lookups and tokenizer vocabulary', () => {
    const a = analyzeNotebook(
      notebook([
        code(
          [
            'import os',
            'api_key = os.environ["API_KEY"]',
            'password = "<YOUR_PASSWORD>"',
            'token = "YOUR_TOKEN_HERE"',
            'pad_token = "[PAD]"',
            'max_tokens = 512',
            'tokenizer = "bert-base-uncased"',
            'secret_path = "./secrets.json"',
            'hub_token = ""',
            'token_url = "https://oauth2.googleapis.com/token"',
            'auth_token_header = "Authorization"',
            'api_key_name = "x-api-key-2024"',
            'credentials_file = "service-account.json"',
          ].join('\n'),
          1,
        ),
      ]),
      'ok.ipynb',
    );
    expect(a.findings.filter((f) => f.kind === 'credential')).toEqual([]);
  });
});

describe('property: no generated credential ever leaks', () => {
  const body = (n: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${n}}$`));
  const secretArb = fc.oneof(
    body(16).map((b) => 'AKIA' + b.toUpperCase()),
    body(36).map((b) => 'ghp_' + b),
    body(34).map((b) => 'hf_' + b),
    body(30).map((b) => 'sk-' + b),
  );
  const contextArb = fc.constantFrom(
    (s: string) => code(`key = "${s}"`, 1),
    (s: string) => code(`client = make_client(api_key='${s}')`, 1),
    (s: string) => code(`settings = {"token": "${s}"}`, 1),
    (s: string) => code(`x = 1  # ${s}`, 1),
    (s: string) => code(`!echo ${s}`, 1),
    (s: string) => code(`def f():\n    return "${s}"`, 1),
    (s: string) => markdown(`use ${s} to log in`),
    (s: string) => code('print(1)', 1, [stream(`leaked ${s}\n`)]),
  );

  it('holds for random keys in random places', () => {
    fc.assert(
      fc.property(secretArb, contextArb, (secret, context) => {
        const a = analyzeNotebook(notebook([context(secret)]), 'p.ipynb');
        for (const output of everyOutput(a)) expect(output).not.toContain(secret);
        expect(a.findings.some((f) => f.kind === 'credential')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('property: secrets known only by their context never leak', () => {
  // Values with no shape of their own: only the place they stand in says they are secrets.
  const secretArb = fc.stringMatching(/^[A-Za-z0-9]{12,24}$/).map((s) => `Q9${s}`);
  const contextArb = fc.constantFrom(
    (s: string) => code(`r = requests.get('https://api.example.com/data?api_key=${s}&x=1')`, 1),
    (s: string) => code(`df = pd.read_csv("https://h.example.com/f.csv?x=1&token=${s}")`, 1),
    (s: string) => code(`!curl https://x.example.com/?token=${s} -o data.csv`, 1),
    (s: string) => code(`!curl -H 'X-Api-Key: ${s}' https://x.example.com`, 1),
    (s: string) => code(`!curl -H "Authorization: ${s}" https://x.example.com`, 1),
    (s: string) => code(`!curl -H 'Cookie: session=${s}' https://x.example.com`, 1),
    (s: string) => code(`!curl -u bob:${s} https://x.example.com`, 1),
    (s: string) => code(`!curl --user bob:${s} https://x.example.com`, 1),
    (s: string) => code(`!wget --password=${s} https://x.example.com/model.bin`, 1),
    (s: string) => code(`!wget --http-password ${s} https://x.example.com/model.bin`, 1),
    (s: string) => code(`!tool --token=${s} fetch`, 1),
    (s: string) => code(`!tool --secret ${s} fetch`, 1),
    (s: string) => markdown(`download from https://x.example.com/d?signature=${s}`),
  );

  it('holds for query parameters, auth headers, curl -u and secret flags', () => {
    fc.assert(
      fc.property(secretArb, contextArb, (secret, context) => {
        const a = analyzeNotebook(notebook([context(secret)]), 'p.ipynb');
        for (const output of everyOutput(a)) expect(output).not.toContain(secret);
        expect(a.findings.some((f) => f.kind === 'credential')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves the shell command readable, reading the secret from the environment', () => {
    const a = analyzeNotebook(
      notebook([
        code("!curl -H 'X-Api-Key: Q9SECRET17CURLHDR' -u bob:Q9SECRET18CURLU https://x.example.com", 1),
      ]),
      'p.ipynb',
    );
    const shell = a.findings.find((f) => f.kind === 'shell-escape')!;
    expect(shell.message).toContain("!curl -H 'X-Api-Key: ${X_API_KEY}' -u bob:${HTTP_PASSWORD}");
  });
});

describe('an auth header after a URL on the same shell line', () => {
  it('is still found: the URL is not taken for a header that hides the rest of the line', () => {
    const a = analyzeNotebook(
      notebook([code('!curl https://x.example.com/a -H X-Api-Key:Q9SECRETAFTERURL1 -o f', 1)]),
      'p.ipynb',
    );
    for (const output of everyOutput(a)) expect(output).not.toContain('Q9SECRETAFTERURL1');
  });
});
