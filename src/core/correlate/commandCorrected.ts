import type { ToolCall } from '../model/toolCall.js';
import { commandOf, isSuccessfulEdit, startDirectoryOf } from './callViews.js';
import { checkSelection, commandFormWasWrong, differsOnlyInOutputFlags, isCheckCommand, skipsChecks } from './checkCommands.js';
import { commandShape } from './normaliseLauncher.js';
import { SEGMENT_SEPARATORS, shellWords } from './shellWords.js';

/**
 * Where a command ran: the session's (or Codex's `workdir`) directory, then every `cd` it made. The
 * normalised command leaves `cd` out, so a fix that only moved elsewhere would read as a change of flags.
 */
function directoryOf(call: ToolCall): string {
  const words = shellWords(commandOf(call) ?? '');
  const moves = words.filter((word, i) => i > 0 && words[i - 1] === 'cd' && (i === 1 || SEGMENT_SEPARATORS.has(words[i - 2])));
  const start = startDirectoryOf(call) ?? '';
  return [start, ...moves].join('\u0000');
}

/**
 * Whether a command that failed and a different form of it that then worked teach a command form.
 * Not when the second form checks less (`--skip`, `-k 'not …'`, `|| true`): that hides the failure, nor
 * when it ran in another directory (`go test -count=1 ./...` → `cd agents/kiro && go test ./...`).
 * Otherwise yes when the failure was about the command itself (unknown flag, missing package path).
 * Not when files were edited in between: the edit fixed the code, whatever flags changed. And not
 * for a test/build/lint run that only picked other tests or other output flags (`-run X`, `-v`, `-count=1`):
 * a check that failed on the code does not pass by being asked differently.
 * Returns why not (the reason the user is shown), or undefined when it does teach one.
 */
export function commandNotCorrected(
  failed: ToolCall,
  fixed: ToolCall,
  between: readonly ToolCall[],
): 'checks_less' | 'other_directory' | 'edit_was_fix' | 'reran_check' | undefined {
  const failedCommand = commandOf(failed) ?? '';
  const fixedCommand = commandOf(fixed) ?? '';
  if (skipsChecks(failedCommand, fixedCommand)) return 'checks_less';
  if (directoryOf(failed) !== directoryOf(fixed)) return 'other_directory';
  if (commandFormWasWrong(failed)) return undefined;
  if (between.some(isSuccessfulEdit)) return 'edit_was_fix';
  const a = commandShape(failedCommand);
  const b = commandShape(fixedCommand);
  if (!isCheckCommand(a)) return undefined;
  const sameSelection = checkSelection(a.args).join('\u0000') === checkSelection(b.args).join('\u0000');
  const otherProgram = a.program !== b.program || a.launcher !== b.launcher;
  return sameSelection && (otherProgram || !differsOnlyInOutputFlags(a.args, b.args)) ? undefined : 'reran_check';
}
