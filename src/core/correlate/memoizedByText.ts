/**
 * A pure function of a text, remembered per text in this process: a Learn works out the same commands' shapes and
 * subjects again and again (each finding kind, each backtest replay). Bounded: at most `maxEntries` results (the
 * oldest go first), and only for texts up to `maxTextChars` (a long heredoc is worked out each time it is asked).
 * Results are shared between callers, so they must be immutable (strings, or frozen objects).
 */
export function memoizedByText<T>(compute: (text: string) => T, maxEntries = 8192, maxTextChars = 4096): (text: string) => T {
  const known = new Map<string, T>();
  return (text: string): T => {
    if (known.has(text)) return known.get(text) as T;
    const result = compute(text);
    if (text.length <= maxTextChars) {
      if (known.size >= maxEntries) known.delete(known.keys().next().value as string);
      known.set(text, result);
    }
    return result;
  };
}
