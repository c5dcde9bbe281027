import { codeView, startsBlock, type CodeView } from './cells.js';
import { escapeControls, isCompleteCode } from './complete-code.js';
import { loaderCode, pyString } from './loaders.js';
import type { Token } from './python.js';
import type { NotebookAnalysis } from './types.js';

/**
 * Seed code for `app/notebook_code.py`: the notebook's imports, functions and classes (top-level
 * `def`/`class` blocks found by indentation), without magics or shell escapes, with credentials read
 * from the environment, plus `load_model(model_dir)` and `predict(model, instances)` wired to the
 * save format when it is known. Built only from the redacted cells, so it cannot contain a secret.
 */
export function notebookCode(analysis: NotebookAnalysis): string {
  const views = analysis.cells.filter((c) => c.type === 'code').map(codeView);
  const py2 = /python\s*2|^python2$/i.test(analysis.kernel.name ?? '');
  const imports: string[] = [];
  const blocks = new Map<string, { cell: number; text: string }>();
  const credentials = new Map<string, string>();
  for (const view of views) {
    for (const line of view.logical) {
      // `NAME = "<redacted:ENV>"` at top level: functions may read NAME, so keep it, from the environment.
      // A URL or header with a secret inside is kept around it: NAME = ("postgresql://u:" + "<redacted:DB_PASSWORD>" + "@h").
      const [a, b, ...value] = line.tokens;
      const markers = value.flatMap((t) =>
        t.type === 'string' ? [/^"<redacted:([A-Z_][A-Z0-9_]*)>"$/.exec(t.text)?.[1]].filter(Boolean) : [],
      ) as string[];
      const onlyLiterals = value.every(
        (t) => t.type === 'string' || (t.type === 'op' && ['+', '(', ')'].includes(t.text)),
      );
      if (
        line.indent === 0 &&
        a?.type === 'name' &&
        b?.text === '=' &&
        markers.length > 0 &&
        onlyLiterals &&
        value.every((t) => isCompleteCode(t.text))
      ) {
        const expr = rewriteSecrets(
          value
            .map((t) => t.text)
            .join(' ')
            .replace(/\( /g, '(')
            .replace(/ \)/g, ')'),
        ).code;
        credentials.set(
          a.text,
          `${a.text} = ${expr}  # TODO: a credential was hard-coded here (cell ${view.cell}); set ${markers.join(', ')}`,
        );
      }
    }
    for (const line of view.logical) {
      const [first] = line.tokens;
      if (line.indent === 0 && (first?.text === 'import' || first?.text === 'from')) {
        const text = importStatement(line.tokens);
        const skip =
          /^from\s+__future__\s/.test(text) ||
          /^import\s+(?:os|warnings)\s*$/.test(text) ||
          !isCompleteCode(text);
        if (!skip && !imports.includes(text)) imports.push(text);
      }
    }
    for (const block of topLevelBlocks(view)) {
      blocks.delete(block.name); // the last definition wins, as when the notebook runs top to bottom
      blocks.set(block.name, { cell: view.cell, text: block.text });
    }
  }
  const out: string[] = [];
  out.push(
    `"""Seed code extracted from the notebook ${pyString(analysis.fileName).slice(1, -1)} by ml-deploy-advisor.`,
    '',
    "The notebook's imports, functions and classes, with IPython magics and shell escapes removed and",
    'credentials replaced by environment variables. Review it before relying on it: top-level statements',
    '(data loading, training) are not copied, so names they defined are not available here.',
    '"""',
    '',
    'import os',
    'import warnings',
    '',
  );
  if (imports.length > 0) {
    out.push(
      '# --- imports from the notebook (guarded: a library used only for training or plots must not stop the server)',
    );
    for (const text of imports) {
      out.push(
        'try:',
        indent(rewriteSecrets(text).code, '    '),
        'except ImportError as error:  # pragma: no cover',
        '    warnings.warn(f"notebook import failed: {error}")',
        '',
      );
    }
  }
  if (credentials.size > 0) {
    out.push(
      '# --- credentials, now read from the environment (never hard-code them)',
      ...credentials.values(),
      '',
    );
  }
  const reserved = new Set(['load_model', 'predict']);
  if (blocks.size > 0) out.push('# --- functions and classes from the notebook', '');
  for (const [name, block] of blocks) {
    let text = block.text;
    if (reserved.has(name)) {
      text = text.replace(new RegExp(`^(\\s*(?:async\\s+)?def\\s+)${name}\\b`, 'm'), `$1notebook_${name}`);
      out.push(`# renamed from \`${name}\` (cell ${block.cell}): this module's own ${name}() is below`);
    }
    const { code, secrets } = rewriteSecrets(text);
    if (!isCompleteCode(code)) {
      // Copied as code, an unclosed string or bracket would swallow the rest of the module.
      out.push(
        `# TODO: cell ${block.cell} defines \`${name}\`, but it is not complete Python (an unclosed string or bracket, or a control character); fix it in the notebook:`,
        indent(escapeControls(code), '# '),
        '',
      );
      continue;
    }
    if (looksPython2(code)) {
      out.push(
        `# TODO: cell ${block.cell} defines \`${name}\` in Python 2 syntax${py2 ? ' (Python 2 kernel)' : ''}; port it to Python 3:`,
        indent(code, '# '),
        '',
      );
      continue;
    }
    out.push(`# from cell ${block.cell}`);
    if (secrets > 0)
      out.push(
        '# TODO: a credential was here; it is now read from the environment (see os.environ.get below)',
      );
    out.push(code, '', '');
  }
  out.push(...loaderCode(analysis));
  return `${out
    .join('\n')
    .replace(/\n{4,}/g, '\n\n\n')
    .trimEnd()}\n`;
}

