/**
 * The Claude Code parser on the six real, unmodified transcripts in test/fixtures/samples/claude
 * (provenance: test/fixtures/samples/SOURCES.md).
 *
 * Every expected number below was worked out from the files with python3, not with this
 * parser: for each file, collect `tool_use` blocks of `assistant` records (by id, file
 * order) and `tool_result` blocks of `user` records (by tool_use_id), then look at the
 * result's `is_error` and text:
 *
 *   for ln, line in enumerate(open(f), 1):           # ln = physical 1-based line
 *     r = json.loads(line); c = (r.get('message') or {}).get('content')
 *     if r['type'] == 'assistant' and isinstance(c, list): tool_use blocks → uses[id] = (ln, name)
 *     if r['type'] == 'user' and isinstance(c, list): tool_result blocks → results[id] = (ln, is_error, text)
 *
 * Every tool_use has exactly one result in all six files (no unmatched uses, no orphan
 * results, no repeated ids, no sidechain records), and no result has is_error true while
 * starting with anything other than "Exit code N", the rejection text, the interrupt
 * text, or (once) the sibling-cancel text. Per file:
 *   calls      = number of tool_use blocks
 *   rejected   = is_error and text starts "The user doesn't want to proceed with this tool use"
 *   interrupted= is_error and text starts "[Request interrupted by user" (+ the sibling cancel, see below)
 *   failed     = the other is_error results
 *   ok         = calls − the three above (is_error absent or false; several of these
 *                outputs contain the word "error" and must stay ok — counted too)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { parseClaudeSession } from '../../../../src/core/agents/claude/parseClaudeSession.js';
import type { ParsedSession } from '../../../../src/core/agents/plugin.js';
import type { ToolCall } from '../../../../src/core/model/toolCall.js';
import { SAMPLES_DIR } from '../../../support/samplesDir.js';

const SAMPLES = path.join(SAMPLES_DIR, 'claude');
const haveSamples = existsSync(SAMPLES);

interface Expected {
  cwd: string;
  calls: number;
  ok: number;
  failed: number;
  rejected: number;
  interrupted: number;
  /** Indices of calls whose result is not is_error but whose full text matches /error/i
   *  (python: not is_error and re.search('error', text, re.I)); they must all be ok. */
  okMentioningError: number[];
  tools: Record<string, number>;
  /** [index, normalised tool, original tool, result line, outcome, errorKind?, exitCode?] */
  specific: Array<[number, string, string, number, string, string?, number?]>;
}

