/** The word of `words` closest to `typed` (case aside), if it is close enough to be what was meant. */
export function nearestWord(typed: string, words: readonly string[]): string | undefined {
  const scored = words.map((word) => ({ word, distance: editDistance(typed.toLowerCase(), word.toLowerCase()) }));
  const best = scored.sort((a, b) => a.distance - b.distance)[0];
  // a typo changes a few letters; beyond a third of the word it is another word
  return best && best.distance <= Math.max(2, Math.floor(typed.length / 3)) ? best.word : undefined;
}

/** Levenshtein distance: the fewest single-letter insertions, deletions and substitutions from a to b. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
