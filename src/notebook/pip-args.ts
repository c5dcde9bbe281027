/**
 * The arguments of a `!pip install` / `%pip install` line, read as a shell would read them and each
 * checked as a PEP 508 requirement. Splitting on spaces turned `'numpy < 2'` into the packages
 * `numpy` and `2`, and an argument with markup into a package named `src`: a requirements.txt
 * that lists such a name installs whatever the index serves under it (dependency confusion). So an
 * argument that is not exactly a requirement is rejected (and reported), never guessed at.
 */

export interface PipRequirement {
  name: string;
  /** Version specifier without spaces (`>=2.0`, `>=1,<2`), when it names a version. */
  spec: string | undefined;
}

export interface PipArguments {
  requirements: PipRequirement[];
  /** Arguments that are neither an option, a path/URL/variable nor a valid requirement. */
  rejected: string[];
}

const INSTALL_LINE =
  /^(?:!|%)\s*(?:[\w~.{}$/-]*\/)?(?:(?:python[\d.]*|\{sys\.executable\})\s+-m\s+)?pip3?\s+install\s+(.*)$/s;

/** Options of `pip install` that take the next argument as their value. */
const OPTIONS_WITH_VALUE = new Set([
  '-r',
  '--requirement',
  '-e',
  '--editable',
  '-c',
  '--constraint',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--src',
  '--upgrade-strategy',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--only-binary',
  '--no-binary',
  '--progress-bar',
  '--log',
  '--cache-dir',
  '--trusted-host',
  '--proxy',
  '--retries',
  '--timeout',
  '--exists-action',
  '--cert',
  '--client-cert',
  '--global-option',
  '--config-settings',
  '-C',
  '--report',
]);

/** PEP 508 name: letters, digits, `.`, `_`, `-`, starting and ending with a letter or digit. */
const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]{0,200}[A-Za-z0-9])?';
/** One version clause: a comparison and a PEP 440 version (`*` for prefix matches). */
const CLAUSE = '(?:===|==|!=|<=|>=|~=|<|>|=)\\s*[A-Za-z0-9.*+!_-]{1,100}';
const REQUIREMENT = new RegExp(
  `^(${NAME})\\s*(?:\\[\\s*(?:${NAME}(?:\\s*,\\s*${NAME}){0,50})?\\s*\\])?\\s*` +
    `(\\(?\\s*${CLAUSE}(?:\\s*,\\s*${CLAUSE}){0,20}\\s*\\)?)?` +
    // An environment marker: only the characters markers are written with.
    `\\s*(?:;[A-Za-z0-9_.\\s'"<>=!~(),-]{1,500})?$`,
);

/**
 * Shell words of `text` (single and double quotes, backslash escapes) up to the end of the first
 * command: `&&`, `;`, `|`, and `#`, `>`, `<` at the start of a word end it.
 */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let k = 0;
  const end = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (k < text.length) {
    const c = text[k]!;
    if (c === '\\') {
      // A backslash-newline joins lines; otherwise the next character is taken as it is.
      if (text[k + 1] === '\n') k += 2;
      else {
        if (k + 1 < text.length) {
          word += text[k + 1];
          inWord = true;
        }
        k += 2;
      }
    } else if (c === "'") {
      const close = text.indexOf("'", k + 1);
      const stop = close === -1 ? text.length : close;
      word += text.slice(k + 1, stop);
      inWord = true;
      k = stop + 1;
    } else if (c === '"') {
      inWord = true;
      k += 1;
      while (k < text.length && text[k] !== '"') {
        if (text[k] === '\\' && k + 1 < text.length && '"\\$`\n'.includes(text[k + 1]!)) {
          if (text[k + 1] !== '\n') word += text[k + 1];
          k += 2;
        } else {
          word += text[k];
          k += 1;
        }
      }
      k += 1;
    } else if (/\s/.test(c)) {
      end();
      k += 1;
    } else if ((c === '>' || c === '<') && /^\d+$/.test(word)) {
      // `2>&1`, `1>log`: a redirect of a numbered stream, not a word.
      word = '';
      inWord = false;
      break;
    } else if (!inWord && (c === '#' || c === ';' || c === '&' || c === '|' || c === '>' || c === '<')) {
      break;
    } else if (c === ';' || c === '&' || c === '|') {
      // `<` and `>` inside a word are kept: notebooks write `numpy>=2` unquoted and mean a version.
      end();
      break;
    } else {
      word += c;
      inWord = true;
      k += 1;
    }
  }
  end();
  return words;
}

/** The requirements and rejected arguments of a pip install line; empty for any other line. */
export function pipArguments(text: string): PipArguments {
  const m = INSTALL_LINE.exec(text);
  const result: PipArguments = { requirements: [], rejected: [] };
  if (!m) return result;
  const words = shellWords(m[1]!);
  for (let k = 0; k < words.length; k += 1) {
    const w = words[k]!;
    if (OPTIONS_WITH_VALUE.has(w)) {
      k += 1;
      continue;
    }
    if (w === '' || w.startsWith('-')) continue;
    // Paths, URLs and variables are not registry names; they are left to the notebook's author.
    if (/^(?:git\+|https?:|file:|\.|\/|~|\$|\{)/.test(w)) continue;
    const parts = REQUIREMENT.exec(w);
    if (!parts) {
      result.rejected.push(w);
      continue;
    }
    const clauses = parts[2]?.replace(/[\s()]/g, '').replace(/^=(?=[^=])/, '==');
    result.requirements.push({ name: parts[1]!, spec: clauses && /\d/.test(clauses) ? clauses : undefined });
  }
  return result;
}
