import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseClaudeSession } from '../../../../src/core/agents/claude/parseClaudeSession.js';
import type { ToolCall } from '../../../../src/core/model/toolCall.js';
import { APP_FOLDER, APP_PROJECT, APP_RESUMED_SESSION, APP_SESSION, sessionFile } from './claudeFixtureHome.js';

const MAIN = path.join(APP_FOLDER, `${APP_SESSION}.jsonl`);

async function mainCalls(): Promise<Map<string, ToolCall>> {
  const session = await parseClaudeSession(sessionFile(MAIN));
  return new Map(session.calls.map((call) => [call.callId, call]));
}

/*
 * The main fixture session has 26 tool_use blocks, toolu_A01…A26, each on its own
 * assistant line followed by its tool_result line: A01 uses line 3 / result line 4,
 * A02 5/6, …, A08 17/18, then an interrupt text record on line 19, so A09 is 20/21,
 * and A(n) is (2n+2)/(2n+3) up to A25 52/53; line 54 is assistant text and A26 (line
 * 55) has no result. Line 1 is a file-history-snapshot, line 2 the prompt.
 */
test('each errorKind Claude Code produces, from its own error texts', async () => {
  const calls = await mainCalls();
  const expected: Array<[string, string, string, number | undefined]> = [
    ['toolu_A01', 'command_not_found', 'Exit code 1 + "sh: 1: tsc: not found"', 1],
    ['toolu_A03', 'file_not_found', '<tool_use_error>File does not exist.</tool_use_error>', undefined],
    ['toolu_A04', 'file_too_large', 'File content (41234 tokens) exceeds maximum allowed tokens (25000)', undefined],
    ['toolu_A05', 'edit_mismatch', 'String to replace not found — its echoed old_string says "timed out"', undefined],
    ['toolu_A13', 'timeout', 'Command timed out after 2m 0.0s', undefined],
    ['toolu_A14', 'permission_denied', 'cat: /etc/shadow: Permission denied', 1],
    ['toolu_A15', 'is_directory', 'EISDIR: illegal operation on a directory, read', undefined],
    ['toolu_A16', 'module_not_found', "ModuleNotFoundError: No module named 'yaml'", 1],
    ['toolu_A17', 'syntax_error', "SyntaxError: Unexpected token '}'", 1],
    ['toolu_A18', 'no_matches', '(eval):1: no matches found: *.orig', 1],
    ['toolu_A19', 'tool_validation', 'File has not been read yet', undefined],
    ['toolu_A20', 'permission_denied', "Claude requested permissions to use Bash, but you haven't granted it yet.", undefined],
    ['toolu_A21', 'other', 'Request failed with status code 404', undefined],
    ['toolu_A22', 'exit_code', 'Exit code 2 + make: *** Error 2', 2],
    ['toolu_A23', 'edit_mismatch', 'Found 2 matches of the string to replace, but replace_all is false', undefined],
  ];
  for (const [id, errorKind, why, exitCode] of expected) {
    const call = calls.get(id)!;
    assert.equal(call.outcome, 'failed', `${id}: ${why}`);
    assert.equal(call.errorKind, errorKind, `${id}: ${why}`);
    assert.equal(call.exitCode, exitCode, `${id}: exit code`);
  }
});

test('is_error absent or false is ok, even when the output says "error" or "No such file"', async () => {
  const calls = await mainCalls();
  const grep = calls.get('toolu_A02')!;
  assert.match(grep.output, /logger\.error/);
  assert.equal(grep.outcome, 'ok');
  assert.equal(grep.errorKind, undefined);
  assert.equal(calls.get('toolu_A12')!.outcome, 'ok', 'Glob "No files found" is a result, not a failure');
  assert.equal(calls.get('toolu_A10')!.outcome, 'ok', 'is_error: false');
});

test('rejections keep the user feedback when given, and none when not', async () => {
  const calls = await mainCalls();
  const withFeedback = calls.get('toolu_A06')!;
  assert.equal(withFeedback.outcome, 'rejected');
  assert.equal(withFeedback.userFeedback, 'use the logger instead of console');
  assert.equal(withFeedback.errorKind, undefined);
  const without = calls.get('toolu_A07')!;
  assert.equal(without.outcome, 'rejected');
  assert.equal(without.userFeedback, undefined);
});

