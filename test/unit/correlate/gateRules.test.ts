import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedSession } from '../../../src/core/agents/plugin.js';
import { correlateSessions } from '../../../src/core/correlate/correlateFailures.js';
import { deriveFindings } from '../../../src/core/correlate/deriveFindings.js';
import { failingChecks } from '../../../src/core/correlate/derive/failingChecks.js';
import { gateCommandOf } from '../../../src/core/correlate/gateCommand.js';
import { GATE_CHECKS_SHOWN } from '../../../src/core/correlate/thresholds.js';
import { parseExcerpt, projectAt } from './corpusExcerptLoader.js';
import { bash, bashFail, session } from './callFactory.js';

const DIP = '/Users/dip/Repositories/cli';

function gates(sessions: ParsedSession[]) {
  const { findings } = deriveFindings(sessions, correlateSessions(sessions), projectAt(DIP, []));
  return findings.filter((f) => f.key.startsWith('gate:')).map((f) => ({ rule: f.rule, sessions: f.sessions, dropped: f.details.dropped }));
}

test('corpus: `mise run lint` failing after the agent’s edits in two sessions, both on goconst: one workflow rule, unless the agent already runs it in most sessions that change code', async () => {
  const sessions = [await parseExcerpt('dip-edit-then-lint-fails-1.jsonl', DIP), await parseExcerpt('dip-edit-then-lint-fails-2.jsonl', DIP)];
  assert.deepEqual(gates(sessions), [
    { rule: 'Before finishing, run `mise run lint`; it most often fails on `goconst`', sessions: 2, dropped: 'the agent already runs it (in 2 of 2 sessions that changed code)' },
  ]);
  // Three more sessions that changed code and never ran the gate: now the habit is worth a rule.
  const withoutGate = ['s3', 's4', 's5'].map((id) => session([{ tool: 'Edit' as const, path: `${DIP}/a.go` }], id));
  assert.deepEqual(gates([...sessions, ...withoutGate]), [{ rule: 'Before finishing, run `mise run lint`; it most often fails on `goconst`', sessions: 2, dropped: undefined }]);
});

/** One session from an excerpt and the excerpt of its later lines (same session), calls in order. */
function continued(first: ParsedSession, later: ParsedSession): ParsedSession {
  const after = Math.max(...first.calls.map((c) => c.index)) + 1;
  return { ...first, calls: [...first.calls, ...later.calls.map((c) => ({ ...c, sessionId: first.sessionId, index: after + c.index }))] };
}

test('corpus: the same two sessions read on — `mise run lint` passed again later in each (0 issues): the gate did its job, no rule', async () => {
  const fails = [await parseExcerpt('dip-edit-then-lint-fails-1.jsonl', DIP), await parseExcerpt('dip-edit-then-lint-fails-2.jsonl', DIP)];
  const passes = [await parseExcerpt('dip-lint-passes-later-1.jsonl', DIP), await parseExcerpt('dip-lint-passes-later-2.jsonl', DIP)];
  assert.ok(passes.every((p) => p.calls.some((c) => gateCommandOf(c) === 'mise run lint' && c.outcome === 'ok')));
  const withoutGate = ['s3', 's4', 's5'].map((id) => session([{ tool: 'Edit' as const, path: `${DIP}/a.go` }], id));
  const rule = 'Before finishing, run `mise run lint`; it most often fails on `goconst`';
  assert.deepEqual(gates([continued(fails[0], passes[0]), continued(fails[1], passes[1]), ...withoutGate]), [
    { rule, sessions: 2, dropped: 'its own runs caught the failures and it passed again before the session ended (2 of 2 sessions)' },
  ]);
  // Fixed in one session only: still one session that ended failing, below the two a rule needs.
  assert.equal(gates([continued(fails[0], passes[0]), fails[1], ...withoutGate])[0].dropped, 'its own runs caught the failures and it passed again before the session ended (1 of 2 sessions)');
  // Neither fixed within its session (the excerpts end on the failure): the rule stands, as in the test above.
  assert.equal(gates([...fails, ...withoutGate])[0].dropped, undefined);
});

test('corpus: near miss — a lint run at the start of a session, before any edit, fails on code the agent did not write: no gate failure', async () => {
  const before = await parseExcerpt('victor-lint-fails-before-any-edit.jsonl', DIP);
  assert.equal(before.calls[0].outcome, 'failed');
  assert.deepEqual(gates([await parseExcerpt('dip-edit-then-lint-fails-1.jsonl', DIP), before]), []);
});

test('corpus: the checks of golangci-lint behind mise’s task prefix, and of Biome', async () => {
  const [lint] = (await parseExcerpt('dip-edit-then-lint-fails-2.jsonl', DIP)).calls.filter((c) => c.tool === 'Bash');
  assert.ok(failingChecks(lint.output).includes('goconst'));
  assert.deepEqual(failingChecks('./apps/cli/src/a.ts organizeImports ━━━━\n./apps/cli/src/a.ts format ━━━━'), ['organizeImports', 'format']);
  assert.deepEqual(failingChecks('src/a.ts(3,1): error TS2304: Cannot find name'), ['TS2304']);
  assert.deepEqual(failingChecks('--- FAIL: TestResume (3.3s)\nFAIL\tgithub.com/x/cli\t72.8s'), [], 'failing tests are no general check');
});

