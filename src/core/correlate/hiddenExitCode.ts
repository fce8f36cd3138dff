import { commandOf } from './callViews.js';
import type { ToolCall } from '../model/toolCall.js';
import { shellWords } from './shellWords.js';

/**
 * Programs whose exit code replaces the real command's at the end of a pipe: `go test | tail -5`
 * ends 0 whenever tail does. (Claude and Gemini take the outcome from the shell's exit code; Codex
 * from exec_command_end's, which is the same shell's.)
 */
const PIPE_FILTERS: ReadonlySet<string> = new Set(['tail', 'head', 'grep', 'egrep', 'rg', 'tee', 'sed', 'awk', 'cut', 'sort', 'uniq', 'wc', 'cat', 'less', 'more', 'jq', 'tr', 'column', 'xargs']);

/** Commands that always succeed, so `x; echo done` or `x || true` ends 0 whatever x did. */
const ALWAYS_SUCCEED: ReadonlySet<string> = new Set(['echo', 'true', 'printf', ':']);

/** Lines in which a test runner or compiler reports a failure in its own output. */
const FAILING_VERDICTS = [
  /^(FAIL|--- FAIL)\b/m, // go test
  /\b[1-9]\d* (failed|failing)\b/, // vitest, jest, pytest, mocha, node:test summaries
  /^test result: FAILED\./m, // cargo test
  /^(error|Error)(\[\w+\])?:/m,
  /^\S+\.\w+:\d+:\d+: /m, // compiler / linter diagnostics "file.go:12:3: …"
  /^BUILD FAILED/m,
];

/** Lines in which a test runner or build reports success in its own output. */
const PASSING_VERDICTS = [
  /^ok\s+\S+/m, // go test: "ok  	pkg	0.1s"
  /^(PASS|--- PASS)\b/m,
  /\b[1-9]\d* (passed|passing)\b/,
  /^test result: ok\./m,
  /^BUILD SUCCESSFUL/m,
];

/** The words after the last top-level `|`, `;`, `&&` or `||`, with the operator before them. */
function lastSegment(words: readonly string[]): { operator?: string; words: string[] } {
  for (let i = words.length - 1; i >= 0; i--) {
    if (['|', ';', '&&', '||'].includes(words[i])) return { operator: words[i], words: words.slice(i + 1) };
  }
  return { words: [...words] };
}

/**
 * True when the shell's exit code is not the exit code of the command that did the work: it ends in a
 * pipe filter (`| tail`, `| grep`, `2>&1 | tee log`), or in a command that always succeeds after `;` or `||`
 * (`; echo "exit=$?"`, `|| true`). `set -o pipefail` makes a failing pipe fail, so it does not hide anything.
 */
export function hidesExitCode(command: string): boolean {
  const words = shellWords(command);
  if (words.includes('pipefail')) return false;
  const last = lastSegment(words);
  const program = last.words[0];
  if (program === undefined || last.operator === undefined) return false;
  if (last.operator === '|') return PIPE_FILTERS.has(program);
  if (last.operator === ';' || last.operator === '||') return ALWAYS_SUCCEED.has(program) || (program === 'exit' && last.words[1] === '0');
  return false;
}

/** The output itself says the run passed: a runner's ok/PASS line, and no FAIL or error line. */
export function showsPassingVerdict(output: string): boolean {
  return PASSING_VERDICTS.some((line) => line.test(output)) && !FAILING_VERDICTS.some((line) => line.test(output));
}

/**
 * A shell call whose success says nothing: its exit code was hidden and its output does not show a pass.
 * Such a call cannot prove that a failure was fixed.
 */
export function successUnseen(call: ToolCall): boolean {
  if (call.tool !== 'Bash') return false;
  const command = commandOf(call);
  return command !== undefined && hidesExitCode(command) && !showsPassingVerdict(call.output);
}
