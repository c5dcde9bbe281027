// 10,000 full advice evaluations (answers in, every option a limit on the answers alone leaves
// open sized, priced and scored, every option ranked) in one process, on a mix of workloads.
// Every evaluation is a distinct what-if (rate, latency target, budget and model size varied
// around each workload), so the engine's per-answers ranking cache never serves one: the figure is
// the cost of real work. An option the answers alone rule out (batch transform for live traffic,
// on-prem for a cloud-only team) is priced when its bill is first read, as sentences and explained
// lines are: a second figure, with no limit, reads every option's bill as well (the chat's what-if
// table does). The engine is bundled from src/ for the measurement.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { root } from '../bench-lib.mjs';

export const name = '10,000 distinct advice evaluations (advise(), robustness not read), limit 1 s';

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

/** A deterministic generator, so that every run measures the same answers. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `base` times a factor between 2^-spread and 2^spread, to 4 significant digits. */
function vary(base, spread, next) {
  return Number((base * 2 ** ((next() * 2 - 1) * spread)).toPrecision(4));
}

/**
 * `count` distinct answer sets (no two alike, none equal to a workload as written): each
 * workload of the mix in turn, with its rate, latency target, budget and model size moved.
 */
export function distinctWhatIfs(count, seed = 11) {
  const next = random(seed);
  const seen = new Set(WORKLOADS.map((w) => JSON.stringify(w)));
  const out = [];
  for (let i = 0; out.length < count; i++) {
    const w = WORKLOADS[i % WORKLOADS.length];
    const answers = {
      ...w,
      requestsPerSecond: vary(w.requestsPerSecond, 2, next),
      latencyP95Ms: w.latencyP95Ms === null ? null : vary(w.latencyP95Ms, 1, next),
      monthlyBudgetUsd: vary(w.monthlyBudgetUsd, 1, next),
      modelSizeMb: vary(w.modelSizeMb ?? 100, 1, next),
    };
    const key = JSON.stringify(answers);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(answers);
  }
  return out;
}

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
    // Warm-up, measured and robustness answers are all different from one another.
    const warmUp = 500;
    const robustnessRuns = 40;
    const all = distinctWhatIfs(warmUp + 2 * iterations + robustnessRuns).map((w) => parseAnswers(w));
    const once = (parsed) => advise(parsed, knowledge, prices, { robustness: false });
    for (const parsed of all.slice(0, warmUp)) once(parsed);
    const measured = all.slice(warmUp, warmUp + iterations);
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    let checksum = 0;
    for (const parsed of measured) checksum += once(parsed).ranking.length;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const rStart = process.hrtime.bigint();
    const robust = all.slice(warmUp + iterations, warmUp + iterations + robustnessRuns);
    for (const parsed of robust) checksum += advise(parsed, knowledge, prices).robustness.length;
    const rMs = Number(process.hrtime.bigint() - rStart) / 1e6 / robustnessRuns;
    const billsStart = process.hrtime.bigint();
    for (const parsed of all.slice(warmUp + iterations + robustnessRuns))
      for (const entry of once(parsed).ranking) checksum += entry.monthlyCostUsd ?? 0;
    const billsMs = Number(process.hrtime.bigint() - billsStart) / 1e6;
    return {
      ok: ms < 1000 && checksum > 0,
      lines: [
        `${iterations} evaluations, each a distinct what-if: ${ms.toFixed(0)} ms (${((ms / iterations) * 1000).toFixed(1)} us each; CPU ${cpuMs.toFixed(0)} ms; limit 1000 ms) ${ms < 1000 ? 'ok' : 'OVER'}`,
        `with robustness (thresholds searched): ${rMs.toFixed(1)} ms per recommendation`,
        `${iterations} more reading every option's bill as well (blocked ones priced then): ${billsMs.toFixed(0)} ms (no limit)`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
