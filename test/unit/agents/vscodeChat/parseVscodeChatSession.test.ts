import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseChatSession } from '../../../../src/core/agents/vscodeChat/parseChatSession.js';
import { CODE_STORAGE, CODIUM_STORAGE, EMPTY_WINDOW, INSIDERS_STORAGE, sessionFile } from './vscodeChatFixture.js';

const summary = (calls: Awaited<ReturnType<typeof parseChatSession>>['calls']) =>
  calls.map((c) => ({ line: c.line, tool: c.tool, originalTool: c.originalTool, outcome: c.outcome, input: c.input, output: c.output }));

test('a request VS Code wrote: the flaky tool failed (isError) and then succeeded, both at the log line that pushed the request', async () => {
  const parsed = await parseChatSession(sessionFile(path.join(CODE_STORAGE, 'e9161547-1158-497b-bbc2-2b7003a3d428.jsonl')));
  assert.equal(parsed.sessionId, 'e9161547-1158-497b-bbc2-2b7003a3d428');
  assert.equal(parsed.startedAt, new Date(1796189958857).toISOString());
  assert.equal(parsed.skippedLines, 0);
  assert.deepEqual(summary(parsed.calls), [
    { line: 2, tool: 'Other', originalTool: 'probe_flaky', outcome: 'failed', input: { attempt: 1 }, output: 'Error: probe_flaky simulated failure on call 1' },
    { line: 2, tool: 'Other', originalTool: 'probe_flaky', outcome: 'ok', input: { attempt: 2 }, output: 'probe_flaky OK on call 2' },
  ]);
  assert.equal(parsed.calls[0]!.callId, 'e0261cde-3343-47c1-95c3-165391c1237d');
});

test('a log saved while a tool ran: the mutations are replayed, and the call the reload cut off is interrupted, not a success', async () => {
  const parsed = await parseChatSession(sessionFile(path.join(CODE_STORAGE, '8e9401db-e2d3-483a-b818-89ff347c2215.jsonl')));
  assert.equal(parsed.skippedLines, 0);
  assert.deepEqual(
    parsed.calls.map((c) => [c.line, c.outcome, c.output]),
    [
      [1, 'failed', 'Error: probe_flaky simulated failure on call 1'],
      [1, 'ok', 'probe_flaky OK on call 2'],
      // request 2: pending in the push of line 2, its results set by lines 3–8
      [8, 'failed', 'Error: probe_flaky simulated failure on call 3'],
      [8, 'ok', 'probe_flaky OK on call 4'],
      // request 3: cancelled (modelState 2, line 11) while its second tool call had no result yet
      [12, 'failed', 'Error: probe_flaky simulated failure on call 5'],
      [12, 'interrupted', ''],
    ],
  );
});

test('a request that failed before any tool ran ("Language model unavailable") has no calls and nothing skipped', async () => {
  const parsed = await parseChatSession(sessionFile(path.join(CODE_STORAGE, '08ac5762-5e67-4c65-ad42-f2b686c55135.jsonl')));
  assert.deepEqual([parsed.calls.length, parsed.skippedLines, parsed.warnings], [0, 0, []]);
});

test('a whole-session .json: a terminal failure (exit 1) and its fix (exit 0), a denied push, and a damaged request counted', async () => {
  const parsed = await parseChatSession(sessionFile(path.join(INSIDERS_STORAGE, 'a0a0a0a0-1111-4222-8333-444455556666.json')));
  assert.equal(parsed.sessionId, 'a0a0a0a0-1111-4222-8333-444455556666');
  assert.deepEqual(
    parsed.calls.map((c) => ({ line: c.line, tool: c.tool, command: c.command, outcome: c.outcome, exitCode: c.exitCode, errorKind: c.errorKind })),
    [
      { line: 1, tool: 'Bash', command: 'npm test', outcome: 'failed', exitCode: 1, errorKind: 'exit_code' },
      { line: 1, tool: 'Bash', command: 'npm run test:unit', outcome: 'ok', exitCode: 0, errorKind: undefined },
      { line: 3, tool: 'Bash', command: 'git push --force', outcome: 'rejected', exitCode: undefined, errorKind: undefined },
    ],
  );
  assert.equal(parsed.skippedLines, 1);
  assert.match(parsed.warnings.join('\n'), /request 2 is not a chat request; skipped/);
  assert.equal(parsed.calls[0]!.timestamp, new Date(1764000001000).toISOString());
});

test('a damaged log: cut, unknown and misplaced entries and the truncated last line are skipped one by one, the rest replayed', async () => {
  const file = path.join(CODIUM_STORAGE, 'b1b1b1b1-2222-4333-8444-555566667777.jsonl');
  const parsed = await parseChatSession(sessionFile(file, 'c:\\Users\\dev\\win-app'));
  assert.equal(parsed.skippedLines, 4);
  assert.deepEqual(
    parsed.warnings.map((w) => w.slice(file.length)),
    [
      ':2: not JSON; skipped',
      ':4: not a chat-session log entry (kind 0–3); skipped',
      ':5: path .requests[4].modelState is not in the session; skipped',
      ':8: truncated last line (log cut while being written); skipped',
    ],
  );
  assert.deepEqual(
    parsed.calls.map((c) => ({ line: c.line, command: c.command, outcome: c.outcome, exitCode: c.exitCode, userFeedback: c.userFeedback })),
    [
      // the request completed (line 6), so its first call's exit code stands; line 7 pushed the denied call
      { line: 7, command: 'msbuild app.sln', outcome: 'failed', exitCode: 1, userFeedback: undefined },
      { line: 7, command: 'Remove-Item -Recurse build', outcome: 'rejected', exitCode: undefined, userFeedback: 'do not delete the build folder' },
    ],
  );
});

test('a terminal call keeps the folder it ran in (its cwd URI) as the call\'s working directory', async () => {
  const parsed = await parseChatSession(sessionFile(path.join(EMPTY_WINDOW, 'c2c2c2c2-3333-4444-8555-666677778888.json')));
  assert.deepEqual(parsed.calls.map((c) => [c.command, c.outcome, c.exitCode, c.cwd]), [['npm run lint', 'failed', 2, '/home/dev/chat-app']]);
});

test('an unreadable session file throws an error that names it; a file that is not a session is one skipped record', async () => {
  const missing = path.join(EMPTY_WINDOW, 'no-such-session.jsonl');
  await assert.rejects(parseChatSession(sessionFile(missing)), new RegExp(`Cannot read VS Code chat session ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not found`));
  const notASession = path.resolve(__dirname, '../../../../test/fixtures/vscode-chat/README.md');
  const parsed = await parseChatSession(sessionFile(notASession));
  assert.deepEqual([parsed.calls.length, parsed.skippedLines], [0, 1]);
});
