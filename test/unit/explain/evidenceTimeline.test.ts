import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseClaudeSession } from '../../../src/core/agents/claude/parseClaudeSession.js';
import { correlateCalls } from '../../../src/core/correlate/correlateFailures.js';
import { buildEvidenceTimeline, MAX_TIMELINE_EPISODES } from '../../../src/core/explain/evidenceTimeline.js';
import { readEvidenceSessions } from '../../../src/core/explain/readEvidenceSessions.js';
import { ClaudeCodePlugin } from '../../../src/core/agents/claude/ClaudeCodePlugin.js';
import { toCallRef } from '../../../src/core/correlate/callRef.js';

/** Real excerpts of the development corpus (test/fixtures/corpus/README.md names their source lines). */
const CORPUS = path.resolve(__dirname, '..', '..', 'fixtures', 'corpus');
const PROJECT = '/Users/alisha/Projects/external-agents';

test('corpus: the `go build` correction as an episode: the failed call and its error, what came between, the call that worked', async () => {
  const file = path.join(CORPUS, 'go-build-narrower-then-output-flag.jsonl');
  const parsed = await parseClaudeSession({ agent: 'claude', path: file, projectPath: PROJECT, subagent: false });
  const [correction] = correlateCalls(parsed.calls);
  assert.ok(correction);
  const sessions = await readEvidenceSessions([correction.failed, correction.fixed], [new ClaudeCodePlugin()], PROJECT);
  const timeline = buildEvidenceTimeline([correction.fixed, correction.failed], sessions, { projectPath: PROJECT });
  assert.deepEqual(timeline.unreadable, []);
  assert.equal(timeline.episodes.length, 1);
  const [episode] = timeline.episodes;
  assert.equal(episode!.failed?.summary, 'Bash go build ./bootstrap/ 2>&1');
  assert.equal(episode!.failed?.ref.line, correction.failed.line);
  assert.ok(episode!.failed?.output?.some((line) => /is a directory/.test(line)), JSON.stringify(episode!.failed?.output));
  assert.equal(episode!.fixed?.summary, 'Bash go build -o /tmp/e2e-bootstrap ./bootstrap/ 2>&1');
  const between = parsed.calls.filter((c) => c.index > correction.failed.index && c.index < correction.fixed.index);
  assert.equal(episode!.between.count, between.length);
  assert.deepEqual(episode!.userWords, []);
});

test('corpus: a rejection is an episode with no fix and the user\'s words, without the agent\'s boilerplate', async () => {
  const file = path.join(CORPUS, 'paul-cli-mise-ci-rejected-too-slow.jsonl');
  const parsed = await parseClaudeSession({ agent: 'claude', path: file, projectPath: '/Users/paul/src/entireio/cli', subagent: false });
  const rejected = parsed.calls.find((c) => c.outcome === 'rejected')!;
  const timeline = buildEvidenceTimeline([toCallRef(rejected)], new Map([[file, parsed.calls]]));
  const [episode] = timeline.episodes;
  assert.equal(episode!.failed?.outcome, 'rejected');
  assert.equal(episode!.failed?.output, undefined, 'no "The user doesn\'t want to proceed…" text');
  assert.equal(episode!.fixed, undefined);
  assert.deepEqual(episode!.userWords, [{ text: "don't run CI or integration tests, too slow.", file, line: rejected.line }]);
});

test('without the logs the timeline shows what the evidence recorded; a retry streak is one episode; the count is bounded', () => {
  const ref = (index: number, outcome: 'ok' | 'failed', file = '/gone/s.jsonl') => ({
    agent: 'claude', file, line: index * 2 + 1, sessionId: 's', index, tool: 'Read' as const, input: { file_path: `/p/src/f${index}.ts` }, outcome,
  });
  const timeline = buildEvidenceTimeline([ref(1, 'failed'), ref(2, 'failed'), ref(4, 'ok')], new Map(), { projectPath: '/p' });
  assert.deepEqual(timeline.unreadable, ['/gone/s.jsonl']);
  assert.equal(timeline.episodes.length, 1, 'two failures before the fix are one episode');
  assert.equal(timeline.episodes[0]!.failed?.summary, 'Read src/f1.ts');
  assert.equal(timeline.episodes[0]!.fixed?.summary, 'Read src/f4.ts');
  assert.equal(timeline.episodes[0]!.between.count, 0, 'unknown without the log');
  const many = Array.from({ length: MAX_TIMELINE_EPISODES + 3 }, (_, i) => ref(0, 'failed', `/gone/${i}.jsonl`));
  const bounded = buildEvidenceTimeline(many, new Map());
  assert.equal(bounded.episodes.length, MAX_TIMELINE_EPISODES);
  assert.equal(bounded.omitted, 3);
});
