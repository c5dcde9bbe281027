import { join } from 'node:path';
import * as z from 'zod/mini';
import { readYamlFile } from '../knowledge/yaml-file.js';
import { templatesDir } from '../paths.js';

/**
 * The sentences the report model composes from numbers live in templates/report/phrases.yaml,
 * beside the Markdown template: code fills them, it does not write them.
 */
/** The bundled phrases, from the package folder (the build's validated cache holds them). */
export const PHRASES_FILE = 'templates/report/phrases.yaml';

export const phrasesSchema = z.record(z.string(), z.string().check(z.minLength(1)));
export type Phrases = z.infer<typeof phrasesSchema>;

let bundled: Phrases | undefined;

export function loadPhrases(dir: string = join(templatesDir(), 'report')): Phrases {
  if (bundled && dir === join(templatesDir(), 'report')) return bundled;
  const phrases = readYamlFile(join(dir, 'phrases.yaml'), phrasesSchema, PHRASES_FILE);
  if (dir === join(templatesDir(), 'report')) bundled = phrases;
  return phrases;
}

/** A phrase with its {placeholders} filled; a missing phrase or value is a bug, so it throws. */
export function phrase(phrases: Phrases, key: string, values: Record<string, string | number> = {}): string {
  const template = phrases[key];
  if (template === undefined) throw new Error(`templates/report/phrases.yaml has no ${key}`);
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`phrase ${key}: no value for {${name}}`);
    return String(value);
  });
}
