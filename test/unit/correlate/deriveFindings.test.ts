import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedSession } from '../../../src/core/agents/plugin.js';
import { correlateSessions } from '../../../src/core/correlate/correlateFailures.js';
import { deriveFindings } from '../../../src/core/correlate/deriveFindings.js';
import { bash, bashFail, fakeFiles, grep, read, readMissing, session, unrelated } from './callFactory.js';

function derive(sessions: ParsedSession[], files: Record<string, number> = {}) {
  return deriveFindings(sessions, correlateSessions(sessions), fakeFiles(files));
}
const byCategory = (result: ReturnType<typeof derive>, category: string) => result.findings.filter((f) => f.category === category);

test('environment: python3 failing with ModuleNotFoundError, fixed by uv run python in two sessions', () => {
  const s = (id: string) =>
    session([bashFail('python3 scripts/a.py', 'module_not_found'), bash('uv run python scripts/a.py'), bash('uv run python scripts/b.py')], id);
  const [env] = byCategory(derive([s('s1'), s('s2')]), 'environment');
  assert.equal(env.target, 'context');
  assert.equal(env.occurrences, 2);
  assert.equal(env.sessions, 2);
  assert.deepEqual([env.details.wrongFailures, env.details.rightSuccesses], [2, 4]);
  assert.match(env.rule, /^\*\*Python\*\*: use `uv run python` \(not `python3` — module not found/);
  assert.equal(env.evidence.length, 4);
  assert.ok(env.firstSeen! <= env.lastSeen!);
});

test('environment: a single correction is not enough', () => {
  const s = session([bashFail('python3 a.py', 'module_not_found'), bash('uv run python a.py')]);
  assert.equal(byCategory(derive([s]), 'environment').length, 0);
});

test('file path: the most frequent right path wins, relative to the project root', () => {
  const s = (id: string) => session([
    readMissing('/proj/common/src/Constants.scala'),
    read('/proj/spark-common/src/Constants.scala'),
    readMissing('/proj/common/src/Constants.scala'),
    read('/proj/spark-common/src/Constants.scala'),
    readMissing('/proj/common/src/Constants.scala'),
    read('/proj/other/Constants.scala'),
  ], id);
  const [path] = byCategory(derive([s('s1'), s('s2')], { 'spark-common/src/Constants.scala': 10, 'other/Constants.scala': 1 }), 'file_path');
  assert.equal(path.rule, '`common/src/Constants.scala` → actually at `spark-common/src/Constants.scala`');
  assert.equal(path.occurrences, 6);
  assert.equal(path.details.stale, undefined);
});

test('file path: a right path that is gone from the project now is marked stale', () => {
  const s = (id: string) => session([readMissing('/proj/a/foo.ts'), read('/proj/b/foo.ts')], id);
  const [path] = byCategory(derive([s('s1'), s('s2')], {}), 'file_path');
  assert.match(String(path.details.stale), /b\/foo.ts does not exist/);
});

test('contradictory pairs (A → B and B → A) are both dropped', () => {
  const s = session([
    readMissing('/proj/a/foo.ts'),
    read('/proj/b/foo.ts'),
    readMissing('/proj/a/foo.ts'),
    read('/proj/b/foo.ts'),
    readMissing('/proj/b/foo.ts'),
    read('/proj/a/foo.ts'),
  ]);
  const result = derive([s], { 'a/foo.ts': 1, 'b/foo.ts': 1 });
  assert.equal(byCategory(result, 'file_path').length, 0);
  assert.equal(result.contradictions.length, 3);
});

test('search scope: a narrow folder that finds nothing, the root that does', () => {
  const empty = { output: 'No files found' };
  const s = (id: string) => session([grep('AxionConfig', '/proj/axion-model', empty), grep('AxionConfig', '/proj', { output: 'x' })], id);
  const [scope] = byCategory(derive([s('s1'), s('s2')], { 'axion-model/x': 1 }), 'search_scope');
  assert.equal(scope.rule, "Don't search `axion-model/` → use `.` (the project root)");
  assert.equal(scope.sessions, 2);
});

test('command patterns: a repeated wrong → right command form', () => {
  const s = (id: string) => session([bashFail('cargo test'), bash('cargo test --features full')], id);
  const [cmd] = byCategory(derive([s('s1'), s('s2')]), 'command_pattern');
  assert.equal(cmd.rule, 'Run `cargo test --features full`, not `cargo test` (non-zero exit)');
});

test('user_prefers_manual: one rejection with the user’s own words is enough, and the words are kept', () => {
  const s = session([bash('gradle build --scan', { outcome: 'rejected', userFeedback: "don't run gradle, I run it myself" })]);
  const [manual] = byCategory(derive([s]), 'command_pattern');
  assert.equal(manual.userStated, true);
  assert.equal(manual.rule, "**user_prefers_manual**: User rejected `gradle build` once — show the command, don't execute (user: “don't run gradle, I run it myself”)");
});

test('user_prefers_manual: one silent rejection is not enough, nor two in one session (below the session threshold); two sessions are a rule', () => {
  const one = session([bash('gradle build', { outcome: 'rejected' })]);
  assert.equal(byCategory(derive([one]), 'command_pattern').length, 0);
  const sameSession = session([bash('gradle build', { outcome: 'rejected' }), bash('gradle build -x test', { outcome: 'rejected' })]);
  assert.equal(byCategory(derive([sameSession]), 'command_pattern').length, 0);
  const inTwoSessions = [session([bash('gradle build', { outcome: 'rejected' })], 's1'), session([bash('gradle build -x test', { outcome: 'rejected' })], 's2')];
  const [rule] = byCategory(derive(inTwoSessions), 'command_pattern');
  assert.equal(rule.details.dropped, undefined);
  assert.match(rule.rule, /User rejected `gradle build` 2 times/);
});

test('known large files: too large twice, then read by range; the size in lines is shown; no rule when the next call did what the error said', () => {
  const big = read('/proj/proxy/server.py', { outcome: 'failed', errorKind: 'file_too_large' });
  const ranged = read('/proj/proxy/server.py', { input: { file_path: '/proj/proxy/server.py', offset: 1, limit: 100 } });
  const [large] = byCategory(derive([session([big, ranged]), session([big, ranged], 's2')], { 'proxy/server.py': 8000 }), 'large_file');
  assert.equal(large.rule, '`proxy/server.py` (~8000 lines) — always use offset/limit');
  assert.equal(large.details.rangedReads, 2);
  assert.equal(large.evidence.length, 4);
  assert.equal(large.details.dropped, 'the too-large error says to read a range, and the very next call did (2 of 2 times)', 'the error itself taught the agent at once');
  // A detour before the ranged read (a search, another file) in one session: the error's advice was not enough there.
  const [detour] = byCategory(derive([session([big, unrelated(1), ranged]), session([big, ranged], 's2')], { 'proxy/server.py': 8000 }), 'large_file');
  assert.equal(detour.details.dropped, undefined);
});

test('retry prevention: three identical failures in a row, with the fix that ended them; memory target', () => {
  const s = (id: string) => session([bashFail('make deploy'), bashFail('make deploy'), unrelated(1), bashFail('make deploy'), bash('make deploy ENV=staging')], id);
  assert.equal(byCategory(derive([s('s1')]), 'retry').length, 0, 'one session is one episode');
  const [retry] = byCategory(derive([s('s1'), s('s2')]), 'retry');
  assert.equal(retry.target, 'memory');
  assert.equal(retry.occurrences, 6);
  assert.equal(retry.rule, '`make deploy` failed in 2 streaks (up to 3 in a row) (non-zero exit) — what worked: `make deploy ENV=staging` instead of `make deploy`');
});

test('retry prevention: a success of the same call in between breaks the streak', () => {
  const s = session([bashFail('make deploy'), bashFail('make deploy'), bash('make deploy'), bashFail('make deploy')]);
  assert.equal(byCategory(derive([s]), 'retry').length, 0);
});

test('permission notes: repeated permission failures of the same kind of command', () => {
  const denied = (cmd: string) => bashFail(cmd, 'permission_denied', { output: 'error: sandbox denied write access' });
  const [perm] = byCategory(derive([session([denied('docker compose up')]), session([denied('docker compose up -d')], 's2')]), 'permission');
  assert.equal(perm.target, 'memory');
  assert.equal(perm.rule, '`docker compose` failed on permissions 2 times — suggest it to the user instead of running it');
});

test('the waste estimate counts failed output, and separately what the findings would have prevented', () => {
  const s = (id: string) =>
    session([bashFail('python3 a.py', 'module_not_found', { outputBytes: 400 }), bash('uv run python a.py', { outputBytes: 1000 }), bashFail('ls nope', 'file_not_found', { outputBytes: 40 })], id);
  const { waste } = derive([s('s1'), s('s2')]);
  assert.deepEqual(waste, {
    failedCalls: 4,
    failedOutputBytes: 880,
    failedOutputTokens: 220,
    preventableCalls: 2,
    preventableOutputBytes: 800,
    preventableOutputTokens: 200,
  });
});

test('finding ids are stable across runs and duplicates from two agents are merged', () => {
  const claude = session([readMissing('/proj/a/foo.ts'), read('/proj/b/foo.ts')], 's1', 'claude');
  const codex = session([bashFail('cat a/foo.ts', 'file_not_found'), bash('cat b/foo.ts')], 's2', 'codex');
  const first = derive([claude, codex], { 'b/foo.ts': 3 });
  const again = derive([claude, codex], { 'b/foo.ts': 3 });
  const paths = byCategory(first, 'file_path');
  assert.equal(paths.length, 1);
  assert.equal(paths[0].occurrences, 2);
  assert.equal(paths[0].sessions, 2);
  assert.deepEqual(new Set(paths[0].evidence.map((e) => e.agent)), new Set(['claude', 'codex']));
  assert.equal(paths[0].id, byCategory(again, 'file_path')[0].id);
});

test('permission notes: denials of the same file by different commands are one note', () => {
  const denied = (cmd: string) => bashFail(cmd, 'permission_denied', { output: 'tail: /var/log/api.log: Permission denied' });
  const [perm] = byCategory(derive([session([denied('tail -n 50 /var/log/api.log')]), session([denied('cat /var/log/api.log | grep x')], 's2')]), 'permission');
  assert.equal(perm.rule, '`/var/log/api.log` failed on permissions 2 times — suggest it to the user instead of running it');
});

test('the kind of a command skips flags and their values: pnpm --filter @shop/web typecheck', () => {
  const s = (id: string) =>
    session([bashFail('pnpm --filter @shop/web typecheck'), bashFail('pnpm --filter @shop/web typecheck'), bashFail('pnpm --filter @shop/web typecheck')], id);
  assert.match(byCategory(derive([s('s1'), s('s2')]), 'retry')[0].rule, /^`pnpm typecheck` failed in 2 streaks/);
});

test('retry prevention: when the same command works again only after an edit, the rule names the file edited', () => {
  const edit = (path: string): Parameters<typeof session>[0][number] => ({ tool: 'Edit', path });
  const s = (id: string) =>
    session(
      [bashFail('sbt test'), bashFail('sbt test'), bashFail('sbt test'), read('/proj/modules/billing/Invoice.scala'), edit('/proj/modules/billing/Invoice.scala'), bash('sbt test')],
      id,
    );
  const [retry] = byCategory(derive([s('s1'), s('s2')]), 'retry');
  assert.deepEqual(retry.details.editedBeforeSuccess, ['modules/billing/Invoice.scala']);
  assert.match(retry.rule, /it passed only after editing `modules\/billing\/Invoice\.scala`/);
});

test('retry prevention: a streak that never worked again keeps the generic advice', () => {
  const s = (id: string) => session([bashFail('sbt test'), bashFail('sbt test'), bashFail('sbt test'), { tool: 'Edit', path: '/proj/a.scala' }], id);
  const [retry] = byCategory(derive([s('s1'), s('s2')]), 'retry');
  assert.equal(retry.details.editedBeforeSuccess, undefined);
  assert.match(retry.rule, /change the approach instead of retrying/);
});
