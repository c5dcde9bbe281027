import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FRAMEWORKS, parseAnswers, type Framework, type ParsedAnswers } from '../../src/core/answers.js';
import type { OptionId } from '../../src/core/options.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { readCatalogueFromDisk, type RawCatalogue } from '../../src/scaffold/catalogue.js';
import { optionPlan } from '../../src/scaffold/plan.js';
import { prepareScaffold, type Prepared } from '../../src/scaffold/service.js';
import { writeScaffold } from '../../src/scaffold/write.js';
import { DEBIAN_PYTHON } from '../support/e2e-tools.js';
import { precompiledCatalogue } from '../support/scaffold-catalogue.js';
import { snapshotPrices } from '../support/snapshot-prices.js';

/** Debian's Python with the scaffold's requirements (the first python3 on PATH is a bare one). */
export const PYTHON = DEBIAN_PYTHON;

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

const made: string[] = [];

export function tempDir(prefix = 'mlda-scaffold-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir() made (call from afterAll). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Answers that make each option feasible (the scaffold refuses an infeasible one without
 * --force): on-prem and hybrid need own hardware, batch needs offline work, async and
 * Serverless need a target they can meet.
 */
export const FEASIBLE: Partial<Record<OptionId, Record<string, unknown>>> = {
  'on-prem': { hosting: 'hybrid-ok' },
  hybrid: { hosting: 'hybrid-ok' },
  'sagemaker-batch': { latencyP95Ms: null, trafficPattern: 'batch' },
  // Asynchronous Inference answers through a queue and S3, so callers must tolerate seconds
  // (knowledge/limits.yaml async-interactive-latency).
  'sagemaker-async': { latencyP95Ms: 30_000 },
  // Serverless Inference runs on CPU only and starts cold: an option for p95 targets of 500 ms
  // and up (a transformer on CPU needs them).
  'sagemaker-serverless': { latencyP95Ms: 500 },
};

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

let catalogue: RawCatalogue | undefined;
/** The templates as on disk (read once per test file). */
export function templates(): RawCatalogue {
  catalogue ??= readCatalogueFromDisk();
  return catalogue;
}

/** The frameworks an option's manifest accepts. */
export function frameworksFor(option: OptionId): Framework[] {
  const plan = optionPlan(templates().common, templates().options[option], option);
  return [...((plan.frameworks as Framework[] | undefined) ?? FRAMEWORKS)];
}

export async function prepare(option: OptionId, overrides: Record<string, unknown> = {}): Promise<Prepared> {
  return prepareScaffold({
    parsed: answers({ ...FEASIBLE[option], ...overrides }),
    option,
    knowledge: loadKnowledge(),
    prices: snapshotPrices('us-east-1'),
    // Precompiled once per process, as the bundled CLI has them; templates() stays the source.
    catalogue: precompiledCatalogue(),
  });
}

/** Generates into a fresh folder (through the atomic writer); returns the folder. */
export async function generate(option: OptionId, overrides: Record<string, unknown> = {}): Promise<string> {
  const prepared = await prepare(option, overrides);
  const dir = join(tempDir(), 'repo');
  await writeScaffold(dir, prepared.files);
  return dir;
}

export const readText = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');
