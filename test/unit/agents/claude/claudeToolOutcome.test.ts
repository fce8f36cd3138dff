import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claudeToolOutcome, leadingExitCode, rejectionFeedback } from '../../../../src/core/agents/claude/claudeToolOutcome.js';
import { classifyError } from '../../../../src/core/logs/classifyError.js';

const REJECTED = "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). ";

test('is_error decides: the same text is ok without it and failed with it', () => {
  const text = 'Exit code 1\nError: cannot open file';
  assert.deepEqual(claudeToolOutcome(text, false), { outcome: 'ok' });
  assert.equal(claudeToolOutcome(text, true).outcome, 'failed');
});

test('both rejection texts are rejections; feedback only after "the user said:"', () => {
  assert.deepEqual(claudeToolOutcome(`${REJECTED}To tell you how to proceed, the user said:\n  keep the old name \n`, true), {
    outcome: 'rejected',
    userFeedback: 'keep the old name',
  });
  assert.deepEqual(claudeToolOutcome(`${REJECTED}STOP what you are doing and wait for the user to tell you how to proceed.`, true), {
    outcome: 'rejected',
    userFeedback: undefined,
  });
  assert.equal(
    claudeToolOutcome("The user doesn't want to take this action right now. STOP what you are doing and wait for the user to tell you how to proceed.", true).outcome,
    'rejected',
  );
  assert.equal(rejectionFeedback(`${REJECTED}To tell you how to proceed, the user said:\n`), undefined, 'empty feedback is none');
});

test('interrupts and sibling cancellations are interrupted, not failed', () => {
  assert.deepEqual(claudeToolOutcome('[Request interrupted by user for tool use]', true), { outcome: 'interrupted' });
  assert.deepEqual(claudeToolOutcome('[Request interrupted by user]', true), { outcome: 'interrupted' });
  assert.deepEqual(claudeToolOutcome('<tool_use_error>Sibling tool call errored</tool_use_error>', true), { outcome: 'interrupted' });
});

test('exit code from a leading "Exit code N" only', () => {
  assert.equal(leadingExitCode('Exit code 127\nzsh: command not found: foo'), 127);
  assert.equal(leadingExitCode('make: Exit code 2'), undefined);
  assert.equal(claudeToolOutcome('Exit code 127\n(eval):1: no such file or directory: ./x.sh', true).errorKind, 'command_not_found');
});

test('a <tool_use_error> is classified by its message line, not by the input it echoes', () => {
  const echoed = '<tool_use_error>String to replace not found in file.\nString: throw new Error("ModuleNotFoundError: timed out")</tool_use_error>';
  assert.equal(claudeToolOutcome(echoed, true).errorKind, 'edit_mismatch');
  assert.equal(
    claudeToolOutcome('<tool_use_error>InputValidationError: Read failed due to the following issue:\nThe required parameter `file_path` is missing</tool_use_error>', true).errorKind,
    'tool_validation',
  );
});

// Rules added to the shared classifier for Claude Code's messages (agent-neutral wording).
test('classifyError: "Found N matches of the string to replace" is an edit mismatch', () => {
  assert.equal(classifyError('Found 3 matches of the string to replace, but replace_all is false.'), 'edit_mismatch');
});

test('classifyError: "No changes to make: old_string and new_string are exactly the same" is an edit mismatch', () => {
  assert.equal(classifyError('<tool_use_error>No changes to make: old_string and new_string are exactly the same.</tool_use_error>'), 'edit_mismatch');
});

test('classifyError: "requested permissions to … but you haven\'t granted it yet" is permission denied', () => {
  assert.equal(classifyError("Claude requested permissions to write to /repo/.env, but you haven't granted it yet."), 'permission_denied');
});
