/** The redactor's shape (src/core/redact/redactSecrets.ts): secrets replaced by placeholders, counted per rule. */
export type RedactText = (text: string) => { text: string; findings: Array<{ rule: string; count: number }> };

/** Adds one redaction's counts into a running tally per rule. */
export function addRedactionCounts(tally: Map<string, number>, findings: ReadonlyArray<{ rule: string; count: number }>): void {
  for (const { rule, count } of findings) tally.set(rule, (tally.get(rule) ?? 0) + count);
}

export function describeRedactions(tally: ReadonlyMap<string, number>): string | undefined {
  const total = [...tally.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return undefined;
  const parts = [...tally.entries()].map(([rule, count]) => `${rule} ×${count}`);
  return `Redacted ${total} secret${total === 1 ? '' : 's'} from the prompt before sending (${parts.join(', ')}).`;
}
