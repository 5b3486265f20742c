import { distance } from 'fastest-levenshtein';

/** The closest candidate within a third of the word's length, for "did you mean" hints. */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.ceil(word.length / 3)) + 1;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    // The distance is at least the difference in length: a huge word costs nothing to reject.
    if (Math.abs(c.length - word.length) > bestDistance) continue;
    const d = distance(lower, c.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== null && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
