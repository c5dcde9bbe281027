import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/**
 * The package's own folder (where knowledge/ and templates/ live), found by walking up from this
 * module: the same code runs bundled from dist/ and unbundled from src/ in tests.
 */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'knowledge')) && existsSync(join(dir, 'package.json'))) {
      cachedRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('cannot find the ml-deploy-advisor package folder (knowledge/ is missing)');
    dir = parent;
  }
}

export const knowledgeDir = (): string => join(packageRoot(), 'knowledge');
export const templatesDir = (): string => join(packageRoot(), 'templates');