const EXPECTED: Record<string, Expected> = {
  // 78 tool_use: Bash 54, Grep 10, Edit 7, Read 6, Skill 1. is_error on 10: two Edit rejections
  // with feedback (lines 204, 241) and eight Bash "Exit code N" failures (1 ×6, 127, 128).
  'cc-2.0.76-errors.jsonl': {
    cwd: '/Users/soph/Work/entire/devenv/cli',
    calls: 78, ok: 68, failed: 8, rejected: 2, interrupted: 0, okMentioningError: [27, 28, 29, 30, 31, 60, 61, 64, 65, 67, 68, 69, 71, 72],
    tools: { Bash: 54, Grep: 10, Edit: 7, Read: 6, Other: 1 },
    specific: [
      // call 3: `git add` of an ignored path, "Exit code 1" + git hints: nothing more specific than the exit code
      [3, 'Bash', 'Bash', 21, 'failed', 'exit_code', 1],
      // call 18: "test-harness.sh: line 46: /tmp/entire-bin: No such file or directory"
      [18, 'Bash', 'Bash', 68, 'failed', 'file_not_found', 1],
      // call 21: "Exit code 127" — the shell's command-not-found status
      [21, 'Bash', 'Bash', 77, 'failed', 'command_not_found', 127],
      // call 59: Edit rejected, the user said "wondering now: we are we not just using …"
      [59, 'Edit', 'Edit', 204, 'rejected'],
      // call 63: "Exit code 128\nfatal: pathspec '.entire/.gitignore' did not match any files"
      [63, 'Bash', 'Bash', 219, 'failed', 'exit_code', 128],
    ],
  },
  // 30 tool_use: Bash 13, Edit 7, TodoWrite 5, Read 4, Write 1. is_error on 2: both Edit
  // rejections with feedback (lines 17, 50). The compact boundary (line 27) does not split it.
  'cc-2.1.12-compact-boundary.jsonl': {
    cwd: '/Users/alex/workspace/cli',
    calls: 30, ok: 28, failed: 0, rejected: 2, interrupted: 0, okMentioningError: [2, 6, 8, 9, 11, 13],
    tools: { Bash: 13, Edit: 7, Todo: 5, Read: 4, Write: 1 },
    specific: [
      [3, 'Edit', 'Edit', 17, 'rejected'],
      [10, 'Edit', 'Edit', 50, 'rejected'],
    ],
  },
  // 27 tool_use: Bash 13, Read 5, Edit 5, ExitPlanMode 2, Task 1, Write 1. is_error on 5:
  // the Task call answered "[Request interrupted by user for tool use]" (line 21), two
  // ExitPlanMode rejections (line 35 with feedback, line 43 without), two Bash exit-1
  // failures ending "Error: Invalid usage: Unknown command: entire aaaa" / "entire enabl".
  'cc-2.1.12-interrupts.jsonl': {
    cwd: '/Users/gtrrz-victor/wks/cli',
    calls: 27, ok: 22, failed: 2, rejected: 2, interrupted: 1, okMentioningError: [1, 6, 9, 18, 24],
    tools: { Bash: 13, Read: 5, Edit: 5, Plan: 2, Task: 1, Write: 1 },
    specific: [
      [0, 'Task', 'Task', 21, 'interrupted'],
      [3, 'Plan', 'ExitPlanMode', 35, 'rejected'],
      [5, 'Plan', 'ExitPlanMode', 43, 'rejected'],
      [21, 'Bash', 'Bash', 127, 'failed', 'command_not_found', 1],
    ],
  },
  // 38 tool_use: Edit 10, Read 9, AskUserQuestion 4, ExitPlanMode 4, Bash 3, Glob 3, Write 2,
  // three mcp__ tools. is_error on 5, all rejections: AskUserQuestion "clarify" (line 23) and
  // ExitPlanMode at lines 40, 59, 72 with feedback, line 105 without. Three results are content
  // lists (MCP), not strings.
  'cc-2.1.12-rejections-errors.jsonl': {
    cwd: '/Users/gtrrz-victor/wks/cli',
    calls: 38, ok: 33, failed: 0, rejected: 5, interrupted: 0, okMentioningError: [21],
    tools: { Edit: 10, Read: 9, AskUser: 4, Plan: 4, Bash: 3, Glob: 3, Write: 2, Mcp: 3 },
    specific: [
      [6, 'AskUser', 'AskUserQuestion', 23, 'rejected'],
      [28, 'Plan', 'ExitPlanMode', 105, 'rejected'],
    ],
  },
  // 7 tool_use: Edit 3, Bash 2, Read 2. is_error on 2: `go test` exit 1 (line 16), an Edit
  // rejected without feedback (line 29).
  'cc-2.1.29-small.jsonl': {
    cwd: '/Users/gtrrz-victor/wks/test-cli/cli',
    calls: 7, ok: 5, failed: 1, rejected: 1, interrupted: 0, okMentioningError: [1, 2],
    tools: { Edit: 3, Bash: 2, Read: 2 },
    // errorKind of call 0 is not pinned: its 6 KB of test output hold a log line
    // "Error: context deadline exceeded" that the shared classifier reads as a timeout,
    // while the run really failed on two assertions ("--- FAIL").
    specific: [[3, 'Edit', 'Edit', 29, 'rejected']],
  },
  // 36 tool_use: Read 13, Edit 8, Bash 6, Grep 4, Write 3, Glob 2. is_error on 4: an Edit
  // rejected without feedback (line 40); Bash exit 1 "ModuleNotFoundError: No module named
  // 'yaml'" (line 103); a parallel Bash answered "<tool_use_error>Sibling tool call
  // errored</tool_use_error>" (line 105) — it never ran, so it counts as interrupted, not
  // failed; Bash exit 1 "(Psych::SyntaxError)" (line 109).
  'cc-2.1.37-interrupts.jsonl': {
    cwd: '/Users/soph/Work/entire/devenv/cli',
    calls: 36, ok: 32, failed: 2, rejected: 1, interrupted: 1, okMentioningError: [0, 1, 2, 3, 4, 5, 6, 7, 12, 13],
    tools: { Read: 13, Edit: 8, Bash: 6, Grep: 4, Write: 3, Glob: 2 },
    specific: [
      [8, 'Edit', 'Edit', 40, 'rejected'],
      [22, 'Bash', 'Bash', 103, 'failed', 'module_not_found', 1],
      [23, 'Bash', 'Bash', 105, 'interrupted'],
      [25, 'Bash', 'Bash', 109, 'failed', 'syntax_error', 1],
    ],
  },
};

async function parseSample(name: string): Promise<ParsedSession> {
  return parseClaudeSession({ agent: 'claude', path: path.join(SAMPLES, name), projectPath: EXPECTED[name].cwd, subagent: false });
}

