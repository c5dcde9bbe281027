import type { AnswerKey, AnswersInput } from '../core/answers.js';
import type { NotebookAnalysis } from './types.js';

/** One answer the notebook gave, with where it came from (cell is 1-based among all cells; null = metadata). */
export interface DetectedField {
  field: AnswerKey;
  value: string | number;
  cell: number | null;
  evidence: string;
}

export interface NotebookAnswers {
  answers: Partial<AnswersInput>;
  detected: DetectedField[];
}

/**
 * The answers a notebook can give: `framework`, `gpu` and, when the outputs show it, `modelSizeMb`.
 * Everything else (traffic, latency, budget...) is asked or read elsewhere.
 */
export function answersFromNotebook(analysis: NotebookAnalysis): NotebookAnswers {
  const answers: Partial<AnswersInput> = {};
  const detected: DetectedField[] = [];
  if (analysis.framework) {
    answers.framework = analysis.framework.value;
    detected.push({ field: 'framework', ...analysis.framework });
  }
  // Without any ML library the notebook says nothing reliable about the GPU either.
  if (analysis.framework || analysis.gpu.value !== 'none') {
    answers.gpu = analysis.gpu.value;
    detected.push({ field: 'gpu', ...analysis.gpu });
  }
  if (analysis.modelSizeMb) {
    answers.modelSizeMb = analysis.modelSizeMb.value;
    detected.push({ field: 'modelSizeMb', ...analysis.modelSizeMb });
  }
  return { answers, detected };
}

/**
 * Merges answers from a file (or flags) with those read from a notebook: anything given explicitly
 * wins; `undefined` counts as not given, `null` (e.g. `latencyP95Ms: null`) as given.
 */
export function mergeNotebookAnswers<T extends Record<string, unknown>>(
  fileAnswers: T,
  notebookAnswers: Partial<AnswersInput>,
): T & Partial<AnswersInput> {
  const merged: Record<string, unknown> = { ...notebookAnswers };
  for (const [key, value] of Object.entries(fileAnswers)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged as T & Partial<AnswersInput>;
}
