import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalyzerBackend } from '../../../src/core/analyze/backend.js';
import type { Learning } from '../../../src/core/model/finding.js';
import { analyzeAndPlan } from '../../../src/core/pipeline/analyzeAndPlan.js';
import { mergeRules } from '../../../src/core/write/mergeRules.js';

const learning = (text: string): Learning => ({
  id: text.slice(0, 12),
  category: 'command_pattern',
  target: 'context',
  text,
  findingIds: [],
  evidence: [],
  source: 'llm',
});

/** An analyzer (an LLM, say) that proposes the given rules whatever the findings. */
const proposing = (texts: string[]): AnalyzerBackend => ({
  name: 'fake-llm',
  analyze: async () => ({ learnings: texts.map(learning), report: { backend: 'fake-llm', reason: 'test', dropped: [], notes: [] } }),
});

const RULES = [
  'Run `go test ./...`, not `go test -v -count=1 ./...` (non-zero exit)',
  'Commit with `Co-Authored-By: Alisha <alisha@example.com>`',
  'Read `/Users/alisha/.claude/projects/-x/tool-results/toolu_01.json` by range',
  'Check out `3f9c2d1a7b` before testing',
  'The plan is at https://github.com/entireio/cli/issues/42',
];

test('the last gate: whatever the analyzer, a rule with personal data or a machine path is not written and is reported', async () => {
  const files = new Map<string, string>();
  const analysis = await analyzeAndPlan(
    { projectPath: '/proj', findings: [], existingRules: [], agentTargets: [{ agent: 'claude', displayName: 'Claude Code', targets: [{ kind: 'context', path: '/proj/CLAUDE.md', scope: 'project' }] }] },
    { analyzer: proposing(RULES), readFile: (p) => files.get(p), pathExists: () => true },
  );
  assert.deepEqual(analysis.learnings.map((l) => l.text), [RULES[0]]);
  assert.deepEqual(
    analysis.analyzer.dropped.map((d) => d.why),
    ['personal data (a commit trailer)', "machine path (an agent's data folder)", 'personal data (a commit hash)', 'personal data (a URL)'],
  );
  const written = analysis.proposals[0].proposedText ?? '';
  assert.match(written, /go test \.\/\.\.\./);
  assert.doesNotMatch(written, /alisha|Users|github\.com|3f9c2d1a7b/);
});

test('mergeRules: an existing rule with a machine path is removed with the reason; a new one is never added', () => {
  const merged = mergeRules({
    existing: [{ category: 'retry', target: 'memory', text: 'Read `/Users/alisha/.claude/projects/x/tool-results/t.json` failed 3 times in a row' }],
    learnings: [{ category: 'retry', text: 'Write to `/tmp/scratch` first' }],
    pathExists: () => true,
  });
  assert.deepEqual(merged.rules, []);
  assert.deepEqual(merged.report.map((e) => [e.action, e.reason]), [['removed', "machine path (an agent's data folder)"]]);
});
