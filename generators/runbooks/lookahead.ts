// Walks a list while the work of the next items is already under way: `start` runs for up to
// `depth` items beyond the one handed out, so that work done elsewhere (the diagram thread) is
// finished by the time its item comes up, and never more than `depth` items are held at once.
// Items are started in batches (refilled once half the depth is used up), so that the thread
// doing that work is woken once per batch rather than once per item.
export function* lookahead<T, R>(items: readonly T[], depth: number, start: (item: T) => R): Generator<[T, R]> {
  const started: R[] = [];
  let next = 0;
  for (const item of items) {
    if (started.length <= depth / 2) while (next < items.length && started.length <= depth) started.push(start(items[next++]!));
    yield [item, started.shift()!];
  }
}
