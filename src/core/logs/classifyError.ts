import type { ErrorKind } from '../model/toolCall.js';

/**
 * Classifies the text of a call that already failed (by its format's own signal)
 * into an error kind. It is never used to decide *whether* a call failed.
 * Order matters: the most specific signals come first.
 */
const RULES: ReadonlyArray<readonly [ErrorKind, RegExp]> = [
  // Not "deadline exceeded" or ETIMEDOUT: programs print those in their own logs when a test fails.
  ['timeout', /\b(timed out|timeout exceeded|command timed out|exceeded the timeout)\b/i],
  ['module_not_found', /\b(ModuleNotFoundError|No module named|Cannot find module|ERR_MODULE_NOT_FOUND|ImportError: cannot import|cannot find package|could not import)\b/i],
  ['command_not_found', /(command not found|\b\d+: [\w.+-]+: not found\b|is not recognized as an internal or external command|No such file or directory \(os error 2\) while spawning|executable file not found in \$PATH|\bENOENT\b.*\bspawn\b|spawn \S+ ENOENT|Unknown command\b)/i],
  ['file_too_large', /(exceeds maximum allowed (size|tokens)|File content \(\d[\d.,]*\s*\w*\) exceeds|file is too large|too large to read|exceeds the maximum|exceeds the \d+(?:\.\d+)?\s*[KMG]i?B limit|use offset and limit|output (?:was )?truncated)/i],
  ['is_directory', /(EISDIR|Is a directory|is a directory, not a file|Path is a directory)/i],
  ['permission_denied', /(Permission denied|EACCES|EPERM|Operation not permitted|Permission to use .* has been denied|requested permissions to .* but you haven't granted it yet|not allowed by (?:the )?(?:sandbox|policy)|denied by (?:the )?policy|Path not in workspace|outside the allowed workspace|sandbox(?:ed)? denied|blocked by policy|blocked by (?:the )?\.(?:cline|roo)ignore)/i],
  ['edit_mismatch', /(String to replace not found|old_string (?:was )?not found|Failed to edit|could not find the string|0 occurrences found|apply_patch verification failed|Failed to find expected lines|No changes to apply|Found \d+ matches of the string to replace|No changes to make: old_string and new_string)/i],
  ['file_not_found', /(ENOENT|No such file or directory|File does not exist|file not found|(?:file|path|directory|folder)\b[^\n]{0,120}\bdoes not exist|does not exist[^\n]{0,40}\b(?:file|path|directory)|cannot find the (?:file|path)|Path not found|not a valid path)/i],
  ['no_matches', /(No matches found|No files found|no files matched|0 matches|No results found|Found 0 matches)/i],
  ['syntax_error', /(SyntaxError|syntax error|ParseError|unexpected token|unterminated|IndentationError|error TS1\d{3}:)/i],
  ['tool_validation', /(<tool_use_error>|InputValidationError|Invalid tool parameters|invalid arguments|must be read first|File has not been read yet|has been modified since read|params\/\w+ must|failed to parse function arguments|unknown tool|params must have required property|Invalid parameters provided|not found in registry|Missing value for required parameter)/i],
];

export function classifyError(text: string, exitCode?: number): ErrorKind {
  // Exit code 127 is the shell's own "command not found".
  if (exitCode === 127) return 'command_not_found';
  if (exitCode === 126) return 'permission_denied';
  const sample = text.length > 20_000 ? `${text.slice(0, 10_000)}\n${text.slice(-10_000)}` : text;
  for (const [kind, pattern] of RULES) {
    if (pattern.test(sample)) return kind;
  }
  if (exitCode !== undefined && exitCode !== 0) return 'exit_code';
  return 'other';
}
