/**
 * Counting work, not time: while `count` runs its function, every array search and reshuffle
 * (`includes`, `indexOf`, `find`, `some`, `filter`, `splice`, `sort` …) adds the length of the
 * array it walks. A linear reading of n associations walks O(n) elements in all; one that checks
 * each new id against the ids kept so far walks n²/2, which this shows without a clock.
 */
const METHODS = ['includes', 'indexOf', 'lastIndexOf', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every', 'filter', 'splice', 'sort'] as const;

/**
 * Runs `run` and returns its result with the number of array elements its searches walked.
 *
 * @example
 * const { walked } = countArrayWork(() => fromHubSpot(records));
 */
export function countArrayWork<T>(run: () => T): { result: T; walked: number } {
  let walked = 0;
  const prototype = Array.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = METHODS.map((name) => [name, prototype[name]!] as const);
  for (const [name, original] of originals) {
    prototype[name] = function (this: unknown[], ...args: unknown[]) {
      walked += this.length;
      return original.apply(this, args);
    };
  }
  try {
    return { result: run(), walked };
  } finally {
    for (const [name, original] of originals) prototype[name] = original;
  }
}
