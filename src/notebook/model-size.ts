import type { Evidence, ModelSave } from './types.js';

/** Model size when the notebook's outputs show it (Keras summary, `ls -l`/`du` of the saved file). */
export function detectModelSize(
  outputs: { cell: number; text: string }[],
  primarySave: ModelSave | undefined,
): Evidence<number> | undefined {
  const base = primarySave?.path?.replace(/\/+$/, '').split('/').pop();
  if (base) {
    for (const { cell, text } of outputs) {
      for (const line of text.split('\n')) {
        if (!line.includes(base)) continue;
        const human = /(?:^|\s)(\d+(?:\.\d+)?)\s?([KMGT])i?B?\b/i.exec(line);
        const bytes = /\s(\d{4,})\s+(?:[A-Z][a-z]{2}\s+\d|\d{4}-\d\d)/.exec(line);
        let mb: number | undefined;
        if (human)
          mb =
            Number(human[1]) *
            ({ K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024 } as Record<string, number>)[
              human[2]!.toUpperCase()
            ]!;
        else if (bytes) mb = Number(bytes[1]) / (1024 * 1024);
        if (mb !== undefined && mb > 0)
          return { value: round(mb), cell, evidence: line.trim().slice(0, 160) };
      }
    }
  }
  for (const { cell, text } of outputs) {
    const m = /Total params:\s*([\d,]+)(?:\s*\(([\d.]+)\s*(KB|MB|GB)\))?/.exec(text);
    if (!m) continue;
    const mb = m[2]
      ? Number(m[2]) * ({ KB: 1 / 1024, MB: 1, GB: 1024 } as Record<string, number>)[m[3]!]!
      : (Number(m[1]!.replace(/,/g, '')) * 4) / (1024 * 1024);
    if (mb > 0) return { value: round(mb), cell, evidence: `${m[0]} (float32 weights)` };
  }
  return undefined;
}

function round(mb: number): number {
  return mb >= 10 ? Math.round(mb) : Math.max(0.01, Math.round(mb * 100) / 100);
}
