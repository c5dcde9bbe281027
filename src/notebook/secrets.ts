import { forEachToken, type Token } from './python.js';

/**
 * Finds credentials in notebook text and redacts them. Everything downstream (findings, evidence,
 * seed code, JSON, the report, the scaffold) works on the redacted text only, so no secret can leak
 * through any of them.
 *
 * Two ways to recognise a secret:
 * - by shape: the value itself says what it is (`AKIA...`, `ghp_...`, `glpat-...`, a password in a
 *   URL's userinfo, `Bearer <token>`, an Azure `AccountKey=`, a 40-character AWS secret key...),
 *   wherever it stands. A shape match is a secret even when it contains "EXAMPLE": it is reported
 *   as a credential that looks like a documentation example, never copied.
 * - by context: a literal bound to a secret-looking name (`db_password = "..."`, `passwd=f"..."`,
 *   `{"X-Api-Key": "..."}`), unless the value is a placeholder.
 *
 * secretlint's recommended preset was measured against the kinds listed here: it finds database
 * URLs and URL userinfo but not Bearer or custom-header tokens, Azure keys, GitLab tokens or AWS
 * secrets passed positionally, and it is asynchronous, so the shapes are kept in this one table.
 *
 * In code, a secret inside a string literal is replaced by `"<redacted:ENV_NAME>"` (still valid
 * Python; the rest of the literal is kept around it as a concatenation); the seed code turns the
 * marker into `os.environ.get("ENV_NAME", "")`. In shell escapes the value becomes `${ENV_NAME}`, so
 * the command reads it from the environment; elsewhere (markdown, outputs) it becomes `<redacted>`.
 */

export type SecretKind =
  | 'aws-access-key'
  | 'aws-secret-key'
  | 'aws-session-token'
  | 'azure-key'
  | 'github-token'
  | 'gitlab-token'
  | 'huggingface-token'
  | 'openai-key'
  | 'slack-token'
  | 'google-api-key'
  | 'private-key'
  | 'url-password'
  | 'bearer-token'
  | 'url-query-secret'
  | 'header-secret'
  | 'flag-secret'
  | 'secret-assignment';

export interface SecretHit {
  kind: SecretKind;
  /** 1-based line within the cell. */
  line: number;
  /** Environment variable the seed code reads instead. */
  envName: string;
  /** The value contains "EXAMPLE" (e.g. AWS's published sample keys) but has a real key's shape. */
  example?: boolean;
}

export const SECRET_LABELS: Record<SecretKind, string> = {
  'aws-access-key': 'an AWS access key id',
  'aws-secret-key': 'an AWS secret access key',
  'aws-session-token': 'an AWS session token',
  'azure-key': 'an Azure key',
  'github-token': 'a GitHub token',
  'gitlab-token': 'a GitLab token',
  'huggingface-token': 'a Hugging Face token',
  'openai-key': 'an OpenAI API key',
  'slack-token': 'a Slack token',
  'google-api-key': 'a Google API key',
  'private-key': 'a private key block',
  'url-password': 'a password in a URL',
  'bearer-token': 'an HTTP authorization token',
  'url-query-secret': 'a secret in a URL query parameter',
  'header-secret': 'a secret in an HTTP header',
  'flag-secret': 'a secret passed as a command-line flag',
  'secret-assignment': 'a hard-coded secret',
};

interface Shape {
  kind: SecretKind;
  /** Global regex; when it has a `secret` group, only that part is the secret (the rest is kept). */
  pattern: RegExp;
  envName: string | ((match: RegExpExecArray) => string);
  /** Where the match really ends, for shapes whose extent a bounded regex cannot say. */
  extend?: (text: string, end: number) => number;
  /** Extra check on the secret part (entropy-like rules that a regex says badly), and the whole match. */
  accept?: (secret: string, match: RegExpExecArray) => boolean;
  /**
   * A literal every match holds, and where a match holding the occurrence at `at` would start (-1
   * for none; never before `from`). The pattern is then tried once per occurrence, not at every
   * position: a pattern that must read up to 40 characters before it can fail took seconds on a
   * megabyte that is almost, but never, a match (`a.a.a.a...`).
   */
  anchor?: { literal: string; start: (text: string, at: number, from: number) => number };
  /**
   * Literals one of which every match holds, at most `within` characters after the match's start:
   * the search starts no earlier than `within` before the first of them, and a text without any
   * is not searched. Case-insensitive patterns list only literals without letters.
   */
  holds?: { literals: string[]; within: number };
  /**
   * `anywhere`: the prefix alone makes it a secret, even in bare code. `value`: only inside a
   * string literal, a comment, a shell line, markdown or an output (a bare 40-character name in
   * code is an identifier, not a key).
   */
  where: 'anywhere' | 'value';
}

