import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geminiOutcome } from '../../../../src/core/agents/gemini/geminiOutcome.js';
import { shellExitCode } from '../../../../src/core/agents/gemini/shellExitCode.js';
import { geminiResponseText } from '../../../../src/core/agents/gemini/geminiResponseText.js';
import { geminiCallViews, normaliseGeminiTool } from '../../../../src/core/agents/gemini/geminiToolNames.js';

const OLD_LAYOUT = (code: number) =>
  `Command: make\nDirectory: (root)\nOutput: make: *** No targets.  Stop.\nError: (none)\nExit Code: ${code}\nSignal: 0\nBackground PIDs: (none)\nProcess Group PGID: 123`;

test('exit code from the old layout trailer, 0 and non-zero', () => {
  assert.equal(shellExitCode(OLD_LAYOUT(0)), 0);
  assert.equal(shellExitCode(OLD_LAYOUT(2)), 2);
});

test('exit code from the current layout, wrapped in <untrusted_context> or not; absent means none recorded', () => {
  assert.equal(shellExitCode('<untrusted_context>\nOutput: nope\nExit Code: 1\nProcess Group PGID: 5\n</untrusted_context>'), 1);
  assert.equal(shellExitCode('Output: nope\nError: spawn failed\nExit Code: 1\nSignal: 15\nBackground PIDs: 7, 8\nProcess Group PGID: 5'), 1);
  assert.equal(shellExitCode('<untrusted_context>\nOutput: fine\nProcess Group PGID: 5\n</untrusted_context>'), undefined);
});

test('an "Exit Code: 1" printed by the command itself is not the tool\'s trailer', () => {
  assert.equal(shellExitCode('Output: child said\nExit Code: 1\nall good\nProcess Group PGID: 5'), undefined);
  assert.equal(shellExitCode('Command: x\nDirectory: (root)\nOutput: Exit Code: 1\nError: (none)\nExit Code: 0\nSignal: 0\nBackground PIDs: (none)\nProcess Group PGID: 1'), 0);
});

test('success is ok even when the output is full of "error"; only a non-zero shell exit fails it', () => {
  assert.deepEqual(geminiOutcome('read_file', 'success', 'Error: something\nerror: else\nFAILED', false), { outcome: 'ok' });
  assert.deepEqual(geminiOutcome('run_shell_command', 'success', OLD_LAYOUT(0), false), { outcome: 'ok', exitCode: 0 });
  assert.deepEqual(geminiOutcome('run_shell_command', 'success', OLD_LAYOUT(127), false), { outcome: 'failed', errorKind: 'command_not_found', exitCode: 127 });
  // Another tool's output with an exit-code line is not a shell trailer.
  assert.deepEqual(geminiOutcome('read_file', 'success', 'Output: x\nExit Code: 1', false), { outcome: 'ok' });
});

test('shell timeout and stop-by-user texts of a "success" call', () => {
  assert.deepEqual(
    geminiOutcome('run_shell_command', 'success', 'Command was automatically cancelled because it exceeded the timeout of 5.0 minutes without output. There was no output before it was cancelled.', false),
    { outcome: 'failed', errorKind: 'timeout' },
  );
  assert.deepEqual(
    geminiOutcome('run_shell_command', 'success', 'Command was cancelled by user before it could complete. Below is the output before it was cancelled:\nhi', false),
    { outcome: 'interrupted' },
  );
});

test('cancelled: declined or batch-cancelled → rejected; stopped during execution → interrupted', () => {
  assert.equal(geminiOutcome('replace', 'cancelled', '[Operation Cancelled] Reason: User denied execution.', true).outcome, 'rejected');
  assert.equal(geminiOutcome('replace', 'cancelled', '[Operation Cancelled] Reason: User did not allow tool call', true).outcome, 'rejected');
  assert.equal(geminiOutcome('glob', 'cancelled', '[Operation Cancelled] Reason: User cancelled operation', true).outcome, 'rejected');
  assert.equal(geminiOutcome('run_shell_command', 'cancelled', '[Operation Cancelled] Reason: Operation cancelled by user', true).outcome, 'interrupted');
  assert.equal(geminiOutcome('run_shell_command', 'cancelled', 'Command was cancelled by user before it could complete.', false).outcome, 'interrupted');
});

test('error → failed and classified; unfinished statuses → interrupted; no status → by the response', () => {
  assert.deepEqual(geminiOutcome('read_file', 'error', 'File not found: /a/b', true), { outcome: 'failed', errorKind: 'file_not_found' });
  assert.deepEqual(geminiOutcome('run_shell_command', 'executing', '', false), { outcome: 'interrupted' });
  assert.deepEqual(geminiOutcome('replace', 'awaiting_approval', '', false), { outcome: 'interrupted' });
  assert.deepEqual(geminiOutcome('glob', undefined, 'Path is a directory: /a', true), { outcome: 'failed', errorKind: 'is_directory' });
  assert.deepEqual(geminiOutcome('glob', undefined, 'a.ts', false), { outcome: 'ok' });
});

test('response text: output, error, plain string, text parts, other response objects as JSON', () => {
  assert.deepEqual(geminiResponseText([{ functionResponse: { id: 'a', name: 'x', response: { output: 'out' } } }]), { text: 'out', hasError: false });
  assert.deepEqual(geminiResponseText([{ functionResponse: { response: { error: 'bad' } } }]), { text: 'bad', hasError: true });
  assert.deepEqual(geminiResponseText('plain'), { text: 'plain', hasError: false });
  assert.deepEqual(geminiResponseText({ functionResponse: { response: { content: [1] } } }), { text: '{"content":[1]}', hasError: false });
  assert.deepEqual(geminiResponseText([{ functionResponse: { response: { output: 'a' } } }, { text: 'b' }]), { text: 'a\nb', hasError: false });
  assert.deepEqual(geminiResponseText(null), { text: '', hasError: false });
});

test('tool names: built-ins, both grep names, MCP tools by name, anything else Other', () => {
  const names = ['run_shell_command', 'read_file', 'read_many_files', 'write_file', 'replace', 'list_directory', 'glob', 'search_file_content', 'grep', 'web_fetch', 'google_web_search', 'write_todos', 'save_memory', 'github__create_issue', 'mcp_github_create_issue', 'activate_skill'];
  assert.deepEqual(names.map(normaliseGeminiTool), ['Bash', 'Read', 'Read', 'Write', 'Edit', 'LS', 'Glob', 'Grep', 'Grep', 'WebFetch', 'WebSearch', 'Todo', 'Other', 'Mcp', 'Mcp', 'Other']);
  assert.deepEqual(geminiCallViews('Read', { paths: ['a.ts', 'b.ts'] }), { path: 'a.ts b.ts' });
  assert.deepEqual(geminiCallViews('Bash', { command: 'ls', dir_path: 'src' }), { command: 'ls', path: 'src' });
  assert.deepEqual(geminiCallViews('Grep', { pattern: 'TODO', path: 'lib' }), { path: 'lib', pattern: 'TODO' });
});
