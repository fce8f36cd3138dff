/** `session_meta.source` is a string ('cli', 'exec', …) or, for a sub-agent thread, an object naming the parent. */
export function isSubagentSource(source: unknown): boolean {
  if (typeof source === 'string') return source === 'subagent' || source.startsWith('subagent');
  return !!source && typeof source === 'object' && 'subagent' in source;
}
