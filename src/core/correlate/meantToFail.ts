import type { ToolCall } from '../model/toolCall.js';

/**
 * What the agent said it expected, in the words it gave with the call: Claude's and Gemini's Bash
 * `description`, Codex's `justification` (shell calls that ask for approval carry one).
 */
function statedPurpose(call: ToolCall): string | undefined {
  const purpose = call.input.description ?? call.input.justification;
  return typeof purpose === 'string' ? purpose : undefined;
}

/**
 * Purposes that expect the run to fail: a TDD red step, "verify they fail", "to see it fail",
 * a reproduction, or re-running a test already known to fail to read its output ("Run failing test").
 * Real examples from the development corpus: "Run new tests to verify they fail (RED phase)",
 * "Run linter to see failures", "Run the specific failing resume test".
 */
const EXPECTS_FAILURE = [
  /\bred (phase|step)\b|\btdd\b/i,
  /\b(verify|confirm|ensure|prove)\b[^.]{0,40}\bfail(s|ing|ure|ures)?\b/i,
  /\bcheck (that )?(it|they|this|the tests?) fails?\b/i,
  /\bto see (it |them |the |what |which )?(fail|failure|failures|error|errors)\b/i,
  /\b(reproduc(e|es|ing|tion)|repro)\b/i,
  /\b(should|expected? to|expect(ed|s)? (it|them|this) to|must) fail\b/i,
  /\bfailing\b[\w\s-]{0,30}\b(test|tests|spec|specs|case|cases)\b/i,
];

/** A run that was meant to fail is not a mistake: there is nothing to correct and nothing to learn. */
export function meantToFail(call: ToolCall): boolean {
  const purpose = statedPurpose(call);
  return purpose !== undefined && EXPECTS_FAILURE.some((pattern) => pattern.test(purpose));
}
