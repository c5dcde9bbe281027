// 10,000 full advice evaluations (answers in, every option sized, priced, scored and ranked) in
// one process, on a mix of workloads. The engine is bundled from src/ for the measurement.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { root } from '../bench-lib.mjs';

export const name = '10,000 advice evaluations (advise(), robustness not read), limit 1 s';

export const WORKLOADS = [
  { framework: 'sklearn', requestsPerSecond: 20, latencyP95Ms: 250, monthlyBudgetUsd: 800 },
  {
    framework: 'xgboost',
    trafficPattern: 'batch',
    requestsPerSecond: 50,
    latencyP95Ms: null,
    monthlyBudgetUsd: 500,
  },
  {
    framework: 'pytorch',
    modelSizeMb: 2000,
    gpu: 'required',
    requestsPerSecond: 200,
    latencyP95Ms: 200,
    monthlyBudgetUsd: 10000,
  },
  {
    framework: 'pytorch',
    modelSizeMb: 800,
    gpu: 'optional',
    requestsPerSecond: 10,
    latencyP95Ms: 500,
    monthlyBudgetUsd: 3000,
  },
  {
    framework: 'huggingface',
    modelSizeMb: 14000,
    gpu: 'required',
    requestsPerSecond: 5,
    latencyP95Ms: 1500,
    monthlyBudgetUsd: 8000,
  },
  {
    framework: 'onnx',
    trafficPattern: 'spiky',
    requestsPerSecond: 100,
    latencyP95Ms: 100,
    monthlyBudgetUsd: 2000,
    hosting: 'hybrid-ok',
  },
  {
    framework: 'tensorflow',
    trafficPattern: 'intermittent',
    requestsPerSecond: 0.5,
    latencyP95Ms: 1000,
    monthlyBudgetUsd: 100,
  },
  {
    framework: 'other',
    modelSizeMb: 300,
    requestsPerSecond: 1000,
    latencyP95Ms: 300,
    monthlyBudgetUsd: 20000,
    kubernetes: 'eks',
  },
];

export async function run({ iterations = 10_000 } = {}) {
  // Inside the package folder, so that the bundled code finds knowledge/ as the CLI does.
  const dir = mkdtempSync(join(root, 'dist', '.bench-advice-'));
  try {
    const out = join(dir, 'engine.mjs');
    await build({
      stdin: {
        contents: `export { advise } from './src/advice.ts';
export { parseAnswers } from './src/core/answers.ts';
export { loadKnowledge } from './src/knowledge/load.ts';
export { loadSnapshotPriceBook } from './src/pricing/snapshot.ts';`,
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: out,
      logLevel: 'silent',
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    });
    const { advise, parseAnswers, loadKnowledge, loadSnapshotPriceBook } = await import(
      pathToFileURL(out).href
    );
    const knowledge = loadKnowledge(join(root, 'knowledge'));
    const prices = loadSnapshotPriceBook('us-east-1');
    const parsed = WORKLOADS.map((w) => parseAnswers(w));
    const once = (i) => advise(parsed[i % parsed.length], knowledge, prices, { robustness: false });
    for (let i = 0; i < 500; i++) once(i); // warm up
    const start = process.hrtime.bigint();
    let checksum = 0;
    for (let i = 0; i < iterations; i++) checksum += once(i).ranking.length;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const rStart = process.hrtime.bigint();
    for (let i = 0; i < 40; i++)
      checksum += advise(parsed[i % parsed.length], knowledge, prices).robustness.length;
    const rMs = Number(process.hrtime.bigint() - rStart) / 1e6 / 40;
    return {
      ok: ms < 1000 && checksum > 0,
      lines: [
        `${iterations} evaluations: ${ms.toFixed(0)} ms (${((ms / iterations) * 1000).toFixed(1)} us each; limit 1000 ms) ${ms < 1000 ? 'ok' : 'OVER'}`,
        `with robustness (thresholds searched): ${rMs.toFixed(1)} ms per recommendation`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
