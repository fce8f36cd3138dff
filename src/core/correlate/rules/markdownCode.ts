const CODE_MAX_CHARS = 100;

/** Inline code for a rule: one line, bounded, fenced with enough backticks for its content. */
export function code(text: string): string {
  let oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length > CODE_MAX_CHARS) oneLine = `${oneLine.slice(0, CODE_MAX_CHARS - 1)}…`;
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