/** Mixed case and a digit or symbol: what generated keys look like and identifiers and hex digests do not. */
const mixed = (s: string) => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9/+]/.test(s);

/** Values that stand for a secret rather than being one. */
const URL_PLACEHOLDER =
  /^(?:<[^>]*>|\$\{?\w*\}?|\{[^}]*\}|%\(?\w*\)?s?|\*+|x+|\.+|pass(?:word)?|secret|pwd|token|changeme|your[_-]?\w*)$/i;

const DB_SCHEMES =
  /^(?:postgres(?:ql)?|mysql|mariadb|mssql|sqlserver|oracle|mongodb(?:\+srv)?|redis|rediss|amqps?|snowflake|clickhouse|cockroachdb|jdbc|db2|ibm_db_sa|presto|trino|hive|neo4j|bolt)/i;

/**
 * Every pattern below has bounded repeats (`{20,255}`, not `+`) and starts at a literal or a
 * lookbehind: an unbounded repeat over a multi-megabyte token overflowed the regex engine's
 * backtracking stack, and bounded repeats keep each scan linear in the text.
 */
const SHAPES: Shape[] = [
  {
    kind: 'private-key',
    pattern: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g,
    extend: privateKeyEnd,
    envName: 'PRIVATE_KEY',
    where: 'anywhere',
  },
  {
    kind: 'aws-access-key',
    pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g,
    envName: 'AWS_ACCESS_KEY_ID',
    where: 'anywhere',
  },
  {
    kind: 'aws-session-token',
    pattern:
      /(?<![A-Za-z0-9/+])(?:FwoGZXIvYXdzE|IQoJb3JpZ2lu|AQoDYXdzE|AgoJb3JpZ2lu)[A-Za-z0-9/+=]{40,8192}/g,
    envName: 'AWS_SESSION_TOKEN',
    where: 'anywhere',
  },
  {
    kind: 'github-token',
    pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b/g,
    envName: 'GITHUB_TOKEN',
    where: 'anywhere',
  },
  {
    kind: 'github-token',
    pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g,
    envName: 'GITHUB_TOKEN',
    where: 'anywhere',
  },
  {
    kind: 'gitlab-token',
    pattern: /\bgl(?:pat|dt|ptt|rt|cbt|imt|oas|ft|soat|ffct|agent)-[A-Za-z0-9_-]{20,255}/g,
    envName: 'GITLAB_TOKEN',
    where: 'anywhere',
  },
  {
    kind: 'huggingface-token',
    pattern: /\bhf_[A-Za-z0-9]{30,255}\b/g,
    envName: 'HF_TOKEN',
    where: 'anywhere',
  },
  {
    kind: 'openai-key',
    pattern: /\bsk-(?:proj-|ant-|svcacct-)?[A-Za-z0-9_-]{20,512}/g,
    envName: 'OPENAI_API_KEY',
    where: 'anywhere',
  },
  {
    kind: 'slack-token',
    pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,255}/g,
    envName: 'SLACK_TOKEN',
    where: 'anywhere',
  },
  {
    kind: 'google-api-key',
    pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g,
    envName: 'GOOGLE_API_KEY',
    where: 'anywhere',
  },
  {
    // scheme://user:password@host: the password goes, the rest of the URL stays.
    kind: 'url-password',
    // The lookbehind is `\b` before a letter, and holds when the pattern is tried at one position.
    pattern:
      /(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9+.-]{0,40}):\/\/[^\s:@/"'`<>]{0,256}:(?<secret>[^\s@/"'`<>]{1,512})@/y,
    envName: (m) => (DB_SCHEMES.test(m[1] ?? '') ? 'DB_PASSWORD' : 'URL_PASSWORD'),
    accept: (s) => !URL_PLACEHOLDER.test(s),
    anchor: { literal: '://', start: urlSchemeStart },
    where: 'anywhere',
  },
  {
    kind: 'bearer-token',
    pattern: /\b(?:Bearer|Token|token|Basic|Digest)\s{1,16}(?<secret>[A-Za-z0-9._~+/-]{12,2048}={0,3})/g,
    envName: 'API_TOKEN',
    accept: (s) => /[0-9]/.test(s) && /[A-Za-z]/.test(s) && !/^(?:https?|www)\b/.test(s),
    where: 'value',
  },
  {
    // HTTP headers that carry credentials (`-H 'X-Api-Key: ...'`, `Authorization: ...`, `Cookie: ...`):
    // the whole value to the end of the quoted header goes. The name must end in a credential word
    // inside the pattern: `https:` taken as a header scanned (and skipped) the rest of the line.
    kind: 'header-secret',
    pattern:
      /(?<![A-Za-z0-9-])(?<name>(?:[A-Za-z0-9]{1,32}-){0,4}(?:authorization|cookie|key|token|secret|auth|signature|password|passwd|credential|apikey))\s{0,4}:\s{0,8}(?<secret>[^\s'"`][^\r\n'"`]{0,2047})/gi,
    // The colon comes after at most four 33-character parts, a 13-character word and 4 spaces.
    holds: { literals: [':'], within: 4 * 33 + 13 + 4 },
    envName: (m) => envNameFor(m.groups?.name ?? 'HEADER'),
    accept: (s, m) => isSecretHeader(m.groups?.name ?? '') && isHeaderValue(s),
    where: 'value',
  },
  {
    // A secret-looking URL query parameter: `?api_key=...`, `&token=...`, `&X-Goog-Signature=...`.
    kind: 'url-query-secret',
    pattern: /[?&;](?<name>[A-Za-z0-9_.-]{1,64})=(?<secret>[^&#\s"'`<>]{1,2048})/g,
    envName: (m) => envNameFor(m.groups?.name ?? 'URL_SECRET'),
    accept: (s, m) =>
      isSecretParameter(m.groups?.name ?? '') && !URL_PLACEHOLDER.test(s) && !s.startsWith('${'),
    where: 'value',
  },
  {
    // curl's `-u user:password`, `--user user:password`, `--proxy-user ...`: the password goes.
    kind: 'flag-secret',
    pattern:
      /(?<![\w-])(?:-u\s{0,8}|--(?:proxy-)?user(?:=|\s{1,8}))['"]?[^\s:'"]{0,256}:(?<secret>[^\s'"]{1,1024})/g,
    envName: 'HTTP_PASSWORD',
    accept: (s) => !URL_PLACEHOLDER.test(s),
    where: 'value',
  },
  {
    // `--password=...`, `--http-password ...`, `--token=...`, `--api-key ...`: any secret-named flag.
    kind: 'flag-secret',
    pattern: /(?<![\w-])--?(?<name>[A-Za-z][\w-]{0,63})(?:=|\s{1,8})['"]?(?<secret>[^\s'"]{1,2048})/g,
    envName: (m) => envNameFor(m.groups?.name ?? 'SECRET'),
    accept: (s, m) =>
      isSecretName(m.groups?.name ?? '') &&
      !URL_PLACEHOLDER.test(s) &&
      !s.startsWith('-') &&
      !s.startsWith('<redacted'),
    where: 'value',
  },
  {
    kind: 'azure-key',
    pattern:
      /\b(?:AccountKey|SharedAccessKey|SharedAccessSignature|AccessKey|PrimaryKey|SecondaryKey)\s{0,8}=\s{0,8}(?<secret>[A-Za-z0-9+/%]{20,2048}={0,2})/gi,
    // Case-insensitive: the `=` after the longest name (21 characters) and 8 spaces.
    holds: { literals: ['='], within: 21 + 8 },
    envName: 'AZURE_STORAGE_KEY',
    where: 'anywhere',
  },
  {
    kind: 'azure-key',
    pattern: /[?&]sig=(?<secret>[A-Za-z0-9%+/]{20,2048}={0,3})/g,
    envName: 'AZURE_SAS_TOKEN',
    where: 'anywhere',
  },
  {
    // Entra ID (Azure AD) client secrets: three characters, a digit, "Q~", then 31 to 34 more.
    kind: 'azure-key',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    envName: 'AZURE_CLIENT_SECRET',
    where: 'anywhere',
  },
  {
    // Azure storage account keys: 64 random bytes in base64.
    kind: 'azure-key',
    pattern: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g,
    holds: { literals: ['=='], within: 86 },
    envName: 'AZURE_STORAGE_KEY',
    accept: mixed,
    where: 'value',
  },
  {
    // AWS secret access keys: 40 characters of base64 (a git SHA is hex, an identifier has no `/`).
    kind: 'aws-secret-key',
    pattern: /(?<![A-Za-z0-9/+=_.-])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=_.-])/g,
    envName: 'AWS_SECRET_ACCESS_KEY',
    accept: (s) => mixed(s) && !/^[0-9a-fA-F]+$/.test(s) && (/[/+]/.test(s) || /[0-9].*[0-9]/.test(s)),
    where: 'value',
  },
  {
    // Session tokens from STS without a known prefix: long base64 with mixed case and digits.
    kind: 'aws-session-token',
    pattern: /(?<![A-Za-z0-9/+=_.-])[A-Za-z0-9/+]{100,8192}={0,2}(?![A-Za-z0-9/+=_.-])/g,
    envName: 'AWS_SESSION_TOKEN',
    accept: (s) => mixed(s) && /[/+]/.test(s),
    where: 'value',
  },
];

const PRIVATE_KEY_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;

/** A private key block runs to its END line, or to the end of the text when it was cut off. */
function privateKeyEnd(text: string, from: number): number {
  PRIVATE_KEY_END.lastIndex = from;
  const m = PRIVATE_KEY_END.exec(text);
  return m ? m.index + m[0].length : text.length;
}

export interface ShapeMatch {
  kind: SecretKind;
  envName: string;
  /** Offsets of the secret part in the searched text. */
  start: number;
  end: number;
  example: boolean;
}

/**
 * Every shape match in `text`, without overlaps (the first shape, then the first match, wins).
 * Linear in the matches: each shape's matches come in order, and are checked against the ones
 * already kept (sorted, not overlapping) with one forward pointer, not each against all. The
 * all-pairs check took 14 s on a 1 MB URL of `a://b:c@` credentials (100,000 matches).
 */
export function shapesIn(text: string, where: 'anywhere' | 'value' = 'value'): ShapeMatch[] {
  return scan(text, where, SHAPES);
}

/** The private-key shape alone: what `shapesIn` finds of that kind, as it comes first. */
const PRIVATE_KEY_SHAPES = SHAPES.filter((shape) => shape.kind === 'private-key');

function scan(text: string, where: 'anywhere' | 'value', shapes: Shape[]): ShapeMatch[] {
  let kept: ShapeMatch[] = [];
  for (const shape of shapes) {
    if (where === 'anywhere' && shape.where === 'value') continue;
    const added: ShapeMatch[] = [];
    let j = 0;
    let from = 0;
    const nextMatch = matcher(shape, text);
    for (let m = nextMatch(from); m !== null; m = nextMatch(from)) {
      from = m.index + Math.max(m[0].length, 1);
      if (m[0] === '') continue;
      const secret = m.groups?.secret ?? m[0];
      const start = m.index + (m.groups?.secret !== undefined ? m[0].lastIndexOf(secret) : 0);
      if (shape.accept && !shape.accept(secret, m)) continue;
      const end = shape.extend ? shape.extend(text, m.index + m[0].length) : start + secret.length;
      if (shape.extend) from = Math.max(from, end);
      // Starts only grow, so kept matches ending at or before this start never overlap a later one.
      while (j < kept.length && kept[j]!.end <= start) j++;
      if (j < kept.length && kept[j]!.start < end) continue;
      const last = added[added.length - 1];
      if (last && last.end > start) continue;
      added.push({
        kind: shape.kind,
        envName: typeof shape.envName === 'string' ? shape.envName : shape.envName(m),
        start,
        end,
        example: /example/i.test(m[0]),
      });
    }
    if (added.length) kept = mergeByStart(kept, added);
  }
  return kept;
}

/**
 * A function giving the shape's leftmost match in `text` starting at or after `from` (asked with
 * `from` never decreasing). An anchored shape's matches hold an occurrence of its literal, and a
 * later occurrence's matches start after an earlier one's, so the first occurrence with a match
 * gives the leftmost match. A shape that `holds` literals has no match starting before `within`
 * ahead of the first of them at or after `from`; each literal's next place is kept while it lies
 * ahead, so a literal that is far away or absent is looked for once, not once per match.
 */
function matcher(shape: Shape, text: string): (from: number) => RegExpExecArray | null {
  const { pattern, anchor, holds } = shape;
  if (anchor) return (from) => anchoredMatch(shape, anchor, text, from);
  if (!holds) {
    return (from) => {
      pattern.lastIndex = from;
      return pattern.exec(text);
    };
  }
  const next = holds.literals.map(() => -2);
  return (from) => {
    let first = -1;
    for (let k = 0; k < next.length; k++) {
      if (next[k] !== -1 && next[k]! < from) next[k] = text.indexOf(holds.literals[k]!, from);
      if (next[k] !== -1 && (first === -1 || next[k]! < first)) first = next[k]!;
    }
    if (first === -1) return null;
    pattern.lastIndex = Math.max(from, first - holds.within);
    return pattern.exec(text);
  };
}

function anchoredMatch(
  shape: Shape,
  anchor: NonNullable<Shape['anchor']>,
  text: string,
  from: number,
): RegExpExecArray | null {
  const { pattern } = shape;
  for (let at = text.indexOf(anchor.literal, from); at !== -1; at = text.indexOf(anchor.literal, at + 1)) {
    const start = anchor.start(text, at, from);
    if (start < 0) continue;
    pattern.lastIndex = start;
    const m = pattern.exec(text);
    if (m) return m;
  }
  return null;
}

const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
const LETTER = /[A-Za-z]/;
const WORD_CHAR = /\w/;

/**
 * Where the URL-password shape would start for the `://` at `at`: the leftmost letter after a
 * non-word character (`\b`) in the run of scheme characters just before it, at most 41 back.
 * The rest of the match does not depend on where the scheme starts, so one start is enough.
 */
function urlSchemeStart(text: string, at: number, from: number): number {
  const lowest = Math.max(from, at - 41);
  let k = at;
  while (k > lowest && SCHEME_CHAR.test(text[k - 1]!)) k--;
  for (; k < at; k++) {
    if (LETTER.test(text[k]!) && (k === 0 || !WORD_CHAR.test(text[k - 1]!))) return k;
  }
  return -1;
}

/** Two lists sorted by start, as one (linear). */
function mergeByStart(a: ShapeMatch[], b: ShapeMatch[]): ShapeMatch[] {
  const out: ShapeMatch[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.start <= b[j]!.start)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

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
  'signature',
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
  'subscription',
  'functions',
  'session',
  'storage',
  'encryption',
  'license',
  'app',
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
  'csrf',
]);

