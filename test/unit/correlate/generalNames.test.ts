import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedSession } from '../../../src/core/agents/plugin.js';
import { correlateCalls, correlateSessions } from '../../../src/core/correlate/correlateFailures.js';
import { deriveFindings } from '../../../src/core/correlate/deriveFindings.js';
import { parseExcerpt, projectAt } from './corpusExcerptLoader.js';
import { bash, bashFail, session } from './callFactory.js';

const ALISHA = '/Users/alisha/Projects/external-agents';

function nameRules(sessions: ParsedSession[]) {
  const { findings } = deriveFindings(sessions, correlateSessions(sessions), projectAt(sessions[0].cwd ?? '/proj', []));
  return findings.filter((f) => f.key.startsWith('name:')).map((f) => ({ rule: f.rule, sessions: f.sessions }));
}

test('corpus: Skill `commit` unknown, then `commit-commands:commit` launched, in two sessions: one rule', async () => {
  const sessions = [await parseExcerpt('alisha-skill-commit-unknown-1.jsonl', ALISHA), await parseExcerpt('alisha-skill-commit-unknown-2.jsonl', ALISHA)];
  assert.deepEqual(correlateCalls(sessions[0].calls).map((c) => ({ kind: c.kind, ...c.change })), [
    { kind: 'name', from: 'commit', to: 'commit-commands:commit' },
  ]);
  assert.deepEqual(nameRules(sessions), [{ rule: 'Skill `commit` does not exist → use `commit-commands:commit`', sessions: 2 }]);
});

test('corpus: near miss — the same skill correction in one session only is below the threshold', async () => {
  const one = await parseExcerpt('victor-skill-plan-review-unknown.jsonl', '/Users/gtrrz-victor/wks/cli');
  assert.deepEqual(correlateCalls(one.calls).map((c) => ({ kind: c.kind, ...c.change })), [
    { kind: 'name', from: 'entire-engineering:workflows:plan_review', to: 'plan_review' },
  ]);
  assert.deepEqual(nameRules([one]), []);
});

test('near miss: a Skill call that failed for another reason, then another skill, is no name correction', () => {
  const skill = (name: string, extra = {}) => ({ tool: 'Other' as const, originalTool: 'Skill', input: { skill: name }, ...extra });
  const failed = skill('commit', { outcome: 'failed' as const, output: '<tool_use_error>Skill failed to load</tool_use_error>' });
  assert.deepEqual(correlateCalls(session([failed, skill('commit-commands:commit')]).calls), []);
});

// Minimal records in the shape of the real formats: the corpus has no MCP "No such tool" reply, and its one cobra
// "unknown command" (`bd unlink`, Codex) was a parallel probe, not fixed by another subcommand.
test('minimal record (no corpus case): an MCP tool unknown to Claude Code, then the same input to another tool name, in two sessions', () => {
  const mcp = (name: string, extra = {}) => ({ tool: 'Mcp' as const, originalTool: name, input: { query: 'x' }, ...extra });
  const s = (id: string) =>
    session(
      [
        mcp('mcp__docs__search', { outcome: 'failed' as const, output: '<tool_use_error>Error: No such tool available: mcp__docs__search</tool_use_error>' }),
        mcp('mcp__docs__search_docs'),
      ],
      id,
    );
  assert.deepEqual(nameRules([s('s1'), s('s2')]), [{ rule: 'Tool `mcp__docs__search` does not exist → use `mcp__docs__search_docs`', sessions: 2 }]);
});

test('minimal record (no corpus case): cobra "unknown command … Did you mean" fixed by the suggested subcommand, in two sessions', () => {
  const output = 'Error: unknown command "unlink" for "bd"\n\nDid you mean this?\n\tlink\n\nRun \'bd --help\' for usage.\n';
  const s = (id: string, issue: string) => session([bashFail(`bd unlink ${issue} bd-2`, 'exit_code', { output }), bash(`bd link ${issue} bd-2`)], id);
  assert.deepEqual(nameRules([s('s1', 'bd-1'), s('s2', 'bd-7')]), [{ rule: '`bd unlink` is not a command → use `bd link`', sessions: 2 }]);
  // near miss: another argument changed too — not the same call under another name
  const other = correlateCalls(session([bashFail('bd unlink bd-1 bd-2', 'exit_code', { output }), bash('bd link bd-1 bd-9')]).calls);
  assert.ok(other.every((c) => c.kind !== 'name'));
});
