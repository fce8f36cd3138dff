import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { GeminiCliPlugin } from '../../../../src/core/agents/gemini/GeminiCliPlugin.js';
import type { ParsedSession } from '../../../../src/core/agents/plugin.js';

/**
 * Sessions written from log-formats.md §3 (no real JSONL sample exists); see
 * test/fixtures/gemini/README.md for what each file exercises. Line numbers are counted in
 * the fixture files themselves (one record per line, first line = 1).
 */
const TMP = path.resolve(__dirname, '../../../../test/fixtures/gemini/home/.gemini/tmp');
const SLUG = path.join(TMP, 'my-project-v2-copy', 'chats');
const OLD_HASH = path.join(TMP, '48effff039ac1b49fb3619fc63b41ea2292d5df91c82a65e4a611e7a414fb39a', 'chats');
const plugin = new GeminiCliPlugin();

function parse(file: string, subagent = false): Promise<ParsedSession> {
  return plugin.parse({ agent: 'gemini', path: file, projectPath: '/work/my.project_v2 (copy)', subagent });
}

test('JSONL: re-appended messages (last wins by id), $set metadata, $rewindTo, every status', async () => {
  const session = await parse(path.join(SLUG, 'session-2026-03-01T10-00-5e55a0d1.jsonl'));
  assert.equal(session.sessionId, '5e55a0d1-0000-4000-8000-000000000001');
  assert.equal(session.startedAt, '2026-03-01T10:00:00.000Z');
  assert.equal(session.skippedLines, 0);
  assert.deepEqual(session.warnings, []);
  // Line 3 has g-2 with the shell call still "executing"; line 5 re-appends g-2 with it finished.
  // Line 7 has g-4 with one call; line 8 re-appends g-4 with two. Line 13 rewinds to u-7
  // (line 11), dropping u-7 and g-8 (line 12, call run_shell_command-5-c5).
  assert.deepEqual(
    session.calls.map((c) => [c.index, c.callId, c.tool, c.line, c.outcome, c.exitCode, c.errorKind]),
    [
      [0, 'run_shell_command-1-c1', 'Bash', 5, 'failed', 1, 'exit_code'],
      [1, 'read_file-2-c2', 'Read', 8, 'failed', undefined, 'file_not_found'],
      [2, 'replace-3-c3', 'Edit', 8, 'rejected', undefined, undefined],
      [3, 'run_shell_command-4-c4', 'Bash', 9, 'interrupted', undefined, undefined],
      [4, 'run_shell_command-6-c6', 'Bash', 15, 'ok', undefined, undefined],
    ],
  );
  const [npmTest, read, edit, build, lint] = session.calls;
  assert.equal(npmTest.command, 'npm test');
  assert.match(npmTest.output, /^<untrusted_context>\nOutput: /);
  assert.equal(read.path, '/work/my.project_v2 (copy)/src/sum.ts');
  assert.equal(edit.path, '/work/my.project_v2 (copy)/lib/sum.js');
  assert.equal(edit.output, '[Operation Cancelled] Reason: User denied execution.', 'the reason is kept');
  assert.equal(build.output, '[Operation Cancelled] Reason: Operation cancelled by user');
  // "error: none" in a successful shell output never makes the call failed.
  assert.match(lint.output, /error: none/);
  assert.equal(lint.outputBytes, Buffer.byteLength('Output: 0 problems; error: none\nProcess Group PGID: 77'));
});

test('JSONL: a $set.messages checkpoint replaces the history; records after it keep applying', async () => {
  const session = await parse(path.join(SLUG, 'session-2026-03-02T09-30-7c0ffee0.jsonl'));
  // Line 6 checkpoints [bu-1, bs-1, bg-2]: bg-1 (line 3, run_shell_command-b1) and bu-2 are gone.
  // Line 7 appends bg-3 (glob); line 8 re-appends bg-2 with a second call, in bg-2's place.
  assert.deepEqual(
    session.calls.map((c) => [c.index, c.callId, c.tool, c.line, c.outcome]),
    [
      [0, 'read_file-b2', 'Read', 8, 'failed'],
      [1, 'list_directory-b4', 'LS', 8, 'ok'],
      [2, 'glob-b3', 'Glob', 7, 'ok'],
    ],
  );
  assert.equal(session.calls[1].path, '.');
  assert.equal(session.calls[2].pattern, 'docs/**/*.md');
  // "No files found" from a successful glob is an answer, not a failure.
  assert.equal(session.calls[2].errorKind, undefined);
});