const edit = { tool: 'Edit' as const, path: '/proj/a.go' };
const lintFail = (output: string, extra = {}) => bashFail('mise run lint', 'exit_code', { output, exitCode: 1, ...extra });
const issue = (linter: string) => `a.go:1:1: message (${linter})`;
/** Sessions that changed code without running the gate: with them the gate is no habit yet, so its rule says something. */
const editOnly = () => ['e1', 'e2', 'e3'].map((id) => session([edit], id));

test('gate command: the whole project only; output flags left out', () => {
  const call = (command: string) => session([bash(command)]).calls[0];
  assert.equal(gateCommandOf(call('go test -v -count=1 ./...')), 'go test ./...');
  assert.equal(gateCommandOf(call('mise run lint 2>&1')), 'mise run lint');
  assert.equal(gateCommandOf(call('npm test')), 'npm test');
  assert.equal(gateCommandOf(call('go test ./pkg/a -run TestX')), undefined, 'a selection is no gate');
  assert.equal(gateCommandOf(call('mise run fmt && mise run lint')), undefined, 'a chain: which part failed is unknown');
  assert.equal(gateCommandOf(call('git status')), undefined);
});

test('gate rule: only real failures — after an edit, exit code visible, not meant to fail, no usage error — in two sessions', () => {
  const rules = (specs: (id: string) => Parameters<typeof session>[0]) => {
    const s = [session(specs('s1'), 's1'), session(specs('s2'), 's2'), ...editOnly()];
    const found = deriveFindings(s, correlateSessions(s), projectAt('/proj', [])).findings;
    return found.filter((f) => f.key.startsWith('gate:') && f.details.dropped === undefined).map((f) => f.rule);
  };
  assert.deepEqual(rules(() => [edit, lintFail(issue('errcheck'))]), ['Before finishing, run `mise run lint`; it most often fails on `errcheck`']);
  assert.deepEqual(rules((id) => [edit, lintFail(issue(id === 's1' ? 'errcheck' : 'goconst'))]), [], 'a check in one session only is not named, and with none named there is no rule');
  assert.deepEqual(rules(() => [lintFail(issue('errcheck'))]), [], 'no edit before');
  assert.deepEqual(rules(() => [edit, lintFail(issue('errcheck'), { input: { command: 'mise run lint', description: 'Run linter to see failures' } })]), [], 'meant to fail');
  assert.deepEqual(rules(() => [edit, lintFail('mise ERROR no task lint:full found\nunknown command')]), [], 'usage error');
  assert.deepEqual(rules(() => [edit, lintFail(issue('errcheck'), { exitCode: undefined })]), [], 'no exit code seen');
  assert.deepEqual(rules((id) => (id === 's1' ? [edit, lintFail(issue('errcheck'))] : [])), [], 'one session');
});

test('gate rule: dropped when the user rejected running that kind of command (the same task), kept when they rejected another task', () => {
  const gateAfterRejecting = (rejected: string) => {
    const s = (id: string) => session([edit, lintFail(issue('errcheck')), bash(rejected, { outcome: 'rejected' })], id);
    const sessions = [s('s1'), s('s2'), ...editOnly()];
    return deriveFindings(sessions, correlateSessions(sessions), projectAt('/proj', [])).findings.find((f) => f.key.startsWith('gate:'))!;
  };
  assert.equal(gateAfterRejecting('mise run lint 2>&1').details.dropped, 'the user rejected running `mise run lint` commands');
  assert.equal(gateAfterRejecting('mise run test:ci').details.dropped, undefined);
});

test('GATE_CHECKS_SHOWN: that many checks are named, the next one is not', () => {
  const linters = ['errcheck', 'goconst', 'gosec', 'ireturn', 'wrapcheck'].slice(0, GATE_CHECKS_SHOWN + 1);
  const s = (id: string) => session([edit, lintFail(linters.map(issue).join('\n'))], id);
  const sessions = [s('s1'), s('s2')];
  const [gate] = deriveFindings(sessions, correlateSessions(sessions), projectAt('/proj', [])).findings.filter((f) => f.key.startsWith('gate:'));
  assert.deepEqual(gate.details.checks, linters.slice(0, GATE_CHECKS_SHOWN));
});

test('a retry streak of the gate is folded into the gate rule, not a separate retry note', () => {
  const s = (id: string) => session([edit, lintFail(issue('errcheck')), lintFail(issue('errcheck')), lintFail(issue('errcheck'))], id);
  const sessions = [s('s1'), s('s2')];
  const { findings } = deriveFindings(sessions, correlateSessions(sessions), projectAt('/proj', []));
  assert.deepEqual(findings.map((f) => f.category), ['command_pattern']);
  // near miss: without the edit there is no gate rule, and the streak stays a retry note
  const noEdit = (id: string) => session([lintFail(issue('errcheck')), lintFail(issue('errcheck')), lintFail(issue('errcheck'))], id);
  const plain = [noEdit('s1'), noEdit('s2')];
  assert.deepEqual(deriveFindings(plain, correlateSessions(plain), projectAt('/proj', [])).findings.map((f) => f.category), ['retry']);
});
