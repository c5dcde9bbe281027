/**
 * How deeply a YAML (or JSON) text nests, found in one linear pass before any parser sees it.
 * The positional parser recurses once per level and spends seconds per MB on deep input: a 1 MB
 * file of nested brackets took 34 s to end in "Maximum call stack size exceeded", and a deep run
 * of `- - - -` crashed it outright (exit 1). Real answers and knowledge files nest under ten
 * levels (the deepest bundled file, 9); past MAX_YAML_DEPTH a file is refused at once.
 *
 * The count is an upper bound that errs towards more depth, never less: every indentation level
 * of block structure, every compact `- ` or `? ` entry on a line, and every open flow bracket
 * (`[` or `{`) that starts a value, outside quoted scalars, comments and block scalars.
 */

export const MAX_YAML_DEPTH = 32;

export interface YamlDepth {
  /** The deepest nesting seen, or the first depth past the limit (the scan stops there). */
  depth: number;
  /** The 1-based line where `depth` was reached. */
  line: number;
}

/** Characters after which a `[` or `{` opens a flow collection rather than sitting in a plain scalar. */
const OPENS_VALUE = new Set([':', '-', ',', '[', '{', '?', '!', '&']);

export function yamlDepth(text: string, limit = MAX_YAML_DEPTH): YamlDepth {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  /** Indentation of the line that opened a block scalar (`|` or `>`); its body is text. */
  let blockScalarIndent: number | undefined;
  let worst: YamlDepth = { depth: 0, line: 1 };
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const indent = i - start;
    const blank = i === end || text[i] === '\r' || (text[i] === '#' && !quote);
    if (blockScalarIndent !== undefined) {
      if (blank || indent > blockScalarIndent) {
        start = end + 1;
        continue;
      }
      blockScalarIndent = undefined;
    }
    let compact = 0;
    if (!blank && flow === 0 && !quote) {
      while (indents.length && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      // Compact nested entries on one line: `- - - x`, `? - x`.
      while ((text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || i + 1 === end)) {
        compact++;
        i += 2;
        while (i < end && text.charCodeAt(i) === 32) i++;
      }
    }
    let previous = ':';
    /** Inside a plain (unquoted) scalar of block context: brackets there are text, up to `: `. */
    let plain = false;
    let contentEnd = end;
    for (; i < end; i++) {
      const c = text[i]!;
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else quote = undefined;
        }
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') continue;
      if (c === '#' && (i === start || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        contentEnd = i;
        break;
      }
      if (plain) {
        if (c === ':' && (i + 1 === end || text[i + 1] === ' ')) {
          plain = false;
          previous = ':';
        }
        continue;
      }
      const opensValue = flow > 0 || OPENS_VALUE.has(previous);
      if ((c === '"' || c === "'") && opensValue) quote = c;
      else if ((c === '[' || c === '{') && opensValue) {
        flow++;
        const now = indents.length + compact + flow;
        if (now > worst.depth) worst = { depth: now, line };
        if (now > limit) return worst;
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      else if (flow === 0 && !OPENS_VALUE.has(c) && c !== '|' && c !== '>') plain = true;
      previous = c;
    }
    const now = indents.length + compact + flow;
    if (now > worst.depth) worst = { depth: now, line };
    if (now > limit) return worst;
    if (!quote && flow === 0 && BLOCK_SCALAR.test(text.slice(Math.max(start, contentEnd - 8), contentEnd).trimEnd())) {
      blockScalarIndent = indent;
    }
    start = end + 1;
  }
  return worst;
}

/** A line that ends by opening a block scalar: `key: |`, `- >-`, `text: |2+`. */
const BLOCK_SCALAR = /(?:^|[\s:-])[|>][1-9+-]{0,2}$/;