test('subagent chat chats/<parentSessionId>/<sessionId>.jsonl is tagged subagent, with exit code 127', async () => {
  const file = path.join(SLUG, '5e55a0d1-0000-4000-8000-000000000001', '9a9a9a9a-0000-4000-8000-000000000002.jsonl');
  const fromKind = await parse(file, false);
  assert.equal(fromKind.subagent, true, 'metadata kind "subagent" alone marks it');
  const session = await parse(file, true);
  assert.equal(session.sessionId, '9a9a9a9a-0000-4000-8000-000000000002');
  assert.deepEqual(
    session.calls.map((c) => [c.index, c.originalTool, c.tool, c.line, c.outcome, c.exitCode, c.errorKind, c.subagent]),
    [
      [0, 'search_file_content', 'Grep', 3, 'ok', undefined, undefined, true],
      [1, 'run_shell_command', 'Bash', 3, 'failed', 127, 'command_not_found', true],
    ],
  );
  assert.equal(session.calls[0].pattern, 'function sum');
  assert.equal(session.calls[0].path, 'lib');
});

test('legacy JSON with the old shell layout: "Exit Code: 1" fails the call, "Exit Code: 0" with "Error: (none)" does not', async () => {
  const session = await parse(path.join(OLD_HASH, 'session-2026-01-05T08-15-1e6ac7d0.json'));
  assert.equal(session.sessionId, '1e6ac7d0-0000-4000-8000-000000000005');
  // messages: 1 user, 2 gemini [cat], 3 info, 4 gemini [grep -c error]
  assert.deepEqual(
    session.calls.map((c) => [c.index, c.command, c.line, c.outcome, c.exitCode, c.errorKind]),
    [
      [0, 'cat missing_file.txt', 2, 'failed', 1, 'file_not_found'],
      [1, 'grep -c error build.log', 4, 'ok', 0, undefined],
    ],
  );
});

test('legacy JSON: error and both cancellation reasons of a declined batch', async () => {
  const file = path.join(TMP, '39e264f8c2d68778a954d1818b75b455873f33ec12184457ba3328412aed81f4', 'chats', 'session-2025-11-20T16-00-4b4b4b4b.json');
  const session = await parse(file);
  assert.deepEqual(
    session.calls.map((c) => [c.index, c.originalTool, c.tool, c.line, c.outcome, c.errorKind]),
    [
      [0, 'replace', 'Edit', 2, 'failed', 'edit_mismatch'],
      [1, 'write_file', 'Write', 2, 'rejected', undefined],
      [2, 'save_memory', 'Other', 2, 'rejected', undefined],
    ],
  );
  assert.match(session.calls[1].output, /User did not allow tool call/);
  assert.match(session.calls[2].output, /User cancelled operation/);
});

test('a resumed legacy session migrated to .jsonl: metadata, copied messages, $set, new messages', async () => {
  const session = await parse(path.join(SLUG, 'session-2026-02-10T07-00-3c3c3c3c.jsonl'));
  // lines: 1 metadata, 2 mu-1, 3 mg-2 [write_file], 4 $set sessionId, 5 mu-3, 6 mg-4 [read_file]
  assert.deepEqual(
    session.calls.map((c) => [c.index, c.tool, c.line, c.outcome]),
    [
      [0, 'Write', 3, 'ok'],
      [1, 'Read', 6, 'ok'],
    ],
  );
});

test('tool names: web_fetch → WebFetch, write_todos → Todo, Windows shell failure classified', async () => {
  const fetch = await parse(path.join(TMP, 'registry-only', 'chats', 'session-2026-03-06T09-00-f0f0f0f0.json'));
  assert.deepEqual(fetch.calls.map((c) => [c.tool, c.line, c.outcome]), [['WebFetch', 2, 'ok']]);
  const todos = await parse(path.join(TMP, 'taken', 'chats', 'session-2026-03-07T09-00-0a0a0a0a.json'));
  assert.deepEqual(todos.calls.map((c) => [c.tool, c.line, c.outcome]), [['Todo', 1, 'ok']]);
  const windows = await parse(path.join(TMP, 'win-proj-v1-space', 'chats', 'session-2026-03-05T12-00-e1e1e1e1.jsonl'));
  assert.deepEqual(windows.calls.map((c) => [c.command, c.line, c.outcome, c.exitCode, c.errorKind]), [['dir /b', 3, 'failed', 1, 'command_not_found']]);
});
