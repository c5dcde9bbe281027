/**
 * "Did you mean": the nearest known words to a typo ("sagmaker" → sagemaker, "/sav" → /save),
 * by edit distance with transpositions, allowing about one slip per four letters.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 3) return 4;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** How many slips a word of this length may carry and still be recognised. */
export function allowedSlips(word: string): number {
  return word.length < 4 ? 0 : word.length < 8 ? 1 : 2;
}

/** The known words nearest to `word` within the allowed slips, best first. */
export function nearest(word: string, known: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  const slips = allowedSlips(w);
  if (slips === 0) return [];
  return [...new Set(known)]
    .map((k) => ({ k, d: editDistance(w, k.toLowerCase()) }))
    .filter(({ d }) => d > 0 && d <= slips)
    .sort((x, y) => x.d - y.d || x.k.localeCompare(y.k))
    .slice(0, max)
    .map(({ k }) => k);
}
