import type { Correction } from '../model/finding.js';

/**
 * Drops corrections that contradict each other: if A → B and B → A were both seen (same kind),
 * neither direction is a fact about the project. `normalise` maps a from/to value to how it
 * compares (e.g. project-relative paths).
 */
export function dropContradictions(
  corrections: readonly Correction[],
  normalise: (value: string, correction: Correction) => string,
): { kept: Correction[]; dropped: Correction[] } {
  const direction = (c: Correction) => {
    const from = normalise(c.change?.from ?? '', c);
    const to = normalise(c.change?.to ?? '', c);
    return { forward: `${c.kind}\u0000${from}\u0000${to}`, backward: `${c.kind}\u0000${to}\u0000${from}` };
  };
  const seen = new Set(corrections.map((c) => direction(c).forward));
  const kept: Correction[] = [];
  const dropped: Correction[] = [];
  for (const correction of corrections) {
    const { forward, backward } = direction(correction);
    (forward !== backward && seen.has(backward) ? dropped : kept).push(correction);
  }
  return { kept, dropped };
}
