import { readFile } from 'node:fs/promises';
import { parseAnswers, type ParsedAnswers } from '../core/answers.js';
import { UserInputError } from '../core/errors.js';
import { FileProblemError, parseYamlText } from '../knowledge/yaml-file.js';

/** Reads an answers file (JSON or YAML) and validates it; every problem names the file and field. */
export async function loadAnswersFile(path: string, shownAs: string = path): Promise<ParsedAnswers> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : String(code);
    throw new UserInputError(`--answers ${shownAs}: cannot read the answers file (${why})`);
  }
  if (text.trim() === '') throw new FileProblemError(shownAs, undefined, 'the answers file is empty');
  const parsed = parseYamlText(text, shownAs);
  try {
    return parseAnswers(parsed.data, shownAs);
  } catch (error) {
    if (error instanceof UserInputError) {
      // Point each problem at its line in the file where the key exists.
      const details = error.details.map((detail) => {
        const key = detail.slice(0, detail.indexOf(':'));
        const line = parsed.lineOf([key]);
        return line && key && Object.prototype.hasOwnProperty.call(parsed.data, key)
          ? `line ${line}: ${detail}`
          : detail;
      });
      throw new UserInputError(error.message, details);
    }
    throw error;
  }
}
