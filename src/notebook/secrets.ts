import { tokenize, type Token } from './python.js';

/**
 * Finds credentials in notebook text and redacts them. Everything downstream (findings, evidence,
 * seed code, JSON) works on the redacted text only, so no secret can leak through any of them.
 *
 * In code, a secret inside a string literal replaces the whole literal with `"<redacted:ENV_NAME>"`
 * (still valid Python); the seed code turns that marker into `os.environ.get("ENV_NAME", "")`.
 */

export type SecretKind =
  | 'aws-access-key'
  | 'github-token'
  | 'huggingface-token'
  | 'openai-key'
  | 'slack-token'
  | 'google-api-key'
  | 'private-key'
  | 'secret-assignment';

export interface SecretHit {
  kind: SecretKind;
  /** 1-based line within the cell. */
  line: number;
  /** Environment variable the seed code reads instead. */
  envName: string;
}

export const SECRET_LABELS: Record<SecretKind, string> = {
  'aws-access-key': 'an AWS access key id',
  'github-token': 'a GitHub token',
  'huggingface-token': 'a Hugging Face token',
  'openai-key': 'an OpenAI API key',
  'slack-token': 'a Slack token',
  'google-api-key': 'a Google API key',
  'private-key': 'a private key block',
  'secret-assignment': 'a hard-coded secret',
};

interface StrongPattern {
  kind: SecretKind;
  pattern: RegExp;
  envName: string;
}

const STRONG: StrongPattern[] = [
  {
    kind: 'aws-access-key',
    pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g,
    envName: 'AWS_ACCESS_KEY_ID',
  },
  {
    kind: 'github-token',
    pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b/g,
    envName: 'GITHUB_TOKEN',
  },
  { kind: 'github-token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g, envName: 'GITHUB_TOKEN' },
  { kind: 'huggingface-token', pattern: /\bhf_[A-Za-z0-9]{30,}\b/g, envName: 'HF_TOKEN' },
  { kind: 'openai-key', pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}/g, envName: 'OPENAI_API_KEY' },
  { kind: 'slack-token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, envName: 'SLACK_TOKEN' },
  { kind: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, envName: 'GOOGLE_API_KEY' },
  {
    kind: 'private-key',
    pattern:
      /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
    envName: 'PRIVATE_KEY',
  },
];

const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
]);
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'auth',
  'client',
  'account',
  'master',
  'signing',
]);
const NOT_SECRET_TOKENS = new Set([
  'pad',
  'eos',
  'bos',
  'unk',
  'sep',
  'cls',
  'mask',
  'special',
  'start',
  'end',
  'max',
  'num',
  'new',
]);

/** Trailing parts that do not change what a name holds: `password_value`, `api_key_str`. */
const NEUTRAL_SUFFIXES = new Set(['value', 'str', 'string', 'plain', 'raw', 'text', 'env', 'var']);

/**
 * Whether an identifier (variable, keyword argument, dict key) names a credential: the secret word
 * must be the last part (`db_password`, `hf_token`, `client_secret`, `api_key`), so `token_url`,
 * `secret_path` or `max_tokens` are not credentials.
 */
export function isSecretName(name: string): boolean {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  while (parts.length > 1 && NEUTRAL_SUFFIXES.has(parts[parts.length - 1]!)) parts.pop();
  const last = parts[parts.length - 1];
  const prev = parts[parts.length - 2];
  if (!last) return false;
  if (last === 'token') return !(prev && NOT_SECRET_TOKENS.has(prev));
  if (SECRET_WORDS.has(last)) return true;
  if (last === 'key' && prev !== undefined && KEY_QUALIFIERS.has(prev)) return true;
  return last === 'pass' && parts.length === 1;
}

const PLACEHOLDER =
  /^(?:<[^>]*>|\$\{?[\w.]*\}?|\{[^}]*\}|x{3,}|\*{3,}|\.{3}|none|null|test|password|secret|token|changeme|\[[a-z]+\])$|your[_\s-]|placeholder|example|changeme|dummy|redacted|xxxx|\*\*\*|<[a-z_ -]+>/i;

/** A literal value assigned to a secret-looking name that is a real value, not a placeholder. */
export function looksLikeSecretValue(name: string, value: string): boolean {
  const v = value.trim();
  if (v.length < 4 || /\s/.test(v) || PLACEHOLDER.test(v)) return false;
  const lower = name.toLowerCase();
  const isPassword = /pass|pwd/.test(lower);
  // Keys and tokens are long and nearly always hold a digit; a plain word (`"Authorization"`) is not one.
  if (!isPassword && (v.length < 8 || (!/\d/.test(v) && v.length < 20))) return false;
  // Paths, URLs without credentials and file names are configuration, not secrets.
  if (/^(?:\.{0,2}\/|~\/|[a-z]+:\/\/[^@]*$)/i.test(v) || /\.(?:json|txt|pem|key|cfg|ini|yaml|yml)$/i.test(v))
    return false;
  return true;
}

export interface RedactionResult {
  text: string;
  hits: SecretHit[];
}

