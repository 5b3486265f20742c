// Small pieces of English the review's sentences share.

/** `survive` for a plural service name ("Emergency calls"), `survives` for a singular one ("Presence"). */
export function survive(serviceName: string): string {
  return /s$/i.test(serviceName.trim()) ? 'survive' : 'survives';
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `a`, `a and b`, `a, b and c`. */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
