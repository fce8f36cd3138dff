import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { GeminiCliPlugin } from '../../../../src/core/agents/gemini/GeminiCliPlugin.js';
import type { ParsedSession } from '../../../../src/core/agents/plugin.js';
import { SAMPLES_DIR } from '../../../support/samplesDir.js';

/**
 * The four real Gemini CLI 0.23 transcripts in test/fixtures/samples/gemini (provenance in
 * SOURCES.md there). All are legacy single-document `session-*.json` files, so `line` is the
 * 1-based position of the message in `messages`.
 *
 * Every figure below was worked out from the files with python3 (json.load, walking
 * `messages[]` and each `toolCalls[]` of the `gemini` messages, decoding
 * `result[0].functionResponse.response.output`, `len(output.encode())` for the byte size,
 * and `re.findall(r'^Exit Code: (\S+)', output, re.M)` for the shell trailers), not with this parser.
 */
const SAMPLES = path.join(SAMPLES_DIR, 'gemini');
const plugin = new GeminiCliPlugin();

function parseSample(name: string): Promise<ParsedSession> {
  return plugin.parse({ agent: 'gemini', path: path.join(SAMPLES, name), projectPath: '/sample', subagent: false });
}

test('self-correction sample: 9 calls, all ok; shell exit codes come from the old "Exit Code: 0" trailer', async () => {
  const session = await parseSample('session-legacy-json-self-correction.json');
  // Document fields: "sessionId" and "startTime" at the top of the file.
  assert.equal(session.sessionId, 'f7633853-6663-4dbb-bbf4-6159afa29df8');
  assert.equal(session.startedAt, '2026-01-15T20:51:48.582Z');
  assert.equal(session.subagent, false);
  assert.equal(session.skippedLines, 0);
  assert.deepEqual(session.warnings, []);
  // 13 messages (user 1, gemini 11, info 1); the gemini messages at positions 2, 3, 4, 7, 8, 9, 10, 11, 12
  // carry one tool call each (positions 5 and 13 are text-only; 6 is the "update available" info notice).
  assert.deepEqual(
    session.calls.map((c) => [c.index, c.originalTool, c.tool, c.line]),
    [
      [0, 'write_file', 'Write', 2],
      [1, 'run_shell_command', 'Bash', 3],
      [2, 'run_shell_command', 'Bash', 4],
      [3, 'run_shell_command', 'Bash', 7],
      [4, 'read_file', 'Read', 8],
      [5, 'run_shell_command', 'Bash', 9],
      [6, 'read_file', 'Read', 10],
      [7, 'run_shell_command', 'Bash', 11],
      [8, 'run_shell_command', 'Bash', 12],
    ],
  );
  // Every status is "success" and each of the 6 shell outputs ends "Error: (none)\nExit Code: 0\nSignal: 0…":
  // "Error: (none)" must not make any of them failed.
  assert.ok(session.calls.every((c) => c.outcome === 'ok' && c.errorKind === undefined));
  assert.deepEqual(
    session.calls.map((c) => c.exitCode),
    [undefined, 0, 0, 0, undefined, 0, undefined, 0, 0],
  );
  const [write, ls, gitStatus] = session.calls;
  assert.equal(write.path, 'docs/blue.md');
  assert.equal(write.callId, 'write_file-1768510312836-c85bc7ab6bf4a8');
  assert.equal(write.outputBytes, 114);
  assert.equal(ls.command, 'ls -l docs/blue.md');
  assert.equal(ls.outputBytes, 205);
  assert.match(ls.output, /^Command: ls -l docs\/blue\.md\nDirectory: \(root\)\nOutput: /);
  assert.equal(gitStatus.command, 'git status');
  assert.equal(gitStatus.outputBytes, 976);
  assert.equal(session.calls[6].path, 'docs/color.md');
  assert.equal(session.calls[6].outputBytes, 650);
  assert.equal(session.calls[8].command, 'git add docs/color.md');
  // The call's own completion time (toolCalls[0].timestamp of message 12), not the message's 20:52:51.740Z.
  assert.equal(session.calls[8].timestamp, '2026-01-15T20:52:54.297Z');
  assert.ok(session.calls.every((c) => c.agent === 'gemini' && c.sessionId === session.sessionId && !c.subagent));
});

test('sample c: 2 calls (read_file at message 4, write_file at message 5), both ok', async () => {
  const session = await parseSample('session-legacy-json-c.json');
  assert.equal(session.sessionId, 'faff42ab-6ea5-4f78-b8c4-f7dd6272af08');
  assert.equal(session.startedAt, '2026-01-10T02:08:26.108Z');
  // messages: user, gemini (text), user, gemini [read_file], gemini [write_file], gemini (text)
  assert.deepEqual(
    session.calls.map((c) => [c.index, c.tool, c.line, c.outcome, c.path, c.outputBytes]),
    [
      [0, 'Read', 4, 'ok', 'test-gemini.txt', 17],
      [1, 'Write', 5, 'ok', 'test-gemini.txt', 102],
    ],
  );
  assert.equal(session.skippedLines, 0);
});

test('sample d: 1 write_file call at message 2, ok', async () => {
  const session = await parseSample('session-legacy-json-d.json');
  assert.equal(session.sessionId, 'fa4593e0-f7e1-4dd1-b656-da95fb4d60fa');
  // messages: user, gemini [write_file], user, gemini (text)
  assert.deepEqual(
    session.calls.map((c) => [c.index, c.tool, c.line, c.outcome, c.callId]),
    [[0, 'Write', 2, 'ok', 'write_file-1768075225055-902f304bae8ae']],
  );
});

test('warning-only sample: a valid session with one "warning" message and zero calls, nothing skipped', async () => {
  const session = await parseSample('session-legacy-json-warning-only.json');
  assert.equal(session.sessionId, '29eb990e-c773-4302-a4e7-317f0af0001f');
  assert.equal(session.startedAt, '2026-02-03T04:09:57.093Z');
  assert.equal(session.calls.length, 0);
  assert.equal(session.skippedLines, 0);
  assert.deepEqual(session.warnings, []);
});

test('all four samples together: 12 calls (9 + 2 + 1 + 0), 0 failed, 0 rejected, 0 interrupted', async () => {
  const names = [
    'session-legacy-json-self-correction.json',
    'session-legacy-json-c.json',
    'session-legacy-json-d.json',
    'session-legacy-json-warning-only.json',
  ];
  const calls = (await Promise.all(names.map(parseSample))).flatMap((s) => s.calls);
  assert.equal(calls.length, 12);
  assert.deepEqual(
    [...new Set(calls.map((c) => c.outcome))],
    ['ok'],
  );
  // run_shell_command 6, read_file 3, write_file 3 (SOURCES.md: 6 + 2 + 1 in the first file, 1 + 1, 1).
  const byTool = calls.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.originalTool]: (acc[c.originalTool] ?? 0) + 1 }), {});
  assert.deepEqual(byTool, { write_file: 3, run_shell_command: 6, read_file: 3 });
});
