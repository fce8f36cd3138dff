/**
 * The Codex formats no real sample covers, on fixtures written from log-formats.md §2
 * (test/fixtures/codex/home/.codex). Line numbers are the fixture files' own lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CodexPlugin } from '../../../../src/core/agents/codex/CodexPlugin.js';
import type { ParsedSession } from '../../../../src/core/agents/plugin.js';
import type { ToolCall } from '../../../../src/core/model/toolCall.js';
import { scanSessions } from '../../../../src/core/scan/scanProject.js';

const CODEX = path.resolve(__dirname, '../../../fixtures/codex/home/.codex');
const plugin = new CodexPlugin();

function parse(relative: string): Promise<ParsedSession> {
  return plugin.parse({ agent: 'codex', path: path.join(CODEX, relative), projectPath: '/', subagent: false });
}

function brief(call: ToolCall): Partial<ToolCall> {
  const { index, line, tool, originalTool, outcome, exitCode, errorKind, command, path: file } = call;
  return Object.fromEntries(Object.entries({ index, line, tool, originalTool, outcome, exitCode, errorKind, command, path: file }).filter(([, v]) => v !== undefined));
}

test('legacy TypeScript CLI .json: shell calls with JSON metadata, line = position in items, unanswered call interrupted', async () => {
  const session = await parse('sessions/rollout-2025-04-20-5f1c7d1e-2b7a-4c1e-9d3f-0a1b2c3d4e5f.json');
  assert.equal(session.sessionId, '5f1c7d1e-2b7a-4c1e-9d3f-0a1b2c3d4e5f');
  assert.equal(session.startedAt, '2025-04-20T10:00:00.000Z');
  assert.equal(session.cwd, undefined); // the format records none
  assert.deepEqual(session.calls.map(brief), [
    { index: 0, line: 4, tool: 'Bash', originalTool: 'shell', outcome: 'failed', exitCode: 127, errorKind: 'command_not_found', command: 'npm test' },
    { index: 1, line: 6, tool: 'Bash', originalTool: 'shell', outcome: 'ok', exitCode: 0, command: 'npx jest --ci' },
    { index: 2, line: 7, tool: 'Bash', originalTool: 'shell', outcome: 'interrupted', command: 'npm run lint' },
  ]);
  // The excerpt is the command's output, not the JSON wrapper; the size is that text's UTF-8 size.
  assert.equal(session.calls[0].output, 'sh: 1: jest: not found\n');
  assert.equal(session.calls[0].outputBytes, 23);
});

test('headerless mid-2025 JSONL: header line, record_type filler, environment_context cwd, local_shell_call', async () => {
  const session = await parse('sessions/2025/06/10/rollout-2025-06-10T09-00-00-0197a1b2-2222-7ccc-8ddd-000000000004.jsonl');
  assert.equal(session.sessionId, '0197a1b2-2222-7ccc-8ddd-000000000004');
  assert.equal(session.cwd, '/home/dev/my.project v2_x');
  assert.equal(session.skippedLines, 0); // {"record_type":"state"} lines are known filler
  assert.deepEqual(session.calls.map(brief), [
    { index: 0, line: 6, tool: 'Bash', originalTool: 'shell', outcome: 'failed', exitCode: 1, errorKind: 'file_not_found', command: 'cat src/missing.ts' },
    // Exit code 0 although the output says "error:" twice: success is the exit code's call.
    { index: 1, line: 9, tool: 'Bash', originalTool: 'shell', outcome: 'ok', exitCode: 0, command: "grep -rn 'error:' src" },
    { index: 2, line: 11, tool: 'Bash', originalTool: 'local_shell_call', outcome: 'failed', exitCode: 1, errorKind: 'module_not_found', command: "python3 -c 'import yaml'" },
    { index: 3, line: 13, tool: 'Edit', originalTool: 'apply_patch', outcome: 'failed', errorKind: 'edit_mismatch', path: 'src/app.ts' },
    { index: 4, line: 15, tool: 'Plan', originalTool: 'update_plan', outcome: 'ok' },
  ]);
  assert.equal(session.calls[0].cwd, '/home/dev/my.project v2_x');
  assert.equal(session.calls[0].timestamp, undefined); // headerless lines carry no timestamps
});

test('envelope shell_command era: exit-code lines, user rejections of a command and a patch, turn_aborted', async () => {
  const session = await parse('sessions/2025/10/02/rollout-2025-10-02T14-00-00-0199a0b0-5555-7eee-8fff-000000000005.jsonl');
  assert.equal(session.cwd, '/work/a/proj/packages/web');
  assert.deepEqual(session.calls.map(brief), [
    { index: 0, line: 6, tool: 'Bash', originalTool: 'shell_command', outcome: 'failed', exitCode: 2, errorKind: 'file_not_found', command: 'ls dist' },
    // "Error: none" in a successful build's output does not make it fail.
    { index: 1, line: 8, tool: 'Bash', originalTool: 'shell_command', outcome: 'ok', exitCode: 0, command: 'npm run build' },
    { index: 2, line: 11, tool: 'Bash', originalTool: 'shell_command', outcome: 'rejected', command: 'rm -rf node_modules' },
    { index: 3, line: 13, tool: 'Edit', originalTool: 'apply_patch', outcome: 'rejected', path: 'package-lock.json' },
    // Pending when the turn was aborted (line 15): interrupted, on the call's own line.
    { index: 4, line: 14, tool: 'Bash', originalTool: 'shell_command', outcome: 'interrupted', command: 'npm run dev' },
  ]);
  assert.equal(session.calls[0].timestamp, '2025-10-02T14:00:03.000Z');
  // Line 17 has a record type this parser does not know: counted and named, not fatal.
  assert.equal(session.skippedLines, 1);
  assert.match(session.warnings[0], /rollout-2025-10-02T14-00-00-0199a0b0-5555-7eee-8fff-000000000005\.jsonl:17: unknown record type "some_future_record"/);
});

test('a forked file that copies its parent history: the copied calls are dropped as duplicates by call_id', async () => {
  const files = [
    'sessions/2025/10/02/rollout-2025-10-02T14-00-00-0199a0b0-5555-7eee-8fff-000000000005.jsonl',
    'sessions/2025/10/03/rollout-2025-10-03T08-00-00-0199a5c0-6666-7aaa-8bbb-000000000006.jsonl',
  ].map((relative) => ({ agent: 'codex', path: path.join(CODEX, relative), projectPath: '/work/a/proj', subagent: false }));
  const fork = await plugin.parse(files[1]);
  assert.equal(fork.sessionId, '0199a5c0-6666-7aaa-8bbb-000000000006'); // the fork's own session_meta, not the parent's
  assert.deepEqual(fork.calls.map((c) => c.callId), ['call_s1', 'call_s2', 'call_f1']);
  const scan = await scanSessions(plugin, '/work/a/proj', files, { environment: { home: '/nowhere', env: {} }, reporter: { warn: () => {} } });
  assert.equal(scan.stats.duplicateCalls, 2);
  assert.equal(scan.stats.toolCalls, 6); // 5 in the parent + npm ci
  assert.deepEqual(scan.sessions[1].calls.map((c) => [c.callId, c.index]), [['call_f1', 0]]);
});

test('unified exec without exec_command_end: the exit seen by a write_stdin poll is the outcome of the command that started the process', async () => {
  const session = await parse('sessions/2026/01/15/rollout-2026-01-15T11-00-00-019b0000-7777-7ccc-8ddd-000000000007.jsonl');
  assert.deepEqual(session.calls.map(brief), [
    { index: 0, line: 4, tool: 'Bash', originalTool: 'exec_command', outcome: 'failed', exitCode: 1, errorKind: 'module_not_found', command: 'npm test' },
    // Both polls are ok: the first saw the process still running, the second saw it end (exit 1 belongs to npm test).
    { index: 1, line: 6, tool: 'Bash', originalTool: 'write_stdin', outcome: 'ok' },
    { index: 2, line: 8, tool: 'Bash', originalTool: 'write_stdin', outcome: 'ok' },
    { index: 3, line: 10, tool: 'Bash', originalTool: 'exec_command', outcome: 'ok', exitCode: 0, command: 'ls src' },
    // MCP tool (namespace mcp__github) failed per mcp_tool_call_end {"Err": …}.
    { index: 4, line: 13, tool: 'Mcp', originalTool: 'mcp__github.get_issue', outcome: 'failed', errorKind: 'tool_validation' },
    { index: 5, line: 15, tool: 'Read', originalTool: 'view_image', outcome: 'ok', path: 'docs/shot.png' },
  ]);
  assert.equal(session.calls[5].output, '[image]'); // image data is never copied into the excerpt
  assert.deepEqual(session.calls[1].input, { session_id: 7, chars: '', yield_time_ms: 5000 });
});

test('a Windows session: cwd kept as recorded, powershell -Command wrapper dropped', async () => {
  const session = await parse('sessions/2026/02/01/rollout-2026-02-01T12-00-00-019b1000-8888-7eee-8fff-000000000008.jsonl');
  assert.equal(session.cwd, 'C:\\Users\\dev\\Win Proj');
  assert.deepEqual(session.calls.map(brief), [
    { index: 0, line: 3, tool: 'Bash', originalTool: 'shell', outcome: 'failed', exitCode: 1, errorKind: 'file_not_found', command: 'Get-Content missing.txt' },
  ]);
});
