/**
 * The Codex parser on the four real rollouts in test/fixtures/samples/codex (provenance in
 * SOURCES.md there). Every expected number below was worked out with python3/jq
 * straight from the files, not from this parser; the comment next to each says how.
 *
 * Counting rules (the parser's documented behaviour, applied by hand):
 * - a tool call is a response_item whose payload type is function_call or
 *   custom_tool_call (no sample has local_shell_call); web_search_call items are
 *   hosted searches with no call_id or output and are not counted;
 * - failed = event_msg/exec_command_end with exit_code != 0 for the call's call_id;
 *   where no exec_command_end exists, the "Process exited with code N" line of the
 *   output (N != 0); apply_patch outputs starting "apply_patch verification failed";
 *   a code-mode script that ran one command and printed one `"exit_code":N`;
 * - interrupted = a call with no *_output and no exec_command_end in the file;
 * - line = 1-based line of the call's *_output record.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { CodexPlugin } from '../../../../src/core/agents/codex/CodexPlugin.js';
import type { ParsedSession } from '../../../../src/core/agents/plugin.js';
import type { ToolCall } from '../../../../src/core/model/toolCall.js';
import { SAMPLES_DIR } from '../../../support/samplesDir.js';

const SAMPLES = path.join(SAMPLES_DIR, 'codex');
const plugin = new CodexPlugin();

async function parseSample(name: string): Promise<ParsedSession> {
  return plugin.parse({ agent: 'codex', path: path.join(SAMPLES, name), projectPath: '/', subagent: false });
}

function outcomes(session: ParsedSession): Record<string, number> {
  const counts: Record<string, number> = { ok: 0, failed: 0, rejected: 0, interrupted: 0 };
  for (const call of session.calls) counts[call.outcome] += 1;
  return counts;
}

function pick(call: ToolCall | undefined): Partial<ToolCall> {
  assert.ok(call, 'call exists');
  return { index: call.index, tool: call.tool, originalTool: call.originalTool, line: call.line, outcome: call.outcome, exitCode: call.exitCode, errorKind: call.errorKind };
}

const skip = existsSync(SAMPLES) ? false : `samples not found at ${SAMPLES}`;

test('0.121.0 (turn aborted, unified exec with exec_command_end): 167 calls, 10 failed', { skip }, async () => {
  const session = await parseSample('rollout-0.121.0-turn-aborted.jsonl');
  // jq: 144 function_call (exec_command 124, write_stdin 15, update_plan 5) + 19 custom_tool_call (apply_patch)
  // + 4 web_search_call (status completed).
  assert.equal(session.calls.length, 167);
  // 8 exec_command_end records with exit_code 1 (lines 27, 56, 58, 320, 466, 482, 498, 584 are the
  // outputs of those calls) + 2 apply_patch outputs "apply_patch verification failed" (lines 347, 775).
  // Every call has an output (144 + 19 *_output records), and the one turn_aborted (line 537) came
  // after all outputs of its turn, so nothing is interrupted. No "rejected by user" text anywhere.
  assert.deepEqual(outcomes(session), { ok: 157, failed: 10, rejected: 0, interrupted: 0 });
  assert.equal(session.calls.filter((c) => c.originalTool === 'web_search_call' && c.tool === 'WebSearch').length, 4);
  assert.equal(session.skippedLines, 0);
  assert.equal(session.sessionId, '019da9bd-7cbb-7d22-b21c-80faf72e7f8a'); // session_meta.payload.id, line 1
  assert.equal(session.cwd, '/Users/soph/Work/entire/devenv/external-agents');
  assert.equal(session.startedAt, '2026-04-20T07:14:21.000Z');

  // Line 25 exec_command "mise run test-all" returned "Process running with session ID 51515" (output line 27);
  // its exec_command_end says exit_code 1 / failed. It is the 4th call (calls on lines 12, 13, 14, 25).
  const running = session.calls.find((c) => c.line === 27);
  assert.deepEqual(pick(running), { index: 3, tool: 'Bash', originalTool: 'exec_command', line: 27, outcome: 'failed', exitCode: 1, errorKind: 'permission_denied' });
  assert.equal(running?.command, 'mise run test-all');
  // …and the write_stdin that polled it (call line 30, output line 32, "Process exited with code 1") is a poll, not a failure.
  assert.deepEqual(pick(session.calls.find((c) => c.line === 32)), { index: 4, tool: 'Bash', originalTool: 'write_stdin', line: 32, outcome: 'ok', exitCode: undefined, errorKind: undefined });
  // Line 345 custom apply_patch, output line 347 "apply_patch verification failed: invalid hunk at line 11, …".
  const patch = session.calls.find((c) => c.line === 347);
  assert.equal(patch?.tool, 'Edit');
  assert.equal(patch?.outcome, 'failed');
  assert.equal(patch?.errorKind, 'edit_mismatch');
  assert.match(patch?.path ?? '', /tests\/run-agent-task\.sh$/); // first "*** Update File:" of the patch
  // exec_command_end outputs of lines 498 and 584 contain `executable file not found in $PATH` (kiro-cli-chat).
  assert.equal(session.calls.find((c) => c.line === 498)?.errorKind, 'command_not_found');
  // Tool mix: exec_command + write_stdin → Bash (139), apply_patch → Edit (19), update_plan → Plan (5),
  // web_search_call (lines 847, 850, 853, 856) → WebSearch (4).
  const tools: Record<string, number> = {};
  for (const call of session.calls) tools[call.tool] = (tools[call.tool] ?? 0) + 1;
  assert.deepEqual(tools, { Bash: 139, Edit: 19, Plan: 5, WebSearch: 4 });
});

test('0.123.0 (unified exec): 83 calls, 11 failed, exit 127 is command_not_found', { skip }, async () => {
  const session = await parseSample('rollout-0.123.0-unified-exec.jsonl');
  // jq: 80 function_call (exec_command 75, write_stdin 3, update_plan 2) + 3 custom_tool_call (apply_patch).
  assert.equal(session.calls.length, 83);
  // exec_command_end: 64 × (0, completed), 2 × 1, 2 × 127, 1 × 2, 5 × 5 → 10 failed. The exec_command on
  // line 362 (gofmt … && go test) has no exec_command_end, its output (line 364) says "Process exited with code 1"
  // → 11. SOURCES.md's "10 non-zero exits" counts exec_command_end only. All 3 patch_apply_end are success.
  assert.deepEqual(outcomes(session), { ok: 72, failed: 11, rejected: 0, interrupted: 0 });
  // Line 340 `staticcheck ./...` → exec_command_end exit_code 127, output line 346. Index 74: python
  // enumerate() over function_call/custom_tool_call lines puts line 340 at position 74 (line 13 at 1).
  assert.deepEqual(pick(session.calls.find((c) => c.line === 346)), { index: 74, tool: 'Bash', originalTool: 'exec_command', line: 346, outcome: 'failed', exitCode: 127, errorKind: 'command_not_found' });
  assert.equal(session.calls.find((c) => c.line === 346)?.command, 'staticcheck ./...');
  // Line 13 `rg --files .claude/skills …` exit 2, output line 20 says ".claude/skills: No such file or directory".
  assert.deepEqual(pick(session.calls.find((c) => c.line === 20)), { index: 1, tool: 'Bash', originalTool: 'exec_command', line: 20, outcome: 'failed', exitCode: 2, errorKind: 'file_not_found' });
  // Line 362: the failure known only from the output text.
  assert.equal(session.calls.find((c) => c.line === 364)?.exitCode, 1);
  assert.equal(session.calls.find((c) => c.line === 364)?.outcome, 'failed');
});

test('0.140.0 (no exec_command_end persisted): 23 calls, 3 failed from output text, 2 cut off', { skip }, async () => {
  const session = await parseSample('rollout-0.140.0-small.jsonl');
  // jq: 22 function_call (exec_command 20, update_plan 2) + 1 custom_tool_call (apply_patch); 20 + 1 outputs.
  assert.equal(session.calls.length, 23);
  // Outputs with "Process exited with code 2" (line 29) and "… code 1" (lines 41, 62); the last two
  // exec_command calls (lines 91, 92) have no output: the file was cut at a checkpoint.
  assert.deepEqual(outcomes(session), { ok: 18, failed: 3, rejected: 0, interrupted: 2 });
  // A call without output keeps the call's own line.
  assert.deepEqual(pick(session.calls.at(-1)), { index: 22, tool: 'Bash', originalTool: 'exec_command', line: 92, outcome: 'interrupted', exitCode: undefined, errorKind: undefined });
  assert.equal(session.calls.at(-1)?.command, 'git status --short --branch');
  // Freeform apply_patch output "Exit code: 0\nWall time…" (line 54) with patch_apply_end success (line 53).
  const patch = session.calls.find((c) => c.originalTool === 'apply_patch');
  assert.equal(patch?.line, 54);
  assert.equal(patch?.outcome, 'ok');
  // Line 26 (output 29) is position 5 of the 23 calls by the same python enumeration.
  assert.deepEqual(pick(session.calls.find((c) => c.line === 29)), { index: 5, tool: 'Bash', originalTool: 'exec_command', line: 29, outcome: 'failed', exitCode: 2, errorKind: 'file_not_found' });
});

test('0.144.3 (code mode): 25 calls, the one script that printed exit_code 1 failed, 1 cut off', { skip }, async () => {
  const session = await parseSample('rollout-0.144.3-code-mode.jsonl');
  // jq: 22 custom_tool_call (exec 21, apply_patch 1) + 3 function_call (exec_command); the last
  // exec_command (line 190, git commit) has no output.
  assert.equal(session.calls.length, 25);
  // Only the script on line 130 ran one tools.exec_command and printed JSON.stringify({output, exit_code}),
  // whose output (line 131) is {"output":"","exit_code":1}. The script on line 134 prints per-name codes
  // for six dynamic commands: no single exit code, so it is ok like every other "Script completed".
  assert.deepEqual(outcomes(session), { ok: 23, failed: 1, rejected: 0, interrupted: 1 });
  // Call order: exec scripts on lines 14, 18, 22, 26, 30, 34, 54, 58, 63, 67, 95, 99, 126, then 130 (index 13).
  assert.deepEqual(pick(session.calls.find((c) => c.line === 131)), { index: 13, tool: 'Bash', originalTool: 'exec', line: 131, outcome: 'failed', exitCode: 1, errorKind: 'exit_code' });
  assert.match(session.calls[13].command ?? '', /^git check-ref-format 'refs\/heads\/main;id';/);
  // Line 58: a script that only calls tools.apply_patch → Edit on the patch's first file.
  const scriptPatch = session.calls.find((c) => c.line === 60);
  assert.equal(scriptPatch?.tool, 'Edit');
  assert.equal(scriptPatch?.path, '/Users/krk/Desktop/GitStore/entire-graph/.entire/runners/trail-review.json');
  // Line 172: five literal commands in one script, all kept.
  assert.equal(session.calls.find((c) => c.line === 173)?.command?.split('\n').length, 5);
  // Line 190, git commit, never answered: interrupted, on its own line.
  assert.deepEqual(pick(session.calls.at(-1)), { index: 24, tool: 'Bash', originalTool: 'exec_command', line: 190, outcome: 'interrupted', exitCode: undefined, errorKind: undefined });
  // Code-mode output items are joined as text, never as JSON.
  assert.match(session.calls[0].output, /^Script completed\nWall time 1\.7 seconds\nOutput:\n---\nname: github/);
});