/**
 * The import statement rebuilt from its tokens, up to a `;`: comments and anything after the import
 * on the same line (`import os; os.chdir(...)`) are left out, so importing the module has no side effect.
 */
function importStatement(tokens: Token[]): string {
  const end = tokens.findIndex((t) => t.type === 'op' && t.text === ';');
  let out = '';
  (end === -1 ? tokens : tokens.slice(0, end)).forEach((t, k, all) => {
    const prev = all[k - 1];
    const glue =
      prev !== undefined &&
      ((t.text === '.' && prev.type === 'name' && prev.text !== 'from') ||
        (prev.text === '.' && t.type === 'name' && t.text !== 'import') ||
        t.text === ',' ||
        t.text === ')' ||
        prev.text === '(');
    out += (k === 0 || glue ? '' : ' ') + t.text;
  });
  return out;
}

interface Block {
  name: string;
  text: string;
}

/** Top-level `def`/`class` blocks with their decorators, IPython lines replaced by `pass`. */
function topLevelBlocks(view: CodeView): Block[] {
  const blocks: Block[] = [];
  const logical = view.logical;
  for (let k = 0; k < logical.length; k += 1) {
    const line = logical[k]!;
    if (line.indent !== 0 || !startsBlock(line)) continue;
    const nameToken = line.tokens[line.tokens[0]!.text === 'async' ? 2 : 1];
    if (nameToken?.type !== 'name') continue;
    let first = line.firstLine;
    // Decorators directly above.
    for (let j = k - 1; j >= 0 && logical[j]!.indent === 0 && logical[j]!.tokens[0]?.text === '@'; j -= 1)
      first = logical[j]!.firstLine;
    let last = line.lastLine;
    let j = k + 1;
    for (; j < logical.length && logical[j]!.indent > 0; j += 1) last = logical[j]!.lastLine;
    // Trailing comment or IPython lines that are indented still belong to the block.
    const lines = view.lines.slice(first - 1, last).map((text, offset) => {
      const lineNo = first + offset;
      const ipy = view.ipython.find(
        (l) => l.line === lineNo || (l.line < lineNo && lineNo < l.line + l.text.split('\n').length),
      );
      if (!ipy) return text;
      const pad = /^\s*/.exec(text)![0];
      return ipy.line === lineNo ? `${pad}pass  # removed IPython line` : '';
    });
    blocks.push({ name: nameToken.text, text: lines.join('\n').trimEnd() });
    k = j - 1;
  }
  return blocks;
}

/** `"<redacted:NAME>"` markers (see secrets.ts) become `os.environ.get("NAME", "")`. */
function rewriteSecrets(code: string): { code: string; secrets: number } {
  let secrets = 0;
  const rewritten = code.replace(/"<redacted:([A-Z_][A-Z0-9_]*)>"/g, (_m, name: string) => {
    secrets += 1;
    return `os.environ.get("${name}", "")`;
  });
  // Secrets outside string literals (comments) were already replaced by `<redacted>`.
  return { code: rewritten, secrets };
}

function looksPython2(code: string): boolean {
  return code
    .split('\n')
    .some(
      (l) =>
        /^\s*print\s+[^\s(=]/.test(l) ||
        /^\s*print\s*$/.test(l) ||
        /^\s*exec\s+["']/.test(l) ||
        /except\s+[\w.]+\s*,\s*\w+\s*:/.test(l) ||
        /\bur["']/.test(l),
    );
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? pad.trimEnd() : pad + l))
    .join('\n');
}
