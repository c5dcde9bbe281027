import { statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { UserInputError } from '../core/errors.js';
import { quoteValue } from '../core/sanitize.js';
import { FileReadError, readTextFileSync, TEXT_LIMITS } from '../read-text.js';
import { DEPLOY_CONFIG_PATH, parseDeployConfig, type DeployConfig } from './config.js';

/**
 * Reads `<dir>/infra/sagemaker/deploy.json` from a scaffold. Every problem is a UserInputError that
 * names `--dir` or the file (and the field, see config.ts).
 */
export function loadDeployConfig(dir: string, cwd: string): { config: DeployConfig; file: string } {
  const root = resolve(cwd, dir);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir)
    throw new UserInputError(`--dir: ${quoteValue(dir)} is not a directory; give the scaffold's root`);
  const path = join(root, DEPLOY_CONFIG_PATH);
  const shown = relative(cwd, path) || path;
  let text: string;
  try {
    // Bounded, regular files only: deploy.json as a link to /dev/zero is refused, not read forever.
    text = readTextFileSync(path, shown, TEXT_LIMITS.deployConfig);
  } catch (error) {
    if (error instanceof FileReadError && error.reason !== 'missing') throw error;
    throw new UserInputError(
      `--dir: ${quoteValue(dir)} has no ${DEPLOY_CONFIG_PATH}; deploy works on a scaffold generated for ` +
        'sagemaker-realtime, sagemaker-serverless, sagemaker-async or sagemaker-batch',
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UserInputError(
      `${shown}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return { config: parseDeployConfig(raw, shown), file: shown };
}
