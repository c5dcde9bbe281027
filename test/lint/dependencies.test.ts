import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every package the code imports is declared in package.json: what src/ imports in dependencies
 * (the published CLI needs it), what test/ and scripts/ import in either. A package that is only
 * there because another one pulls it in can vanish with that package's next release.
 */
const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx|mjs|js)$/.test(file) && !file.startsWith('fixtures/'))
    .map((file) => join(dir, file));
}

/** The package each bare import specifier names (`@scope/name/sub` -> `@scope/name`). */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:'))
    return undefined;
  const name = specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
  return builtinModules.includes(name) ? undefined : name;
}

/** package -> the files that import it, from TypeScript's own scan (static, dynamic, type-only). */
function importsOf(dir: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      const name = packageOf(fileName);
      if (name) found.set(name, [...(found.get(name) ?? []), relative(root, join(root, file))]);
    }
  }
  return found;
}

describe('declared dependencies', () => {
  it('src/ imports only packages listed in dependencies', () => {
    const undeclared = [...importsOf('src')].filter(([name]) => !(name in pkg.dependencies));
    expect(undeclared.map(([name, files]) => `${name} (${files[0]})`)).toEqual([]);
  });

  it('test/ and scripts/ import only packages listed in dependencies or devDependencies', () => {
    const declared = { ...pkg.dependencies, ...pkg.devDependencies };
    const undeclared = [...importsOf('test'), ...importsOf('scripts')].filter(
      ([name]) => !(name in declared),
    );
    expect(undeclared.map(([name, files]) => `${name} (${files[0]})`)).toEqual([]);
  });

  it('reads scoped, deep and built-in specifiers right', () => {
    expect(packageOf('@aws-sdk/client-pricing')).toBe('@aws-sdk/client-pricing');
    expect(packageOf('zod/mini')).toBe('zod');
    expect(packageOf('react/jsx-runtime')).toBe('react');
    expect(packageOf('node:fs')).toBeUndefined();
    expect(packageOf('fs/promises')).toBeUndefined();
    expect(packageOf('../core/answers.js')).toBeUndefined();
  });
});