/** Redacts secrets in a code cell (Python, possibly with magics and shell escapes). */
export function redactCode(source: string): RedactionResult {
  const tokens = tokenize(source);
  const replacements: { start: number; end: number; text: string }[] = [];
  const hits: SecretHit[] = [];
  for (let k = 0; k < tokens.length; k += 1) {
    const t = tokens[k]!;
    if (t.type === 'string') {
      const strong = strongIn(t.text);
      const context = strong ? undefined : secretContext(tokens, k);
      if (strong || context) {
        const envName = strong?.envName ?? envNameFor(context!);
        hits.push({ kind: strong?.kind ?? 'secret-assignment', line: t.line, envName });
        replacements.push({ start: t.start, end: t.end, text: `"<redacted:${envName}>"` });
      }
    } else if (t.type === 'comment') {
      const { text, found } = redactStrong(t.text);
      if (found.length > 0) {
        for (const kind of found) hits.push({ kind: kind.kind, line: t.line, envName: kind.envName });
        replacements.push({ start: t.start, end: t.end, text });
      }
    }
  }
  let text = applyReplacements(source, replacements);
  // Whatever the tokenizer could not place (shell escapes, magics, odd quoting) is caught on the text.
  const rest = redactText(text, true);
  text = rest.text;
  hits.push(...rest.hits);
  hits.sort((a, b) => a.line - b.line);
  return { text, hits };
}

/** Redacts secrets in free text (markdown, raw cells, shell lines, outputs). */
export function redactText(text: string, shellOnly = false): RedactionResult {
  const hits: SecretHit[] = [];
  let out = text;
  for (const { kind, pattern, envName } of STRONG) {
    const lineOf = lineFinder(out);
    out = out.replace(pattern, (_match: string, ...rest: unknown[]) => {
      hits.push({ kind, line: lineOf(rest[rest.length - 2] as number), envName });
      return '<redacted>';
    });
  }
  // `NAME=value`, `NAME: value`, `%env NAME value`, `export NAME=value` with a secret-looking NAME.
  const assignment = /(^|[\s,{;(])(["']?)([A-Za-z_][\w.-]*)\2(\s*[=:]\s*|\s+)(["']?)([^\s"',;)}]+)\5/gm;
  const lines = out.split('\n');
  const kept: string[] = [];
  lines.forEach((line, k) => {
    const isShell = /^\s*(?:!|%)/.test(line);
    if (shellOnly && !isShell) {
      kept.push(line);
      return;
    }
    kept.push(
      line.replace(
        assignment,
        (whole, lead: string, q1: string, name: string, sep: string, q2: string, value: string) => {
          if (/^\s+$/.test(sep) && !isShell) return whole;
          if (!isSecretName(name) || value.startsWith('<redacted') || !looksLikeSecretValue(name, value))
            return whole;
          hits.push({ kind: 'secret-assignment', line: k + 1, envName: envNameFor(name) });
          return `${lead}${q1}${name}${q1}${sep}${q2}<redacted>${q2}`;
        },
      ),
    );
  });
  return { text: kept.join('\n'), hits };
}

/** Offset to 1-based line, by binary search over the newline positions. */
function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function strongIn(text: string): StrongPattern | undefined {
  return STRONG.find(({ pattern }) => {
    pattern.lastIndex = 0;
    const found = pattern.test(text);
    pattern.lastIndex = 0;
    return found;
  });
}

function redactStrong(text: string): { text: string; found: StrongPattern[] } {
  const found: StrongPattern[] = [];
  let out = text;
  for (const p of STRONG) {
    out = out.replace(p.pattern, () => {
      found.push(p);
      return '<redacted>';
    });
  }
  return { text: out, found };
}

/**
 * The secret-looking name a string literal is bound to, if any: `name = "v"`, `name: str = "v"`,
 * `f(name="v")`, `{"name": "v"}`, `os.environ["NAME"] = "v"`, `obj.name = "v"`.
 */
function secretContext(tokens: Token[], k: number): string | undefined {
  const value = tokens[k]!.value;
  if (value === undefined) return undefined;
  const prev = tokens[k - 1];
  const prev2 = tokens[k - 2];
  let name: string | undefined;
  if (prev?.type === 'op' && (prev.text === '=' || prev.text === ':' || prev.text === ':=')) {
    if (prev2?.type === 'name') name = prev2.text;
    else if (prev2?.type === 'string' && prev2.value !== undefined) name = prev2.value;
    else if (prev2?.type === 'op' && prev2.text === ']') {
      const key = tokens[k - 3];
      if (key?.type === 'string' && key.value !== undefined) name = key.value;
    }
  }
  // Annotated assignment: name: str = "v"
  if (
    !name &&
    prev?.type === 'op' &&
    prev.text === '=' &&
    tokens[k - 3]?.text === ':' &&
    tokens[k - 4]?.type === 'name'
  ) {
    name = tokens[k - 4]!.text;
  }
  if (!name || !isSecretName(name) || !looksLikeSecretValue(name, value)) return undefined;
  return name;
}

export function envNameFor(name: string): string {
  const env = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[A-Z_][A-Z0-9_]*$/.test(env) ? env : 'SECRET';
}

function applyReplacements(
  source: string,
  replacements: { start: number; end: number; text: string }[],
): string {
  let out = '';
  let at = 0;
  for (const r of [...replacements].sort((a, b) => a.start - b.start)) {
    if (r.start < at) continue;
    out += source.slice(at, r.start) + r.text;
    at = r.end;
  }
  return out + source.slice(at);
}
