import { CORE_SCHEMA, intJsonTag, load as loadYaml } from 'js-yaml';
import { resolve } from 'node:path';
import { parseAnswers, type AnswerKey, type ParsedAnswers } from '../core/answers.js';
import { UserInputError } from '../core/errors.js';
import { checkYamlDepth, FileProblemError, parseYamlText } from '../knowledge/yaml-file.js';
import { FileReadError, readTextFileSync, TEXT_LIMITS } from '../read-text.js';
import type { LoadedNotebook } from '../notebook/index.js';
import type { NotebookSummary } from '../report/model.js';

/** Answers as a command got them: the file, possibly with a notebook's detections under it. */
export interface LoadedAnswers extends ParsedAnswers {
  /** Keys whose value came from the notebook (the file did not give them). */
  fromNotebook: AnswerKey[];
}

/**
 * Reads an answers file (JSON or YAML) and validates it; every problem names the file and field.
 * `under` holds answers that apply unless the file gives its own (a notebook's detections).
 */
export async function loadAnswersFile(
  path: string,
  shownAs: string = path,
  under: Record<string, unknown> = {},
): Promise<LoadedAnswers> {
  let text: string;
  try {
    // Bounded, regular files only: a link to /dev/zero or a FIFO is refused, not read forever.
    text = readTextFileSync(path, shownAs, TEXT_LIMITS.answers);
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    throw new UserInputError(
      `--answers ${shownAs}: cannot read the answers file (${error.message.slice(shownAs.length + 2)})`,
    );
  }
  if (text.trim() === '') throw new FileProblemError(shownAs, undefined, 'the answers file is empty');
  const data = quickParse(text, shownAs);
  let positions: ReturnType<typeof parseYamlText> | undefined;
  return validate(data, shownAs, under, (key) => {
    // Only on the error path: parse again with positions (once, for every problem) to point at
    // the line.
    const given = typeof data === 'object' && data !== null && Object.hasOwn(data, key);
    return given ? (positions ??= parseYamlText(text, shownAs)).lineOf([key]) : undefined;
  });
}

/**
 * Answers files are small and usually clean: JSON.parse or js-yaml reads them without loading the
 * positional YAML parser. Anything they reject is parsed again by parseYamlText, whose error
 * names the line; a JSON file is held to JSON's grammar either way.
 */
/**
 * YAML 1.2's core schema, but integers in decimal only (the JSON schema's rule): `0x10` and `0o17`
 * stay strings, so the field is refused by name as it is for a flag, instead of read as 16 and 15.
 */
const ANSWERS_YAML_SCHEMA = CORE_SCHEMA.withTags([intJsonTag]);

function quickParse(text: string, shownAs: string): unknown {
  // Before either parser: deep nesting sent the fallback parser into 34 s of recursion.
  checkYamlDepth(text, shownAs);
  try {
    return shownAs.endsWith('.json') ? JSON.parse(text) : loadYaml(text, { schema: ANSWERS_YAML_SCHEMA });
  } catch {
    return parseYamlText(text, shownAs).data;
  }
}

function validate(
  data: unknown,
  shownAs: string,
  under: Record<string, unknown>,
  lineOf: (key: string) => number | undefined,
): LoadedAnswers {
  const isMapping = data !== null && typeof data === 'object' && !Array.isArray(data);
  const given = isMapping ? Object.entries(data).filter(([, value]) => value !== undefined) : [];
  const merged = isMapping ? { ...under, ...Object.fromEntries(given) } : data;
  const fromNotebook = Object.keys(under).filter((key) => !given.some(([k]) => k === key)) as AnswerKey[];
  try {
    const parsed = parseAnswers(merged, shownAs);
    return { ...parsed, fromNotebook };
  } catch (error) {
    if (error instanceof UserInputError) {
      // Point each problem at its line in the file where the key exists.
      const details = error.details.map((detail) => {
        const line = lineOf(detail.slice(0, detail.indexOf(':')));
        return line ? `line ${line}: ${detail}` : detail;
      });
      throw new UserInputError(error.message, details);
    }
    throw error;
  }
}

/**
 * The answers of `--answers FILE` and `--from-notebook NB` together: the notebook prefills what it
 * detected (framework, GPU, model size); the file's own answers win. The notebook module is
 * loaded only when a notebook is given.
 */
export async function loadAnswersAndNotebook(
  command: string,
  flags: { answers?: string | undefined; 'from-notebook'?: string | undefined },
  cwd: string,
): Promise<{ parsed: LoadedAnswers; notebook?: LoadedNotebook; summary?: NotebookSummary }> {
  const answersPath = flags.answers;
  const notebookPath = flags['from-notebook'];
  if (answersPath === undefined || answersPath === '') {
    throw new UserInputError(
      `${command}: --answers is required (the answers file, JSON or YAML)${
        notebookPath ? '; a notebook shows the model, not its traffic, latency target or budget' : ''
      }`,
    );
  }
  if (notebookPath === undefined) {
    return { parsed: await loadAnswersFile(resolve(cwd, answersPath), answersPath) };
  }
  const nb = await import('../notebook/index.js');
  const notebook = await nb.loadNotebookAnswers(resolve(cwd, notebookPath), notebookPath);
  const parsed = await loadAnswersFile(
    resolve(cwd, answersPath),
    answersPath,
    notebook.answers as Record<string, unknown>,
  );
  const summary: NotebookSummary = {
    file: notebookPath,
    detected: notebook.detected.map((d) => ({
      field: d.field,
      value: d.value,
      cell: d.cell,
      evidence: d.evidence,
    })),
    findingsMarkdown: nb.formatFindings(notebook.analysis.findings, 'markdown'),
    dependencies: notebook.analysis.dependencies.map(nb.dependencyJson),
    dependenciesMarkdown: nb.formatDependencies(notebook.analysis.dependencies),
  };
  return { parsed, notebook, summary };
}
