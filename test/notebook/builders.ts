/**
 * Small builders for notebooks written by the tests. Fake credentials are assembled from pieces at
 * run time so that no secret-looking string is committed to the repository.
 */

export interface CellSpec {
  cell_type: 'code' | 'markdown' | 'raw';
  source: string | string[];
  execution_count?: number | null;
  outputs?: unknown[];
  metadata?: Record<string, unknown>;
}

export function code(
  source: string,
  executionCount: number | null = null,
  outputs: unknown[] = [],
): CellSpec {
  return {
    cell_type: 'code',
    source: toLines(source),
    execution_count: executionCount,
    outputs,
    metadata: {},
  };
}

export function markdown(source: string): CellSpec {
  return { cell_type: 'markdown', source: toLines(source), metadata: {} };
}

export function stream(text: string): unknown {
  return { name: 'stdout', output_type: 'stream', text: toLines(text) };
}

export function notebook(cells: CellSpec[], metadata: Record<string, unknown> = PYTHON_METADATA): string {
  return JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

export const PYTHON_METADATA = {
  kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
  language_info: { name: 'python', version: '3.11.2' },
};

function toLines(source: string): string[] {
  const parts = source.split('\n');
  return parts.map((line, k) => (k < parts.length - 1 ? `${line}\n` : line)).filter((l) => l !== '');
}

/** Deterministic fake credentials of each kind, built from fragments. */
export function fakeSecrets(seed = 'Q7') {
  const alnum = (n: number, salt: string) => {
    const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
    let x = [...salt].reduce((a, c) => a * 31 + c.charCodeAt(0), 7) >>> 0;
    let out = '';
    for (let k = 0; k < n; k += 1) {
      x = (x * 1103515245 + 12345) >>> 0;
      out += chars[x % chars.length];
    }
    return out;
  };
  const upper = (n: number, salt: string) =>
    alnum(n, salt)
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, 'X');
  return {
    awsKeyId: ['AK', 'IA', upper(16, `${seed}aws`)].join(''),
    awsSecret: [alnum(20, `${seed}s1`), '/', alnum(19, `${seed}s2`)].join(''),
    github: ['gh', 'p_', alnum(36, `${seed}gh`)].join(''),
    huggingface: ['h', 'f_', alnum(34, `${seed}hf`)].join(''),
    openai: ['s', 'k-', alnum(32, `${seed}oa`)].join(''),
    password: `Pw-${alnum(10, `${seed}pw`)}!`,
    apiKey: alnum(32, `${seed}api`),
    dbPassword: `db${alnum(12, `${seed}db`)}`,
    privateKeyBody: alnum(64, `${seed}pk`),
    envToken: alnum(24, `${seed}env`),
  };
}

export function privateKeyBlock(body: string): string {
  const dashes = '-'.repeat(5);
  return `${dashes}BEGIN RSA PRIVATE KEY${dashes}\n${body}\n${body.split('').reverse().join('')}\n${dashes}END RSA PRIVATE KEY${dashes}`;
}
