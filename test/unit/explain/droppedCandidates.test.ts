import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ParsedSession } from '../../../src/core/agents/plugin.js';
import { parseClaudeSession } from '../../../src/core/agents/claude/parseClaudeSession.js';
import { DROP_REASONS, MAX_DROPPED_EVIDENCE, mergeDropped, safeSubject } from '../../../src/core/explain/droppedCandidates.js';
import { findingsInSessions } from '../../../src/core/pipeline/findFindings.js';
import { analyzeAndPlan } from '../../../src/core/pipeline/analyzeAndPlan.js';
import { OfflineAnalyzer } from '../../../src/core/analyze/offline/offlineAnalyzer.js';
import { fakeFiles } from '../correlate/callFactory.js';

/** Real excerpts of the development corpus (test/fixtures/corpus/README.md names their source lines). */
const CORPUS = path.resolve(__dirname, '..', '..', 'fixtures', 'corpus');

async function parsed(fixture: string): Promise<ParsedSession> {
  return parseClaudeSession({ agent: 'claude', path: path.join(CORPUS, fixture), projectPath: '/x', subagent: false });
}

async function droppedOf(...fixtures: string[]) {
  const sessions = await Promise.all(fixtures.map(parsed));
  return findingsInSessions(sessions, fakeFiles({})).dropped;
}

const reasons = (dropped: Array<{ reason: string }>) => dropped.map((d) => d.reason);

test('corpus: a `| tail -20` "success" after a failed `cd` is listed as a hidden outcome, with both calls as evidence', async () => {
  const dropped = await droppedOf('cd-fails-tail-hides-fail.jsonl');
  assert.deepEqual(reasons(dropped), ['hidden_outcome']);
  assert.match(dropped[0]!.subject, /^Bash cd agents\/entire-agent-pi && go test/);
  assert.match(dropped[0]!.detail ?? '', /\| tail -20: its exit code is hidden/);
  assert.deepEqual(dropped[0]!.evidence.map((ref) => ref.line), [2, 4]);
});

test('corpus: a go test that passed after edits is "the edit was the fix"; one that passed from another folder says so', async () => {
  const dropped = await droppedOf('go-test-head-hides-fail-then-edit.jsonl');
  assert.deepEqual(reasons(dropped).sort(), ['edit_was_fix', 'other_directory']);
  const edit = dropped.find((d) => d.reason === 'edit_was_fix')!;
  assert.match(edit.subject, /^Bash go test \.\/internal\/kiro\/\.\.\. -run/);
  assert.deepEqual(edit.evidence.map((ref) => ref.line), [8, 12]);
});

test('corpus: "Run linter to see failures" is meant to fail, quoted as the agent said it', async () => {
  const dropped = await droppedOf('lint-to-see-failures.jsonl');
  assert.deepEqual(reasons(dropped), ['meant_to_fail']);
  assert.equal(dropped[0]!.subject, 'Bash mise run lint 2>&1');
  assert.equal(dropped[0]!.detail, '“Run linter to see failures”');
});

test('corpus: `gh pr view` rejected once without a preference is listed as such, not silently gone', async () => {
  const dropped = await droppedOf('paul-cli-gh-pr-rejected-once.jsonl');
  assert.deepEqual(reasons(dropped), ['single_rejection']);
  assert.match(dropped[0]!.subject, /User rejected `gh pr` once/);
  assert.ok(dropped[0]!.findingId, 'it got as far as a finding');
});

test('corpus: a narrower build is "re-run with other tests"; the `go build -o` fix seen once is below the threshold', async () => {
  const dropped = await droppedOf('go-build-narrower-then-output-flag.jsonl');
  assert.deepEqual(reasons(dropped), ['reran_check', 'below_threshold']);
  assert.match(dropped[0]!.detail ?? '', /^then Bash go build \.\/agents\/ \.\/entire\/ \.\/testutil\/ 2>&1 worked$/);
  assert.equal(dropped[1]!.subject, 'Run `go build -o /tmp/e2e-bootstrap ./bootstrap/`, not `go build ./bootstrap/` (is a directory)');
  assert.equal(dropped[1]!.detail, '1 occurrence in 1 session (needs 2 in 2)');
});

test('corpus, stage two: the same rule at a threshold of 1 names a /tmp path: listed as personal data with the gate\'s words', async () => {
  const session = await parsed('go-build-narrower-then-output-flag.jsonl');
  const found = findingsInSessions([session], fakeFiles({}), 1);
  assert.equal(found.findings.length, 1);
  const analysis = await analyzeAndPlan(
    { projectPath: '/x', findings: found.findings, existingRules: [], agentTargets: [], dropped: found.dropped },
    { analyzer: new OfflineAnalyzer(), readFile: async () => undefined, pathExists: () => true },
  );
  assert.deepEqual(analysis.learnings, []);
  assert.deepEqual(reasons(analysis.dropped), ['reran_check', 'personal_data']);
  const personal = analysis.dropped[1]!;
  assert.equal(personal.findingId, found.findings[0]!.id);
  assert.match(personal.detail ?? '', /machine path/);
});

test('mergeDropped: one entry per reason and subject, counted, evidence bounded, in DROP_REASONS order; subjects redacted', () => {
  const ref = (i: number, session = 's1') => ({ agent: 'claude', file: `/l/${session}.jsonl`, line: i, sessionId: session, index: i, tool: 'Bash' as const, input: {}, outcome: 'failed' as const });
  const merged = mergeDropped([
    { reason: 'below_threshold', subject: 'x', evidence: [ref(1)] },
    { reason: 'meant_to_fail', subject: 'npm test', evidence: Array.from({ length: 9 }, (_, i) => ref(i)) },
    { reason: 'meant_to_fail', subject: 'npm test', evidence: [ref(1, 's2')] },
    { reason: 'hidden_outcome', subject: `OPENAI_API_KEY=sk-proj-${'Ab3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI'.repeat(2)} npm test`, evidence: [] },
  ]);
  assert.deepEqual(merged.map((d) => d.reason), ['hidden_outcome', 'meant_to_fail', 'below_threshold']);
  assert.ok(DROP_REASONS.indexOf('hidden_outcome') < DROP_REASONS.indexOf('meant_to_fail'));
  const meant = merged[1]!;
  assert.equal(meant.occurrences, 2);
  assert.equal(meant.sessions, 2);
  assert.equal(meant.evidence.length, MAX_DROPPED_EVIDENCE);
  assert.ok(!merged[0]!.subject.includes('Ab3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI'), merged[0]!.subject);
  assert.equal(safeSubject('a\u0007b\n\nc'), 'a b c');
});
