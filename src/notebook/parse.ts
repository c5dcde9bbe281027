import { UserInputError } from '../core/errors.js';
import { redactText } from './secrets.js';

/**
 * Parses nbformat 4 JSON into plain cells. Everything that is not a Python nbformat-4 notebook is a
 * UserInputError (exit 2) whose message names the file and says what is wrong and what to do.
 */

export type CellType = 'code' | 'markdown' | 'raw';

export interface RawCell {
  /** 1-based position among ALL cells (markdown and raw included), as Jupyter shows them in order. */
  index: number;
  type: CellType;
  source: string;
  executionCount: number | null;
  /** Size in bytes of the cell's outputs as JSON (what they weigh in the file). */
  outputBytes: number;
  /** Text of stream, text/plain and error outputs (never stored in the analysis: secrets may be printed). */
  outputText: string;
}

export interface ParsedNotebook {
  fileName: string;
  nbformat: number;
  nbformatMinor: number;
  /** Lower-case kernel language, e.g. `python`. */
  language: string;
  kernelName: string | undefined;
  /** Colab's `metadata.accelerator` (e.g. `GPU`), when present. */
  accelerator: string | undefined;
  /** `metadata.language_info.version` (the Python the notebook last ran with), when present. */
  pythonVersion: string | undefined;
  /** `metadata.kernelspec.display_name`, e.g. `Python 3 (PyTorch 1.13 Python 3.9 CPU Optimized)`. */
  kernelDisplayName: string | undefined;
  cells: RawCell[];
}

const BINARY_SAMPLE = 4096;

export function parseNotebook(text: string, fileName: string): ParsedNotebook {
  const where = fileName;
  if (text.trim() === '') {
    throw new UserInputError(`${where}: the file is empty; expected a Jupyter notebook (.ipynb, JSON)`);
  }
  if (looksBinary(text)) {
    throw new UserInputError(
      `${where}: this is a binary file, not a Jupyter notebook; an .ipynb file is JSON text (nbformat 4)`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UserInputError(
      `${where}: not valid JSON, so not a readable notebook: ${jsonProblem(text, error)}`,
    );
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new UserInputError(
      `${where}: JSON but not a Jupyter notebook: expected an object with "nbformat" and "cells", got ${describe(json)}`,
    );
  }
  const nb = json as Record<string, unknown>;
  if ('worksheets' in nb || nb.nbformat === 3 || nb.nbformat === 2 || nb.nbformat === 1) {
    const version = typeof nb.nbformat === 'number' ? nb.nbformat : 3;
    throw new UserInputError(
      `${where}: notebook format ${version} is not supported; only nbformat 4 is. ` +
        `Convert it with: jupyter nbconvert --to notebook --nbformat 4 --output converted.ipynb "${fileName}"`,
    );
  }
  if (!('nbformat' in nb) && !('cells' in nb)) {
    throw new UserInputError(
      `${where}: JSON but not a Jupyter notebook: it has no "nbformat" or "cells" key (keys found: ${keyList(nb)})`,
    );
  }
  if (nb.nbformat !== 4) {
    throw new UserInputError(
      `${where}: "nbformat" is ${quote(nb.nbformat)}; only Jupyter notebook format 4 is supported`,
    );
  }
  if (!Array.isArray(nb.cells)) {
    throw new UserInputError(`${where}: "cells" must be a list of cells, got ${describe(nb.cells)}`);
  }
  const metadata = isObject(nb.metadata) ? nb.metadata : {};
  const { language, kernelName } = kernelLanguage(metadata);
  if (language !== 'python') {
    throw new UserInputError(
      `${where}: the notebook's kernel language is ${language}${kernelName ? ` (kernel "${kernelName}")` : ''}; ` +
        'only Python notebooks can be analysed',
    );
  }
  const cells = nb.cells.map((cell, k) => parseCell(cell, k + 1, where));
  return {
    fileName,
    nbformat: 4,
    nbformatMinor: typeof nb.nbformat_minor === 'number' ? nb.nbformat_minor : 0,
    language,
    kernelName,
    accelerator: typeof metadata.accelerator === 'string' ? metadata.accelerator : undefined,
    pythonVersion: stringAt(metadata.language_info, 'version'),
    kernelDisplayName: stringAt(metadata.kernelspec, 'display_name'),
    cells,
  };
}

function parseCell(cell: unknown, index: number, where: string): RawCell {
  if (!isObject(cell))
    throw new UserInputError(`${where}: cell ${index} is ${describe(cell)}, not a cell object`);
  const type = cell.cell_type;
  if (type !== 'code' && type !== 'markdown' && type !== 'raw') {
    throw new UserInputError(
      `${where}: cell ${index} has "cell_type" ${quote(type)}; allowed: code, markdown, raw`,
    );
  }
  const source = joinSource(cell.source, `${where}: cell ${index} "source"`);
  let executionCount: number | null = null;
  if (type === 'code') {
    const count = cell.execution_count;
    if (count !== null && count !== undefined && !(typeof count === 'number' && Number.isInteger(count))) {
      throw new UserInputError(
        `${where}: cell ${index} has "execution_count" ${quote(count)}; expected an integer or null`,
      );
    }
    executionCount = typeof count === 'number' ? count : null;
  }
  const outputs = type === 'code' && Array.isArray(cell.outputs) ? cell.outputs : [];
  const attachments = isObject(cell.attachments) ? JSON.stringify(cell.attachments).length : 0;
  return {
    index,
    type,
    source,
    executionCount,
    outputBytes: outputs.length > 0 ? Buffer.byteLength(JSON.stringify(outputs)) + attachments : attachments,
    outputText: outputs.map(outputText).join('\n'),
  };
}

function joinSource(value: unknown, what: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((part) => typeof part === 'string')) return value.join('');
  throw new UserInputError(`${what} must be a string or a list of strings, got ${describe(value)}`);
}

