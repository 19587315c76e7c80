// "Did you mean" suggestions for unknown names (policies, metrics, skill groups, keys). Pure;
// imports nothing.

/**
 * The closest candidate to `word` (optimal-string-alignment Damerau–Levenshtein distance, case
 * insensitive), or `undefined` when none is close enough: a distance of at most 1 for words of up to
 * 4 letters, 2 up to 8, 3 beyond; or `word` (3 letters or more) is the start of a candidate
 * (`expo` → `exponential`). Ties go to the earlier candidate.
 * @example suggest('presale', ['presales', 'aftersales']) // 'presales'
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  if (w === '') return undefined;
  const limit = w.length <= 4 ? 1 : w.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (c === w) return candidate;
    const d = editDistance(w, c);
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== undefined) return best;
  if (w.length >= 3) return candidates.find((c) => c.toLowerCase().startsWith(w));
  return undefined;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
}

/** `; did you mean "x"?` when `suggest` finds one, else an empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const hint = suggest(word, candidates);
  return hint === undefined ? '' : `; did you mean "${hint}"?`;
}
