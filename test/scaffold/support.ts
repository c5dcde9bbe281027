import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAnswers, type ParsedAnswers } from '../../src/core/answers.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadSnapshotPriceBook } from '../../src/pricing/snapshot.js';
import { prepareScaffold, type Prepared } from '../../src/scaffold/service.js';
import type { OptionId } from '../../src/core/options.js';

/** Debian's Python with the scaffold's requirements (the first python3 on PATH is a bare one). */
export const PYTHON = '/usr/bin/python3';

/** Project names meant to break quoting: each must come back exactly and run nothing. */
export const HOSTILE_NAMES = [
  `it's "quoted"`,
  '$(touch /tmp/pwned)',
  '`touch /tmp/pwned`',
  'line one\nline two',
  'x\nevil: true',
  'no',
  '0777',
  'Crème brûlée — 模型',
  '${HOME} %{x} {{y}} \\ back',
  '#comment; rm -rf / & | > <',
  '--help',
];

export function tempDir(prefix = 'mlda-scaffold-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function answers(overrides: Record<string, unknown> = {}): ParsedAnswers {
  return parseAnswers({
    framework: 'sklearn',
    requestsPerSecond: 5,
    latencyP95Ms: 200,
    monthlyBudgetUsd: 500,
    projectName: 'fraud-scorer',
    ...overrides,
  });
}

export async function prepare(option: OptionId, overrides: Record<string, unknown> = {}): Promise<Prepared> {
  return prepareScaffold({
    parsed: answers(overrides),
    option,
    knowledge: loadKnowledge(),
    prices: loadSnapshotPriceBook('us-east-1'),
  });
}

export const readText = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');
