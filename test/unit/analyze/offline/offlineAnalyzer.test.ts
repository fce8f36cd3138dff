import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OfflineAnalyzer } from '../../../../src/core/analyze/offline/offlineAnalyzer.js';
import { correlateSessions } from '../../../../src/core/correlate/correlateFailures.js';
import { deriveFindings } from '../../../../src/core/correlate/deriveFindings.js';
import { bash, bashFail, fakeFiles, read, readMissing, session } from '../../correlate/callFactory.js';

function findingsFor(files: Record<string, number>) {
  const s = (id: string) =>
    session(
      [
        readMissing('/proj/a/foo.ts'),
        read('/proj/b/foo.ts'),
        bashFail('python3 x.py', 'module_not_found'),
        bash('uv run python x.py'),
        bash('make deploy', { outcome: 'rejected' }),
        bashFail('make build'),
        bashFail('make build'),
        bashFail('make build'),
      ],
      id,
    );
  const sessions = [s('s1'), s('s2')];
  return deriveFindings(sessions, correlateSessions(sessions), fakeFiles(files)).findings;
}

test('offline rules come in the spec’s category order, most valuable first, with their evidence and target', async () => {
  const files = fakeFiles({ 'b/foo.ts': 5 });
  const { learnings, report } = await new OfflineAnalyzer().analyze({
    projectPath: '/proj',
    findings: findingsFor({ 'b/foo.ts': 5 }),
    existingRules: [],
    pathExists: files.exists,
  });
  assert.equal(report.backend, 'offline');
  assert.deepEqual(
    learnings.map((l) => [l.category, l.target, l.text]),
    [
      ['environment', 'context', '**Python**: use `uv run python` (not `python3` — module not found; `python3` failed 2 times, `uv run python` worked 2 times)'],
      ['file_path', 'context', '`a/foo.ts` → actually at `b/foo.ts`'],
      ['command_pattern', 'context', "**user_prefers_manual**: User rejected `make deploy` 2 times — show the command, don't execute"],
      ['retry', 'memory', '`make build` failed in 2 streaks (up to 3 in a row) (non-zero exit) — after the first failure, change the approach instead of retrying'],
    ],
  );
  assert.ok(learnings.every((l) => l.evidence.length > 0 && l.findingIds.length === 1 && l.source === 'offline'));
});

test('a stale path finding is not proposed and the report says why', async () => {
  const files = fakeFiles({});
  const { learnings, report } = await new OfflineAnalyzer().analyze({ projectPath: '/proj', findings: findingsFor({}), existingRules: [], pathExists: files.exists });
  assert.ok(!learnings.some((l) => l.category === 'file_path'));
  assert.deepEqual(report.dropped.map((d) => d.why), ['stale: b/foo.ts does not exist in the project now']);
});

test('a path that vanished between derivation and analysis is dropped by the analyzer’s own check', async () => {
  const { learnings, report } = await new OfflineAnalyzer().analyze({
    projectPath: '/proj',
    findings: findingsFor({ 'b/foo.ts': 5 }),
    existingRules: [],
    pathExists: () => false,
  });
  assert.ok(!learnings.some((l) => l.category === 'file_path'));
  assert.match(report.dropped[0].why, /names b\/foo.ts, which is not in the project/);
});

test('an aborted signal stops the analysis', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(new OfflineAnalyzer().analyze({ projectPath: '/proj', findings: [], existingRules: [], pathExists: () => true }, controller.signal));
});