/** Trailing parts that do not change what a name holds: `password_value`, `api_key_str`. */
const NEUTRAL_SUFFIXES = new Set(['value', 'str', 'string', 'plain', 'raw', 'text', 'env', 'var']);

/**
 * Whether an identifier (variable, keyword argument, dict key, HTTP header) names a credential: the
 * secret word must be the last part (`db_password`, `hf_token`, `client_secret`, `api_key`,
 * `X-Api-Key`, `PRIVATE-TOKEN`), so `token_url`, `secret_path` or `max_tokens` are not credentials.
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

/** Header names whose value is a credential: `Authorization`, `Cookie`, `X-Api-Key`, `PRIVATE-TOKEN`... */
function isSecretHeader(name: string): boolean {
  if (/^(?:(?:proxy-)?authorization|cookie|set-cookie|x-auth|x-amz-security-token)$/i.test(name)) return true;
  // Plain words before a colon are prose (`password: ...` in markdown is an assignment, handled below).
  return name.includes('-') && isSecretName(name);
}

/** A header value that is a literal credential, not `Bearer $(gcloud ...)`, `${TOKEN}` or a placeholder. */
function isHeaderValue(value: string): boolean {
  const rest = value.replace(/^(?:Bearer|Basic|Digest|Token|token)\s*/, '').trim();
  return rest !== '' && !/^[`$]/.test(rest) && !rest.startsWith('<redacted') && !URL_PLACEHOLDER.test(rest);
}

/** Short query-parameter names that mean a credential where a variable name would not (`key`, `sig`, `auth`). */
const QUERY_SECRET_WORDS = new Set([
  'key',
  'sig',
  'auth',
  'pass',
  'apikey',
  'api_key',
  'access_token',
  'client_secret',
]);

/** Whether a URL query parameter name holds a credential (`api_key`, `token`, `X-Goog-Signature`, `sig`). */
function isSecretParameter(name: string): boolean {
  return QUERY_SECRET_WORDS.has(name.toLowerCase()) || isSecretName(name);
}

const PLACEHOLDER =
  /^(?:<[^>]*>|\$\{?[\w.]*\}?|\{[^}]*\}|x{3,}|\*{3,}|\.{3}|none|null|test|password|secret|token|changeme|\[[a-z]+\])$|your[_\s-]|placeholder|example|changeme|dummy|redacted|\*\*\*|<[a-z_ -]+>/i;

/**
 * A masked stretch (`sk-xxxxxxxx`, `AKIAXXXXXXXX`) is a run of one case: a generated key that holds
 * `xXXX` or `XxXx` by chance is still a key (matching `xxxx` in any case let such keys through).
 */
const MASK_RUN = /x{4}|X{4}/;

/** A literal value assigned to a secret-looking name that is a real value, not a placeholder. */
export function looksLikeSecretValue(name: string, value: string): boolean {
  const v = value.trim();
  if (v.length < 4 || /\s/.test(v) || PLACEHOLDER.test(v) || MASK_RUN.test(v)) return false;
  const lower = name.toLowerCase();
  const isPassword = /pass|pwd/.test(lower);
  // Keys and tokens are long and nearly always hold a digit; a plain word (`"Authorization"`) is not one.
  if (!isPassword && (v.length < 8 || (!/\d/.test(v) && v.length < 16))) return false;
  // Paths, URLs without credentials and file names are configuration, not secrets.
  if (/^(?:\.{0,2}\/|~\/|[a-z]+:\/\/[^@]*$)/i.test(v) || /\.(?:json|txt|pem|key|cfg|ini|yaml|yml)$/i.test(v))
    return false;
  return true;
}

export interface RedactionResult {
  text: string;
  hits: SecretHit[];
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** Redacts secrets in a code cell (Python, possibly with magics and shell escapes). */
export function redactCode(source: string): RedactionResult {
  const replacements: Replacement[] = [];
  const hits: SecretHit[] = [];
  // Shell escapes and magics are not Python: the text pass below redacts them as shell (`${ENV}`),
  // so a quoted header there stays a shell word rather than becoming a Python concatenation.
  // Once per line, not once per token (a long shell line holds millions of tokens).
  const shell = source.split('\n').map((line) => /^\s*[!%]/.test(line));
  // The four tokens before the current one, all a literal's context needs: the tokens are
  // visited, not kept.
  let back1: Token | undefined;
  let back2: Token | undefined;
  let back3: Token | undefined;
  let back4: Token | undefined;
  const visit = (t: Token): void => {
    if (t.type === 'string') {
      const literal = redactLiteral(t, [back4, back3, back2, back1, t], 4);
      if (literal) {
        for (const hit of literal.hits) hits.push({ ...hit, line: t.line });
        replacements.push({ start: t.start, end: t.end, text: literal.text });
      }
    } else if (t.type === 'comment') {
      const matches = shapesIn(t.text);
      if (matches.length > 0) {
        for (const m of matches) hits.push(hitOf(m, t.line));
        replacements.push({
          start: t.start,
          end: t.end,
          text: replaceMatches(t.text, matches, () => '<redacted>'),
        });
      }
    } else if (t.type === 'name') {
      // A key written bare in code (e.g. pasted after `=` without quotes) is still a key.
      const matches = shapesIn(t.text, 'anywhere');
      if (matches.length > 0) {
        for (const m of matches) hits.push(hitOf(m, t.line));
        replacements.push({ start: t.start, end: t.end, text: 'REDACTED' });
      }
    }
  };
  forEachToken(source, (t) => {
    if (!shell[t.line - 1]) visit(t);
    back4 = back3;
    back3 = back2;
    back2 = back1;
    back1 = t;
  });
  let text = applyReplacements(source, replacements);
  // Whatever the tokenizer could not place (shell escapes, magics, odd quoting) is caught on the text.
  const rest = redactText(text, true);
  text = rest.text;
  // One by one: a spread of a long file's hits (one per credential) would overflow the stack.
  for (const hit of rest.hits) hits.push(hit);
  hits.sort((a, b) => a.line - b.line);
  return { text, hits };
}

/**
 * A string literal with its secrets taken out, or undefined when it holds none. A plain literal keeps
 * its other parts: `"postgresql://u:PW@h/db"` becomes `("postgresql://u:" + "<redacted:DB_PASSWORD>" + "@h/db")`.
 * f-strings, bytes and triple-quoted literals are replaced whole.
 */
function redactLiteral(
  t: Token,
  tokens: readonly (Token | undefined)[],
  k: number,
): { text: string; hits: Omit<SecretHit, 'line'>[] } | undefined {
  const open = /^[A-Za-z]*("""|'''|"|')/.exec(t.text);
  const prefix = /^[A-Za-z]*/.exec(t.text)![0];
  const quote = open?.[1] ?? '"';
  const bodyStart = prefix.length + quote.length;
  const closed = t.text.length >= bodyStart + quote.length && t.text.endsWith(quote);
  const bodyEnd = closed ? t.text.length - quote.length : t.text.length;
  const body = t.text.slice(bodyStart, bodyEnd);
  const matches = shapesIn(body);
  if (matches.length > 0) {
    const hits = matches.map((m) => ({ kind: m.kind, envName: m.envName, example: m.example }));
    const whole = matches.length === 1 && matches[0]!.start === 0 && matches[0]!.end === body.length;
    const simple = quote.length === 1 && /^[rRuU]?$/.test(prefix) && closed && !body.includes('\\');
    if (whole || !simple) return { text: `"<redacted:${matches[0]!.envName}>"`, hits };
    const parts: string[] = [];
    let at = 0;
    for (const m of matches) {
      if (m.start > at) parts.push(`${prefix}${quote}${body.slice(at, m.start)}${quote}`);
      parts.push(`"<redacted:${m.envName}>"`);
      at = m.end;
    }
    if (at < body.length) parts.push(`${prefix}${quote}${body.slice(at)}${quote}`);
    return { text: `(${parts.join(' + ')})`, hits };
  }
  const name = secretContext(tokens, k);
  if (name === undefined) return undefined;
  return {
    text: `"<redacted:${envNameFor(name)}>"`,
    hits: [{ kind: 'secret-assignment', envName: envNameFor(name) }],
  };
}

function hitOf(m: ShapeMatch, line: number): SecretHit {
  return { kind: m.kind, line, envName: m.envName, ...(m.example ? { example: true } : {}) };
}

function replaceMatches(text: string, matches: ShapeMatch[], by: (m: ShapeMatch) => string): string {
  return applyReplacements(
    text,
    matches.map((m) => ({ start: m.start, end: m.end, text: by(m) })),
  );
}

/**
 * Redacts secrets in free text (markdown, raw cells, outputs) or, with `shellOnly`, in the lines of a
 * code cell the tokenizer cannot read as Python (shell escapes and magics): there a value becomes
 * `${ENV_NAME}`, so the command reads it from the environment.
 */
export function redactText(text: string, shellOnly = false): RedactionResult {
  const hits: SecretHit[] = [];
  // Multi-line shapes (private key blocks) first, on the whole text.
  const lineOf = lineFinder(text);
  // The private-key shape alone: it comes first, so no other shape's match can hide one.
  const blocks = scan(text, 'anywhere', PRIVATE_KEY_SHAPES);
  let out = text;
  if (blocks.length > 0) {
    for (const m of blocks) hits.push(hitOf(m, lineOf(m.start)));
    out = replaceMatches(out, blocks, () => '<redacted>');
  }
  // `NAME=value`, `NAME: value`, `%env NAME value`, `export NAME=value` with a secret-looking NAME.
  const assignment =
    /(^|[\s,{;(])(["']?)([A-Za-z_][\w.-]{0,127})\2(\s{0,16}[=:]\s{0,16}|\s{1,16})(["']?)([^\s"',;)}]{1,4096})\5/gm;
  const kept = out.split('\n').map((line, k) => {
    const isShell = /^\s*(?:!|%)/.test(line);
    // In code, bare lines are Python: their literals were handled token by token.
    const matches = shapesIn(line, shellOnly && !isShell ? 'anywhere' : 'value');
    let result = line;
    if (matches.length > 0) {
      for (const m of matches) hits.push(hitOf(m, k + 1));
      result = replaceMatches(line, matches, (m) => (isShell ? `\${${m.envName}}` : '<redacted>'));
    }
    if (shellOnly && !isShell) return result;
    return result.replace(
      assignment,
      (whole, lead: string, q1: string, name: string, sep: string, q2: string, value: string) => {
        if (/^\s+$/.test(sep) && !isShell) return whole;
        if (
          !isSecretName(name) ||
          value.startsWith('<redacted') ||
          value.startsWith('${') ||
          !looksLikeSecretValue(name, value)
        )
          return whole;
        const envName = envNameFor(name);
        hits.push({ kind: 'secret-assignment', line: k + 1, envName });
        return `${lead}${q1}${name}${q1}${sep}${q2}${isShell ? `\${${envName}}` : '<redacted>'}${q2}`;
      },
    );
  });
  hits.sort((a, b) => a.line - b.line);
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

/**
 * The secret-looking name a string literal is bound to, if any: `name = "v"`, `name: str = "v"`,
 * `f(name="v")`, `{"name": "v"}`, `os.environ["NAME"] = "v"`, `obj.name = "v"`. An f-string counts
 * when its constant text alone looks like a secret (`passwd=f"hunter2{suffix}"`).
 */
function secretContext(tokens: readonly (Token | undefined)[], k: number): string | undefined {
  const token = tokens[k]!;
  const value = token.value ?? fStringConstant(token.text);
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

/** The constant text of an f-string (interpolations removed), or undefined for other literals. */
function fStringConstant(text: string): string | undefined {
  // String operations, not a lazy regex: a multi-megabyte literal overflowed the regex stack.
  const m = /^[rR]?[fF][rR]?("""|'''|"|')/.exec(text);
  if (!m) return undefined;
  const quote = m[1]!;
  let body = text.slice(m[0].length);
  if (body.endsWith(quote)) body = body.slice(0, body.length - quote.length);
  return body.replace(/\{\{|\}\}/g, '').replace(/\{[^{}]*\}/g, '');
}

export function envNameFor(name: string): string {
  const env = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[A-Z_][A-Z0-9_]*$/.test(env) ? env : 'SECRET';
}

function applyReplacements(source: string, replacements: Replacement[]): string {
  let out = '';
  let at = 0;
  for (const r of [...replacements].sort((a, b) => a.start - b.start)) {
    if (r.start < at) continue;
    out += source.slice(at, r.start) + r.text;
    at = r.end;
  }
  return out + source.slice(at);
}
