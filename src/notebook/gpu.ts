import type { GpuNeed } from '../core/answers.js';
import type { CodeView } from './cells.js';
import { argText, kw } from './python.js';
import type { Evidence } from './types.js';

/** GPU need: `required` when CUDA is forced with no CPU path (or 4/8-bit quantisation), `optional` on hints. */
export function detectGpu(
  views: CodeView[],
  accelerator: string | undefined,
): { need: Evidence<GpuNeed>; signals: Evidence<string>[] } {
  const signals: Evidence<string>[] = [];
  let forced: Evidence<string> | undefined;
  let quantised: Evidence<string> | undefined;
  let fallback = false;
  for (const view of views) {
    const add = (line: number, kind: string) => {
      const evidence = (view.lines[line - 1] ?? '').trim();
      const hit = { value: kind, cell: view.cell, evidence };
      if (!signals.some((s) => s.cell === hit.cell && s.evidence === hit.evidence)) signals.push(hit);
      return hit;
    };
    for (const line of view.logical) {
      const text = line.tokens.map((t) => t.text).join(' ');
      if (
        /\b(?:cuda|accelerator)\s*\.\s*is_available\b|list_physical_devices|is_gpu_available|\bmps\b\s*\.\s*is_available/.test(
          text,
        )
      ) {
        fallback = true;
        add(line.firstLine, 'conditional device');
      }
      if (/torch \. accelerator/.test(text)) add(line.firstLine, 'torch.accelerator');
    }
    for (const t of view.tokens) {
      // device = "cuda" / torch.device("cuda:0") / DEVICE = 'cuda'
      if (t.type === 'string' && t.value !== undefined && /^cuda(?::\d+)?$/i.test(t.value))
        forced ??= add(t.line, '"cuda"');
    }
    for (const call of view.calls) {
      const argValues = call.args.map((a) =>
        a.tokens.length === 1 && a.tokens[0]!.type === 'string' ? (a.tokens[0]!.value ?? '') : '',
      );
      const kwValue = (name: string) => {
        const arg = kw(call, name);
        return arg && arg.tokens.length === 1 && arg.tokens[0]!.type === 'string'
          ? arg.tokens[0]!.value
          : undefined;
      };
      if (call.method === 'cuda' && call.receiver !== '' && !/^torch$/.test(call.receiver)) {
        forced ??= add(call.line, '.cuda()');
        add(call.line, '.cuda()');
      }
      if (
        (call.method === 'to' || call.callee === 'torch.device' || call.callee === 'tf.device') &&
        argValues.some((v) => /^(?:cuda(?::\d+)?|\/?(?:device:)?GPU(?::\d+)?)$/i.test(v))
      ) {
        forced ??= add(call.line, 'cuda device');
        add(call.line, 'cuda device');
      }
      const device = kwValue('device');
      if (device !== undefined && /^cuda/i.test(device)) forced ??= add(call.line, 'device="cuda"');
      const deviceMap = kw(call, 'device_map');
      if (deviceMap) {
        const value = kwValue('device_map');
        if (value !== undefined && /^cuda/.test(value)) forced ??= add(call.line, 'device_map="cuda"');
        else add(call.line, 'device_map');
      }
      const n8 = kw(call, 'load_in_8bit');
      const n4 = kw(call, 'load_in_4bit');
      if (
        (n8 && argText(n8) === 'True') ||
        (n4 && argText(n4) === 'True') ||
        call.callee.endsWith('BitsAndBytesConfig')
      ) {
        quantised ??= add(call.line, 'bitsandbytes quantisation');
      }
    }
  }
  if (quantised) {
    return {
      need: {
        value: 'required',
        cell: quantised.cell,
        evidence: `${quantised.evidence} (bitsandbytes 4/8-bit loading runs on CUDA only)`,
      },
      signals,
    };
  }
  if (forced && !fallback) {
    return {
      need: {
        value: 'required',
        cell: forced.cell,
        evidence: `${forced.evidence} (CUDA with no CPU fallback in the notebook)`,
      },
      signals,
    };
  }
  const first = signals[0];
  if (first)
    return {
      need: {
        value: 'optional',
        cell: first.cell,
        evidence: `${first.evidence} (uses a GPU when one is present)`,
      },
      signals,
    };
  if (accelerator && /gpu|tpu/i.test(accelerator)) {
    const hit = {
      value: 'optional',
      cell: null,
      evidence: `notebook metadata "accelerator": "${accelerator}" (Colab runtime)`,
    };
    signals.push(hit);
    return { need: { value: 'optional', cell: null, evidence: hit.evidence }, signals };
  }
  return {
    need: { value: 'none', cell: null, evidence: 'no CUDA, device or accelerator use found in the notebook' },
    signals,
  };
}
