// Known large files on real excerpts: a rule only when the too-large error's own advice did not set the agent right
// at once (test/fixtures/corpus/README.md names the source lines).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlateSessions } from '../../../src/core/correlate/correlateFailures.js';
import { deriveFindings } from '../../../src/core/correlate/deriveFindings.js';
import type { ParsedSession } from '../../../src/core/agents/plugin.js';
import { parseExcerpt, projectAt } from './corpusExcerptLoader.js';

const PAUL = '/Users/paul/src/entireio/cli';
const FILE = 'cmd/entire/cli/checkpoint/checkpoint_test.go';

function largeFiles(sessions: ParsedSession[]) {
  const { findings } = deriveFindings(sessions, correlateSessions(sessions), projectAt(PAUL, [FILE]));
  return findings.filter((f) => f.category === 'large_file').map((f) => ({ path: f.key, sessions: f.sessions, dropped: f.details.dropped }));
}

test('corpus: checkpoint_test.go too large in two sessions, each time read by range on the very next call: no rule, with the reason', async () => {
  const sessions = [await parseExcerpt('paul-cli-read-too-large-1.jsonl', PAUL), await parseExcerpt('paul-cli-read-too-large-2.jsonl', PAUL)];
  for (const s of sessions) {
    assert.deepEqual(s.calls.map((c) => [c.tool, c.outcome, c.errorKind]), [['Read', 'failed', 'file_too_large'], ['Read', 'ok', undefined]]);
  }
  assert.deepEqual(largeFiles(sessions), [{ path: FILE, sessions: 2, dropped: 'the too-large error says to read a range, and the very next call did (2 of 2 times)' }]);
});

test('corpus: the same failures with a search between the failure and the ranged read in one session: the rule stands', async () => {
  const [first, second] = [await parseExcerpt('paul-cli-read-too-large-1.jsonl', PAUL), await parseExcerpt('paul-cli-read-too-large-2.jsonl', PAUL)];
  const search = { ...first.calls[1], tool: 'Grep' as const, input: { pattern: 'func TestCheckpoint', path: `${PAUL}/cmd` }, index: first.calls[0].index + 1 };
  const detour: ParsedSession = { ...first, calls: [first.calls[0], search, { ...first.calls[1], index: first.calls[1].index + 1 }] };
  assert.deepEqual(largeFiles([detour, second]), [{ path: FILE, sessions: 2, dropped: undefined }]);
});
