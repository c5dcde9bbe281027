import { createRequire } from 'node:module';

interface ValidationState {
  errors: { code: string; title: string; detail?: string; path?: string }[];
}
const require = createRequire(import.meta.url);
const av = require('@action-validator/core') as {
  validateWorkflow(src: string): ValidationState;
  validateAction(src: string): ValidationState;
};

/** A GitHub Actions workflow (or composite action) against action-validator's schemas. */
export function validateGithubWorkflow(content: string, kind: 'workflow' | 'action' = 'workflow'): string[] {
  const state = kind === 'workflow' ? av.validateWorkflow(content) : av.validateAction(content);
  return state.errors.map(
    (e) =>
      `action-validator ${e.code}: ${e.title}${e.path ? ` at ${e.path}` : ''}${e.detail ? ` (${e.detail})` : ''}`,
  );
}
