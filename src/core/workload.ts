import type { Answers } from './answers.js';
import { withArticle } from './format.js';
import type { Sizing } from '../knowledge/schema.js';

/**
 * The workload the answers describe, with every estimate made explicit. Pure: the same answers
 * and sizing assumptions always give the same workload.
 */
export interface Workload {
  answers: Answers;
  peakRequestsPerSecond: number;
  inferenceMs: number;
  /** One prediction on one CPU core (the sizing's base time for every hardware class). */
  cpuMs: number;
  /**
   * One prediction on one GPU of the measured class (sizing.yaml inferenceMs.measuredGpu, a T4):
   * the answered time itself when a GPU is required, else cpuMs / gpuSpeedup for deep-learning
   * frameworks.
   */
  gpuMs: number;
  /** Whether a GPU speeds this framework up at all (deep-learning frameworks). */
  gpuHelps: boolean;
  /** Memory a serving process needs: runtime plus the loaded model. */
  memoryNeededMb: number;
  /** Requests in flight at the peak rate (Little's law: rate x time in service). */
  peakConcurrency: number;
  monthlyRequests: number;
  hoursPerMonth: number;
  /**
   * A generative LLM's prompt and answer lengths in tokens: the answers when given, else the
   * sizing assumption (sizing.yaml llm), listed in `estimates` where they size anything.
   */
  inputTokens: number;
  outputTokens: number;
  /**
   * Seconds a start from zero takes on the two options that start one per request when none is
   * warm (the platform's start, the framework's import and reading the model in: sizing.yaml
   * coldStart), for the reasons that quote them.
   */
  coldStartLambdaS: number;
  coldStartServerlessS: number;
  /**
   * Whether a queue (an asynchronous endpoint) may scale to zero between uses: the work is
   * offline or batch, or the latency target absorbs a start from zero. Otherwise it keeps the
   * availability floor warm (costs/fleet.ts availabilityMin), and scores as always-on.
   */
  queueScalesToZero: boolean;
  /** Share of the month with any traffic (1 for steady load). */
  activeShare: number;
  /** Values that were estimated rather than answered, with how. */
  estimates: Estimate[];
}

export interface Estimate {
  field: 'peakRequestsPerSecond' | 'inferenceMs' | 'memoryNeededMb' | 'inputTokens' | 'outputTokens';
  value: number;
  how: string;
}

const DEEP_LEARNING = new Set(['pytorch', 'tensorflow', 'huggingface', 'onnx']);