function outputText(output: unknown): string {
  if (!isObject(output)) return '';
  const parts: string[] = [];
  if (output.text !== undefined) parts.push(safeJoin(output.text));
  if (isObject(output.data)) {
    for (const key of ['text/plain', 'text/html', 'text/markdown', 'application/json']) {
      const v = output.data[key];
      if (v !== undefined)
        parts.push(typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : safeJoin(v));
    }
  }
  if (Array.isArray(output.traceback)) parts.push(safeJoin(output.traceback));
  if (typeof output.evalue === 'string') parts.push(output.evalue);
  return parts.join('\n');
}

function safeJoin(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join('');
  return '';
}

function kernelLanguage(metadata: Record<string, unknown>): {
  language: string;
  kernelName: string | undefined;
} {
  const spec = isObject(metadata.kernelspec) ? metadata.kernelspec : {};
  const info = isObject(metadata.language_info) ? metadata.language_info : {};
  const kernelName = typeof spec.name === 'string' ? spec.name : undefined;
  const declared =
    (typeof spec.language === 'string' && spec.language) ||
    (typeof info.name === 'string' && info.name) ||
    '';
  if (declared)
    return { language: /^i?python\d*$/i.test(declared) ? 'python' : declared.toLowerCase(), kernelName };
  if (kernelName && !/python|ipykernel|conda|py\d/i.test(kernelName)) {
    return { language: `unknown (kernel "${kernelName}")`, kernelName: undefined };
  }
  // No language recorded (common in hand-made or stripped notebooks): Python is Jupyter's default.
  return { language: 'python', kernelName };
}

/** NUL bytes or many control characters in the first few KB: not text. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, BINARY_SAMPLE);
  if (sample.includes('\u0000')) return true;
  let control = 0;
  for (const ch of sample) {
    const code = ch.charCodeAt(0);
    if ((code < 32 && ch !== '\n' && ch !== '\r' && ch !== '\t' && ch !== '\f') || ch === '\uFFFD')
      control += 1;
  }
  return control > sample.length * 0.1;
}

function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /position (\d+)/.exec(message);
  const trimmed = text.trimEnd();
  const truncated =
    /Unexpected end of JSON input|Unterminated string|Expected .* after/i.test(message) ||
    (match !== null && Number(match[1]) >= trimmed.length - 1);
  let where = '';
  if (match) {
    const pos = Number(match[1]);
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    where = ` at line ${line}, column ${column}`;
  }
  // V8 quotes a snippet of the input in some messages; never echo file content (it may hold secrets).
  const reason = message
    .replace(/,?\s*".*" is not valid JSON/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '');
  return truncated
    ? `the JSON ends too early${where} (the file looks truncated: was it saved or copied completely?)`
    : `${reason}${where}`;
}

function keyList(obj: Record<string, unknown>): string {
  const keys = Object.keys(obj).slice(0, 8);
  return keys.length === 0 ? 'none' : keys.map((k) => quote(k)).join(', ');
}

/** A value from the file, for a message: redacted (it may be a secret) and kept short. */
function quote(value: unknown): string {
  const text = redactText(JSON.stringify(value) ?? String(value)).text;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'string' ? 'a string' : typeof value}`;
}

function stringAt(value: unknown, key: string): string | undefined {
  const found = isObject(value) ? value[key] : undefined;
  return typeof found === 'string' && found.length <= 200 ? found : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
