// Walks a list while the work of the next items is already under way: `start` runs for up to
// `depth` items beyond the one handed out, so that work done elsewhere (the diagram thread) is
// finished by the time its item comes up, and never more than `depth` items are held at once.
export function* lookahead<T, R>(items: readonly T[], depth: number, start: (item: T) => R): Generator<[T, R]> {
  const started: R[] = [];
  let next = 0;
  for (const item of items) {
    while (next < items.length && started.length <= depth) started.push(start(items[next++]!));
    yield [item, started.shift()!];
  }
}