test('an interrupted Bash and a call with no result in the file are interrupted', async () => {
  const calls = await mainCalls();
  const interrupted = calls.get('toolu_A08')!;
  assert.deepEqual([interrupted.outcome, interrupted.line, interrupted.command], ['interrupted', 18, 'npm test']);
  const unanswered = calls.get('toolu_A26')!;
  assert.deepEqual([unanswered.outcome, unanswered.line, unanswered.output, unanswered.outputBytes], ['interrupted', 55, '', 0]);
});

test('calls keep their order, lines, tools, convenience fields and session facts', async () => {
  const session = await parseClaudeSession(sessionFile(MAIN));
  assert.equal(session.sessionId, APP_SESSION);
  assert.equal(session.cwd, APP_PROJECT);
  assert.equal(session.startedAt, '2026-03-01T10:00:01.000Z', 'the snapshot on line 1 has no top-level timestamp');
  assert.equal(session.skippedLines, 0);
  assert.equal(session.calls.length, 26);
  assert.deepEqual(session.calls.map((c) => c.callId), Array.from({ length: 26 }, (_, i) => `toolu_A${String(i + 1).padStart(2, '0')}`));
  assert.deepEqual(session.calls.map((c) => c.line).slice(0, 10), [4, 6, 8, 10, 12, 14, 16, 18, 21, 23]);
  const byId = new Map(session.calls.map((c) => [c.callId, c]));
  assert.deepEqual(
    ['A09', 'A10', 'A11', 'A12', 'A24', 'A25'].map((id) => [byId.get(`toolu_${id}`)!.tool, byId.get(`toolu_${id}`)!.originalTool]),
    [['Task', 'Agent'], ['Mcp', 'mcp__github__create_issue'], ['Edit', 'MultiEdit'], ['Glob', 'Glob'], ['Todo', 'TodoWrite'], ['Grep', 'Grep']],
  );
  assert.equal(byId.get('toolu_A12')!.pattern, '**/*.spec.ts');
  assert.equal(byId.get('toolu_A12')!.path, APP_PROJECT);
  assert.equal(byId.get('toolu_A03')!.path, `${APP_PROJECT}/src/missing.ts`);
  assert.equal(byId.get('toolu_A01')!.command, 'npm run build');
  // The tool_use record (line 3) carries the call's time (10:00:02); its result (line 4) is 10:00:03.
  assert.equal(byId.get('toolu_A01')!.timestamp, '2026-03-01T10:00:02.000Z');
  assert.equal(byId.get('toolu_A01')!.cwd, APP_PROJECT);
  // A content list: text parts joined, other parts named.
  assert.equal(byId.get('toolu_A10')!.output, 'Created issue #12\n[image]');
  assert.ok(session.calls.every((c) => c.subagent === false && c.sessionId === APP_SESSION && c.file === MAIN));
});

test('subagent transcripts in both layouts are tagged and carry the parent session id', async () => {
  const newLayout = await parseClaudeSession(sessionFile(path.join(APP_FOLDER, APP_SESSION, 'subagents', 'agent-a1b2c3.jsonl'), true));
  assert.equal(newLayout.sessionId, APP_SESSION);
  assert.equal(newLayout.subagent, true);
  assert.deepEqual(newLayout.calls.map((c) => [c.tool, c.outcome, c.subagent, c.sessionId]), [
    ['Grep', 'ok', true, APP_SESSION],
    ['Read', 'ok', true, APP_SESSION],
  ]);
  const oldLayout = await parseClaudeSession(sessionFile(path.join(APP_FOLDER, 'agent-0ld5ub.jsonl'), true));
  assert.equal(oldLayout.sessionId, APP_RESUMED_SESSION, 'the agent-*.jsonl beside the sessions names its parent in its records');
  assert.deepEqual(oldLayout.calls.map((c) => [c.command, c.outcome, c.subagent]), [['git status --short package-lock.json', 'ok', true]]);
});

test('a resumed session that replays records inside the file keeps the first copy of each call', async () => {
  // Lines 2-5 replay A01/A02 of the first session; R01 is used on line 6, answered on line 7,
  // and both records are written again on lines 8-9 (the replayed result says "REPLAYED").
  const session = await parseClaudeSession(sessionFile(path.join(APP_FOLDER, `${APP_RESUMED_SESSION}.jsonl`)));
  assert.deepEqual(session.calls.map((c) => [c.callId, c.line, c.index]), [
    ['toolu_A01', 3, 0],
    ['toolu_A02', 5, 1],
    ['toolu_R01', 7, 2],
  ]);
  assert.equal(session.calls[2].output, 'added 312 packages in 4s');
  assert.equal(session.calls[0].outcome, 'failed');
});