function countBy(calls: ToolCall[], key: (c: ToolCall) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[key(call)] = (counts[key(call)] ?? 0) + 1;
  return counts;
}

for (const [name, expected] of Object.entries(EXPECTED)) {
  test(`real sample ${name}: calls, outcomes and specific calls`, { skip: !haveSamples && 'samples folder not present' }, async () => {
    const session = await parseSample(name);
    assert.equal(session.skippedLines, 0);
    assert.deepEqual(session.warnings, []);
    assert.equal(session.cwd, expected.cwd);
    assert.equal(session.sessionId, path.basename(name, '.jsonl'));
    assert.equal(session.calls.length, expected.calls);
    assert.deepEqual(
      countBy(session.calls, (c) => c.outcome),
      Object.fromEntries(
        Object.entries({ ok: expected.ok, failed: expected.failed, rejected: expected.rejected, interrupted: expected.interrupted }).filter(([, n]) => n > 0),
      ),
    );
    assert.deepEqual(countBy(session.calls, (c) => c.tool), expected.tools);
    assert.deepEqual(session.calls.map((c) => c.index), session.calls.map((_, i) => i));
    assert.equal(new Set(session.calls.map((c) => c.callId)).size, expected.calls);
    for (const [index, tool, originalTool, line, outcome, errorKind, exitCode] of expected.specific) {
      const call = session.calls[index];
      assert.deepEqual(
        { index: call.index, tool: call.tool, originalTool: call.originalTool, line: call.line, outcome: call.outcome, errorKind: call.errorKind, exitCode: call.exitCode },
        { index, tool, originalTool, line, outcome, errorKind, exitCode },
        `call ${index} of ${name}`,
      );
    }
    for (const call of session.calls) {
      assert.equal(call.subagent, false);
      assert.equal(call.agent, 'claude');
      assert.ok(call.output.length <= 2000);
      assert.equal(call.errorKind !== undefined, call.outcome === 'failed', `errorKind only on failures (call ${call.index})`);
    }
  });
}

test('real samples: results that mention "error" without is_error stay ok', { skip: !haveSamples && 'samples folder not present' }, async () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    const session = await parseSample(name);
    for (const index of expected.okMentioningError) assert.equal(session.calls[index].outcome, 'ok', `${name} call ${index}`);
  }
});

test('real samples: user feedback of rejections is kept, and absent when the user gave none', { skip: !haveSamples && 'samples folder not present' }, async () => {
  const errors = await parseSample('cc-2.0.76-errors.jsonl');
  assert.equal(errors.calls[70].userFeedback, 'why not adding .entire/.gitignore?');
  const interrupts = await parseSample('cc-2.1.12-interrupts.jsonl');
  assert.equal(interrupts.calls[3].userFeedback, 'can you use a switch case instead of linked ifelse?');
  assert.equal(interrupts.calls[5].userFeedback, undefined);
  const rejections = await parseSample('cc-2.1.12-rejections-errors.jsonl');
  assert.equal(rejections.calls[19].userFeedback, 'seems like there is no git:app thing with goreleaser, have you make it up ?');
});

test('real samples: convenience fields, timestamps and the content-list MCP result', { skip: !haveSamples && 'samples folder not present' }, async () => {
  const errors = await parseSample('cc-2.0.76-errors.jsonl');
  const bash = errors.calls[21];
  assert.match(bash.command ?? '', /test-harness\.sh/);
  // The tool_use record of call 21 is line 76; its timestamp is the call's.
  assert.equal(bash.timestamp, (await lineTimestamp('cc-2.0.76-errors.jsonl', 76)));
  assert.equal(errors.startedAt, '2026-01-06T13:47:38.544Z');
  const rejections = await parseSample('cc-2.1.12-rejections-errors.jsonl');
  const mcp = rejections.calls.filter((c) => c.tool === 'Mcp');
  assert.deepEqual(mcp.map((c) => c.originalTool), [
    'mcp__plugin_entire-engineering_context7__resolve-library-id',
    'mcp__plugin_entire-engineering_context7__query-docs',
    'mcp__ide__getDiagnostics',
  ]);
  assert.match(mcp[0].output, /^Available Libraries:/);
  // Call 21 (line 83): one text part of 3598 ASCII characters; the excerpt is bounded, the size is not.
  assert.equal(mcp[1].index, 21);
  assert.equal(mcp[1].outputBytes, 3598);
  assert.ok(mcp[1].output.length <= 2000);
  assert.match(mcp[1].output, /^### Configure Homebrew Tap for GoReleaser/);
});

async function lineTimestamp(name: string, line: number): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(path.join(SAMPLES, name), 'utf8');
  return JSON.parse(text.split('\n')[line - 1]).timestamp;
}
