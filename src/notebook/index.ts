/**
 * Jupyter notebook analysis: `--from-notebook NB.ipynb` for recommend, report, scaffold and chat.
 *
 * One entry point for commands:
 *
 * ```ts
 * const { answers, detected, analysis } = await loadNotebookAnswers('train.ipynb');
 * const merged = mergeNotebookAnswers(answersFromFile, answers); // the file's explicit answers win
 * // detected: [{ field: 'framework', value: 'sklearn', cell: 19, evidence: "joblib.dump(...)" }, ...]
 * // analysis.findings -> formatFindings(analysis.findings, 'markdown') for the report / README
 * // notebookCode(analysis) -> contents of app/notebook_code.py in the scaffold
 * ```
 *
 * - Cell numbers everywhere (findings, detected fields, saves) are 1-based positions among ALL cells,
 *   markdown and raw cells included, i.e. "the Nth cell from the top" as Jupyter shows them.
 * - Anything that is not a Python nbformat-4 notebook (truncated or invalid JSON, nbformat 3, binary,
 *   non-notebook JSON, R/Julia/... kernels, files over 50 MB) throws `UserInputError` (exit 2) with a
 *   message that names the file and says what is wrong.
 * - Credentials are redacted before any analysis, by shape (keys and tokens, URL passwords, Bearer and
 *   Azure keys, AWS secrets, even when they contain "EXAMPLE") and by context (`db_password = "..."`,
 *   `passwd=f"..."`, `{"X-Api-Key": "..."}`); no secret from the notebook appears in findings, answers,
 *   evidence, generated code or `JSON.stringify(analysis)` (see secrets.ts).
 * - `dependencies`: every third-party import and pip line as a pip package, with the version the notebook
 *   pins or shows (pip lines and output, `__version__` prints, SageMaker kernel names) and whether the
 *   pip name is only guessed; `mergeRequirements` writes them into a scaffold's requirements.txt.
 * - `paths`: files and folders the code reads or writes (by the call that uses them) and URLs it
 *   downloads; the findings report local data a container lacks and data read from the network.
 * - Execution counts of 0 or none mean "not run" (Colab exports): unrun cells are one finding, and
 *   order is judged only between real counts.
 * - `gpu` is `required` when the notebook forces CUDA with no CPU fallback (or loads 4/8-bit
 *   bitsandbytes models), `optional` when it uses a GPU if present (device checks, device_map, Colab
 *   GPU runtime), `none` otherwise. `modelSizeMb` is only given when the outputs show it (Keras
 *   `Total params`, an `ls -l`/`du` line for the saved file).
 * - `notebookCode(analysis)` is the seed `app/notebook_code.py`: the notebook's imports (each guarded by
 *   `try/except ImportError`, rebuilt without side effects), its top-level functions and classes (the
 *   last definition of a name wins; Python 2 ones are commented out with a TODO), credentials as
 *   `os.environ.get(...)`, and `load_model(model_dir)` / `predict(model, instances)` wired for joblib or
 *   pickle, TorchScript, torch.save (whole module; state_dict or checkpoint dict rebuilt from the notebook's
 *   constructor, loading the key that holds the weights), Keras /
 *   SavedModel, save_pretrained, ONNX and native XGBoost; anything else raises NotImplementedError with
 *   a TODO. It always compiles with Python 3 (tested with py_compile).
 * - Everything here is pure except `readNotebookFile` and `loadNotebookAnswers`.
 */
import type { AnswersInput } from '../core/answers.js';
import { UserInputError } from '../core/errors.js';
import { analyzeNotebook } from './analyze.js';
import { answersFromNotebook, type DetectedField } from './answers.js';
import { readNotebookFile } from './read.js';
import type { NotebookAnalysis } from './types.js';

export { analyzeNotebook } from './analyze.js';
export {
  answersFromNotebook,
  mergeNotebookAnswers,
  type DetectedField,
  type NotebookAnswers,
} from './answers.js';
export { notebookCode } from './codegen.js';
export { formatFindings } from './format.js';
export {
  dependencyJson,
  formatDependencies,
  mergeRequirements,
  type DependencyJson,
  type RequirementSource,
} from './requirements.js';
export { LARGE_OUTPUT_BYTES } from './findings.js';
export { MAX_NOTEBOOK_BYTES, readNotebookFile } from './read.js';
export type * from './types.js';

export interface LoadedNotebook {
  answers: Partial<AnswersInput>;
  detected: DetectedField[];
  analysis: NotebookAnalysis;
}

/**
 * Reads and analyses a notebook and returns the answers it gives. Throws UserInputError (exit 2) on
 * bad input, naming the file as `shownAs` (default: `path`), e.g. the path as the user typed it.
 */
export async function loadNotebookAnswers(path: string, shownAs = path): Promise<LoadedNotebook> {
  const text = await readNotebookFile(path, undefined, shownAs);
  let analysis: NotebookAnalysis;
  try {
    analysis = analyzeNotebook(text, shownAs);
  } catch (error) {
    // Name the flag, as every other user error does.
    if (error instanceof UserInputError)
      throw new UserInputError(`--from-notebook ${error.message}`, error.details);
    throw error;
  }
  const { answers, detected } = answersFromNotebook(analysis);
  return { answers, detected, analysis };
}
