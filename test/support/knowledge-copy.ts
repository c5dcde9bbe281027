import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knowledgeDir } from '../../src/paths.js';

/** A throw-away copy of the bundled rules base, for tests that break one file on purpose. */
export function copyKnowledge(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'mlda-knowledge-')), 'knowledge');
  cpSync(knowledgeDir(), dir, { recursive: true });
  return dir;
}

/** Replaces the first occurrence of `from` in a knowledge file; fails loudly if it is not there. */
export function editKnowledgeFile(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
}

/** The 1-based line of the first occurrence of `needle` in a bundled knowledge file. */
export function lineOf(file: string, needle: string): number {
  const lines = readFileSync(join(knowledgeDir(), file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`${file} has no line with ${JSON.stringify(needle)}`);
  return index + 1;
}
