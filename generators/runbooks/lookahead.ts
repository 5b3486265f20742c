// Walks a list while the work of the next items is already under way: `start` runs for up to
// `depth` items beyond the one handed out, so that work done elsewhere (the diagram thread) is
// finished by the time its item comes up, and never more than `depth` items are held at once.
// Items are started in batches (refilled once half the depth is used up), so that the thread
// doing that work is woken once per batch rather than once per item. The first batch starts at
// once, before the walk, so that it runs while the caller still prepares.
export function lookahead<T, R>(items: readonly T[], depth: number, start: (item: T) => R): Iterable<[T, R]> {
  const started: R[] = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && started.length <= depth) started.push(start(items[next++]!));
  };
  fill();
  return (function* () {
    for (const item of items) {
      if (started.length <= depth / 2) fill();
      yield [item, started.shift()!] as [T, R];
    }
  })();
}
