/**
 * "Did you mean …": the known name closest to a mistyped one (`simluate` → `simulate`,
 * `dazhou2023` → `dazhou-2023`, `--sheme` → `--scheme`), or none when nothing is close.
 */

/**
 * Edit distance with adjacent transpositions (optimal string alignment): the number of
 * insertions, deletions, substitutions and swaps of neighbours that turn `a` into `b`.
 * O(|a|·|b|) time, O(|b|) memory per row.
 */
export function editDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length];
}

/**
 * The candidate closest to `word`, if it is within a third of the word's length (at least
 * one edit, at most three): further than that a suggestion is more noise than help.
 * Case and the separators `-` and `_` are ignored when comparing.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const plain = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const target = plain(word);
  const limit = Math.min(3, Math.max(1, Math.floor(target.length / 3)));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = editDistance(target, plain(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
