/** How each error kind reads inside a rule. */
const WORDS: Record<string, string> = {
  module_not_found: 'module not found',
  command_not_found: 'command not found',
  file_not_found: 'file not found',
  permission_denied: 'permission denied',
  file_too_large: 'too large to read whole',
  is_directory: 'is a directory',
  no_matches: 'no matches',
  syntax_error: 'syntax error',
  timeout: 'timed out',
  exit_code: 'non-zero exit',
  tool_validation: 'invalid tool call',
  edit_mismatch: 'text to replace not found',
  other: 'error',
};

export function errorKindWords(kind: string): string {
  return WORDS[kind] ?? kind.replace(/_/g, ' ');
}
