import type { ToolCall } from '../model/toolCall.js';
import { commandOf } from './callViews.js';
import { checksWholeProject, commandFormWasWrong, isCheckCommand, withoutOutputFlags } from './checkCommands.js';
import { hidesExitCode } from './hiddenExitCode.js';
import { failingChecks } from './derive/failingChecks.js';
import { meantToFail } from './meantToFail.js';
import { commandShape } from './normaliseLauncher.js';

/**
 * The project's gate a call ran, as the rule names it: a lint, format, type-check, build or test command
 * over the whole project (`mise run lint`, `go test ./...`, `npm test`, `cargo clippy`), alone (not in a
 * `a && b` chain), output flags left out (`go test -v ./...` is `go test ./...`). Undefined otherwise.
 */
export function gateCommandOf(call: ToolCall): string | undefined {
  if (call.tool !== 'Bash') return undefined;
  const shape = commandShape(commandOf(call) ?? '');
  if (!shape.program || shape.compound || !isCheckCommand(shape) || !checksWholeProject(shape.args)) return undefined;
  return withoutOutputFlags(shape.words).join(' ');
}

/** Output that points at the code: a `file.ext:line` location, a failing test (`--- FAIL`, `FAIL\tpkg`, `3 failed`). */
const CODE_PROBLEM = /\S+\.[A-Za-z]\w{0,7}:\d+|^\s*--- FAIL|^FAIL\b|\b\d+ (?:failed|failing)\b/m;

/**
 * A gate run that really failed on the code: its exit code is visible (not hidden by `| tail` or `; echo`),
 * it was not meant to fail (a red step, "to see the failures"), the failure is no usage error, missing
 * program or timeout, and the output shows problems in the code (a named check, a file location, a failing
 * test) — not a checker that could not run (golangci-lint "no go files to analyze").
 */
export function failedOnTheCode(call: ToolCall): boolean {
  if (call.outcome !== 'failed' || call.errorKind !== 'exit_code' || call.exitCode === undefined) return false;
  if (hidesExitCode(commandOf(call) ?? '') || meantToFail(call) || commandFormWasWrong(call)) return false;
  return failingChecks(call.output).length > 0 || CODE_PROBLEM.test(call.output);
}
