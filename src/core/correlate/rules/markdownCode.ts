/**
 * Inline code for a rule: one line, whole (never cut: a rule naming a command too long to state is dropped
 * before writing, see write/wholeRuleGate), fenced with enough backticks for its content.
 */
export function code(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** A path shown as a folder: `src/` (the project root shows as `.`). */
export function folder(scope: string): string {
  if (scope === '.' || scope.includes(' ') || scope.endsWith('/')) return scope;
  return `${scope}/`;
}

export function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

/** The user's words as a quote inside a rule, with its own double quotes softened. */
export function quote(text: string): string {
  return `“${text.replace(/["“”]/g, "'")}”`;
}
