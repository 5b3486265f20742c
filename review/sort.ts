// Ordering that does not depend on the locale: plain code-unit comparison.
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A comparator on a string key. */
export const byKey =
  <T>(key: (x: T) => string) =>
  (a: T, b: T): number =>
    compareStrings(key(a), key(b));
