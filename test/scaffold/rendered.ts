import { expect } from 'vitest';
import type { OptionId } from '../../src/core/options.js';
import type { PlannedFile } from '../../src/scaffold/plan.js';
import { parseCfnYaml, validateCfnTemplate } from '../support/validate/index.js';
import { prepare } from './support.js';

/**
 * Rendered repositories in memory, for the review suites that read generated files without
 * writing them: each option and set of answers rendered once per test file.
 */

export type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A render function remembering each option and overrides; `defaults` are applied first. */
export function renderer(
  defaults: (option: OptionId) => Record<string, unknown> = () => ({}),
): (option: OptionId, overrides?: Record<string, unknown>) => Promise<PlannedFile[]> {
  const renders = new Map<string, Promise<PlannedFile[]>>();
  return (option, overrides = {}) => {
    const key = JSON.stringify([option, overrides]);
    let files = renders.get(key);
    if (!files) {
      files = prepare(option, { ...defaults(option), ...overrides }).then((p) => p.files);
      renders.set(key, files);
    }
    return files;
  };
}

/** The framework a review renders each option with (TF Serving serves TensorFlow only). */
export const frameworkFor = (option: OptionId) => (option === 'tf-serving' ? 'tensorflow' : 'sklearn');

/** One generated file's text; a missing file fails the test naming it. */
export function text(files: PlannedFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`${path} was not generated`);
  return new TextDecoder().decode(file.content);
}

/** A CloudFormation template, valid against the spec, as an object. */
export function cfn(source: string): Obj {
  expect(validateCfnTemplate(source)).toEqual([]);
  return parseCfnYaml(source).value as Obj;
}
