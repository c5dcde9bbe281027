import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { UserInputError } from '../core/errors.js';

/**
 * Reads YAML (or JSON, which YAML 1.2 contains) and validates it with a zod schema, turning every
 * problem into a message that names the file, the line and the field.
 */
export class FileProblemError extends UserInputError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
    details: readonly string[] = [],
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`, details);
  }
}

export interface ParsedYaml {
  data: unknown;
  /** The line (1-based) of the value at a path, or of its nearest parent that exists. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export function parseYamlText(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = lineCounter.linePos(first.pos[0]).line;
    const what = first.message.split('\n')[0] ?? first.message;
    throw new FileProblemError(file, line, `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${what}`);
  }
  return {
    data: doc.toJS({ maxAliasCount: 100 }),
    lineOf(path) {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = doc.getIn(path.slice(0, depth) as unknown[], true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

/** Validates parsed YAML; the first problem is the headline, all problems are listed. */
export function validateYaml<S extends z.ZodType>(parsed: ParsedYaml, schema: S, file: string): z.infer<S> {
  const result = schema.safeParse(parsed.data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const line = parsed.lineOf(issue.path);
    const where = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
    return { line, text: `${file}${line ? `:${line}` : ''}: ${where}: ${issue.message}` };
  });
  const head = problems[0]!;
  const headMessage = head.text.slice(head.text.indexOf(': ') + 2);
  throw new FileProblemError(
    file,
    head.line,
    headMessage,
    problems.length > 1 ? problems.map((p) => p.text) : [],
  );
}