export function deriveWorkload(answers: Answers, sizing: Sizing): Workload {
  const estimates: Estimate[] = [];
  const pattern = answers.trafficPattern;

  let peak = answers.peakRequestsPerSecond;
  if (peak === undefined) {
    const factor = sizing.peakFactor[pattern];
    peak = round(answers.requestsPerSecond * factor, 3);
    estimates.push({
      field: 'peakRequestsPerSecond',
      value: peak,
      how: `${factor}x the average rate, typical of ${pattern} traffic`,
    });
  }
  // A peak below the average is a typo, not a workload: plan for at least the average, and say so
  // where the estimates are shown (it was silent).
  if (peak < answers.requestsPerSecond && answers.peakRequestsPerSecond !== undefined) {
    estimates.push({
      field: 'peakRequestsPerSecond',
      value: answers.requestsPerSecond,
      how: `the answered peak (${peak}) is below the average rate; planned at the average`,
    });
  }
  peak = Math.max(peak, answers.requestsPerSecond);

  const inputTokens = answers.inputTokens ?? sizing.llm.inputTokens;
  const outputTokens = answers.outputTokens ?? sizing.llm.outputTokens;
  let inferenceMs = answers.inferenceMs;
  let estimatedCpuMs: number | undefined;
  if (inferenceMs === undefined) {
    const fw = answers.framework;
    const extraHundreds = Math.max(0, answers.modelSizeMb - 100) / 100;
    let ms = sizing.inferenceMs.baseCpu[fw] + extraHundreds * sizing.inferenceMs.perHundredMb[fw];
    // A generative LLM runs one forward pass for the prompt and one per output token (sizing.yaml
    // llm; accelerators are sized by tokens a second instead, see costs/hardware.ts).
    // On a GPU the request time is modelled per accelerator from tokens a second; this estimate
    // is then the prompt's forward pass, and says so.
    const llm = sizing.llm.frameworks.includes(fw) && answers.modelSizeMb >= sizing.llm.minModelMb;
    const tokens = outputTokens;
    const assumed = answers.outputTokens === undefined ? ' (assumed)' : ' (answered)';
    estimatedCpuMs = llm ? ms * (1 + tokens) : ms;
    const onGpu = answers.gpu !== 'none' && DEEP_LEARNING.has(fw);
    // An LLM's prompt pass on a GPU is the token model's time to first token on the reference
    // T4, so that the time quoted here and each GPU's TTFT share one basis (sizing.yaml llm).
    if (onGpu && llm)
      ms = prefillMs(answers.modelSizeMb, sizing.hardware.accelerators.T4.fp16Tflops, sizing, inputTokens);
    else if (onGpu) ms /= sizing.inferenceMs.gpuSpeedup[fw];
    else ms = estimatedCpuMs;
    inferenceMs = round(ms, 1);
    const what = `${withArticle(answers.modelSizeMb)} MB ${fw} model on ${onGpu ? 'a GPU' : 'one CPU core'}`;
    estimates.push({
      field: 'inferenceMs',
      value: inferenceMs,
      how: !llm
        ? `typical for ${what}`
        : onGpu
          ? `the prompt's forward pass (time to first token) of ${what} of the T4 class, before ${tokens} output tokens${assumed} sized per GPU from tokens a second`
          : `${what} generating ${tokens} output tokens${assumed}, one forward pass each`,
    });
  }

  const speedup = sizing.inferenceMs.gpuSpeedup[answers.framework];
  const gpuHelps = DEEP_LEARNING.has(answers.framework) && speedup > 1;
  // An answered time is for the hardware the answers name: one GPU of the measured class
  // (sizing.yaml inferenceMs.measuredGpu) when one is required, else one CPU core.
  const answeredOnGpu = answers.inferenceMs !== undefined && answers.gpu === 'required' && gpuHelps;
  const estimatedOnGpu = answers.inferenceMs === undefined && answers.gpu !== 'none' && gpuHelps;
  const cpuMs = round(
    estimatedCpuMs ?? (answeredOnGpu || estimatedOnGpu ? inferenceMs * speedup : inferenceMs),
    2,
  );
  const gpuMs = round(gpuHelps ? cpuMs / speedup : cpuMs, 2);

  // A generative LLM's token counts are assumptions wherever they size it: both for the GPU token
  // model (prefill and decode), the output length alone for a CPU estimate of its time.
  const llm =
    sizing.llm.frameworks.includes(answers.framework) && answers.modelSizeMb >= sizing.llm.minModelMb;
  if (llm && (answers.gpu !== 'none' || answers.inferenceMs === undefined)) {
    const source = 'sizing.yaml llm';
    // An answered length is the answer itself; only the assumed ones are estimates.
    if (answers.gpu !== 'none' && answers.inputTokens === undefined)
      estimates.push({
        field: 'inputTokens',
        value: inputTokens,
        how: `prompt tokens a request, assumed for a generative LLM's time to first token (${source}); answer inputTokens to replace it`,
      });
    if (answers.outputTokens === undefined)
      estimates.push({
        field: 'outputTokens',
        value: outputTokens,
        how: `output tokens a request, assumed for a generative LLM's time and throughput (${source}); answer outputTokens to replace it`,
      });
  }

  const memoryNeededMb = Math.ceil(
    sizing.memory.runtimeMb[answers.framework] + answers.modelSizeMb * sizing.memory.perModelMb,
  );
  estimates.push({
    field: 'memoryNeededMb',
    value: memoryNeededMb,
    how: `${sizing.memory.runtimeMb[answers.framework]} MB of ${answers.framework} runtime plus ${sizing.memory.perModelMb}x the model size`,
  });

  return {
    answers,
    peakRequestsPerSecond: peak,
    inferenceMs,
    cpuMs,
    gpuMs,
    gpuHelps,
    memoryNeededMb,
    peakConcurrency: Math.max(1, Math.ceil((peak * inferenceMs) / 1000)),
    monthlyRequests: Math.round(answers.requestsPerSecond * sizing.hoursPerMonth * 3600),
    hoursPerMonth: sizing.hoursPerMonth,
    activeShare: sizing.activeShare[pattern],
    inputTokens,
    outputTokens,
    coldStartLambdaS: coldStartSeconds('lambda', answers, sizing),
    coldStartServerlessS: coldStartSeconds('sagemaker-serverless', answers, sizing),
    queueScalesToZero:
      answers.latencyP95Ms === null ||
      answers.trafficPattern === 'batch' ||
      answers.latencyP95Ms >= coldStartSeconds('sagemaker-async', answers, sizing) * 1000,
    estimates,
  };
}

/**
 * A start from zero, in seconds to a tenth: the option's own start, the framework's import and
 * reading the model in at coldStart.loadMbPerS (sizing.yaml coldStart).
 */
export function coldStartSeconds(
  option: keyof Sizing['coldStart']['startS'],
  answers: Pick<Answers, 'framework' | 'modelSizeMb'>,
  sizing: Sizing,
): number {
  const c = sizing.coldStart;
  const s = c.startS[option] + c.importS[answers.framework] + answers.modelSizeMb / c.loadMbPerS;
  return Math.round(s * 10) / 10;
}

/**
 * A generative LLM's prompt pass (time to first token), ms: 2 x parameters x input tokens of
 * FLOPs at prefillFlopsUtilisation of `tflops`, the FP16 tensor peak of the devices serving one
 * copy (sizing.yaml llm).
 */
export function prefillMs(
  modelSizeMb: number,
  tflops: number,
  sizing: Sizing,
  inputTokens: number = sizing.llm.inputTokens,
): number {
  const g = sizing.llm;
  const parameters = (modelSizeMb * 1e6) / g.bytesPerParameter;
  // TFLOPS is 1e9 FLOPs a millisecond.
  return (2 * parameters * inputTokens) / (tflops * 1e9 * g.prefillFlopsUtilisation);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
