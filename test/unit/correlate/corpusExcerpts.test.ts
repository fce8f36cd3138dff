import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseClaudeSession } from '../../../src/core/agents/claude/parseClaudeSession.js';
import { correlateCalls } from '../../../src/core/correlate/correlateFailures.js';
import { hidesExitCode, showsPassingVerdict } from '../../../src/core/correlate/hiddenExitCode.js';
import { meantToFail } from '../../../src/core/correlate/meantToFail.js';
import { skipsChecks } from '../../../src/core/correlate/checkCommands.js';
import { bash, bashFail, session } from './callFactory.js';

/** Real excerpts of the development corpus (test/fixtures/corpus/README.md names their source lines). */
const CORPUS = path.resolve(__dirname, '..', '..', 'fixtures', 'corpus');

async function correctionsOf(fixture: string) {
  const parsed = await parseClaudeSession({ agent: 'claude', path: path.join(CORPUS, fixture), projectPath: '/x', subagent: false });
  return { calls: parsed.calls, corrections: correlateCalls(parsed.calls).map((c) => ({ kind: c.kind, ...c.change })) };
}

test('corpus: `go test … | head -40` "succeeds" while printing FAIL, and a run after edits with -v added is no command correction', async () => {
  const { calls, corrections } = await correctionsOf('go-test-head-hides-fail-then-edit.jsonl');
  // Before: 307 → 309 paired as a command correction on the strength of a `| head -40` exit code (output: FAIL),
  // and 311 → 339 taught "add -v" after three edits of transcript.go fixed the build.
  assert.deepEqual(corrections, []);
  assert.equal(calls.filter((c) => c.outcome === 'failed').length, 2, 'the two failures are there to pair');
});

test('corpus: `go test … | tail -20` printing FAIL cannot prove the fix of a failed `cd` (no path correction)', async () => {
  const { corrections } = await correctionsOf('cd-fails-tail-hides-fail.jsonl');
  assert.deepEqual(corrections, []);
});

test('corpus: two Globs issued in one assistant message are one attempt: the sibling that found the file is no fix', async () => {
  const { calls, corrections } = await correctionsOf('parallel-globs.jsonl');
  assert.equal(calls.length, 2);
  assert.ok(calls[0].turn && calls[0].turn === calls[1].turn, 'both carry the message id as their turn');
  assert.deepEqual(corrections, []);
});

test('corpus: a narrower build is no correction; `go build -o` after "build output already exists" is one', async () => {
  const { corrections } = await correctionsOf('go-build-narrower-then-output-flag.jsonl');
  assert.deepEqual(corrections, [{ kind: 'command', from: 'go build ./bootstrap/', to: 'go build -o /tmp/e2e-bootstrap ./bootstrap/' }]);
});

test('corpus: "matched no packages" fixed by cd-ing into the module is no "drop -v -count=1" rule', async () => {
  const { corrections } = await correctionsOf('go-test-from-module-dir.jsonl');
  assert.deepEqual(corrections, []);
});

const edit = { tool: 'Edit' as const, path: '/proj/pkg/a.go' };
const pairs = (specs: Parameters<typeof session>[0]) => correlateCalls(session(specs).calls).map((c) => ({ kind: c.kind, ...c.change }));

test('a test run that passes after an edit with other flags is fixed by the edit; without the edit, flags alone are no fix either', () => {
  assert.deepEqual(pairs([bashFail('go test -count=1 ./...'), edit, bash('go test ./...')]), []);
  assert.deepEqual(pairs([bashFail('go test -v -count=1 ./...'), bash('go test ./...')]), []);
  assert.deepEqual(pairs([bashFail('go test -run TestA ./pkg'), bash('go test -run TestB ./pkg')]), [], 'another test selected');
  // near miss: a usage error is about the command, edits or not
  assert.deepEqual(pairs([bashFail('go test -tags=e2e -vv ./...', 'exit_code', { output: 'flag provided but not defined: -vv' }), edit, bash('go test -tags=e2e -v ./...')]), [
    { kind: 'command', from: 'go test -tags=e2e -vv ./...', to: 'go test -tags=e2e -v ./...' },
  ]);
});

test('a launcher correction still pairs across an edit: python3 x (module not found) → uv run python x', () => {
  assert.deepEqual(pairs([bashFail('python3 scripts/seed.py', 'module_not_found'), edit, bash('uv run python scripts/seed.py')]), [
    { kind: 'launcher', from: 'python3', to: 'uv run python' },
  ]);
});

test('a fix that checks less is never a correction: --skip, -k "not …", || true, --no-verify', () => {
  assert.deepEqual(pairs([bashFail('cargo test'), bash('cargo test -- --skip config::tests')]), []);
  assert.deepEqual(pairs([bashFail('pytest tests'), bash("pytest tests -k 'not slow'")]), []);
  assert.deepEqual(pairs([bashFail('git commit -m x'), bash('git commit --no-verify -m x')]), []);
  assert.ok(skipsChecks('npm test', 'npm test || true'));
  assert.ok(!skipsChecks('cargo test --skip a', 'cargo test --skip a --features full'), 'a skip already there is not new');
});

test('an outcome hidden by a pipe or `; echo` is no evidence, unless the output shows a pass', () => {
  assert.deepEqual(pairs([bashFail('npm test'), bash('npm test -- --runInBand | tail -5', { output: 'done' })]), []);
  assert.deepEqual(pairs([bashFail('npm test'), bash('npm test -- --runInBand | tail -5', { output: 'Tests: 12 passed, 12 total' })]), [
    { kind: 'command', from: 'npm test', to: 'npm test -- --runInBand' },
  ]);
  assert.ok(hidesExitCode('go test ./... 2>&1 | tee out.log'));
  assert.ok(hidesExitCode('make check; echo "exit=$?"'));
  assert.ok(!hidesExitCode('set -o pipefail; go test ./... | tail -5'));
  assert.ok(!hidesExitCode('go test ./... && echo ok'), '&& keeps the failure');
  assert.ok(showsPassingVerdict('ok  \tgithub.com/x/pkg\t0.2s'));
  assert.ok(!showsPassingVerdict('ok  \tgithub.com/x/a\t0.2s\nFAIL\tgithub.com/x/b [build failed]'));
});

test('a run meant to fail (TDD red step, reproduction) is not a failure to fix; an ordinary run is', () => {
  const run = (description: string) => ({ ...session([bashFail('go test ./...', 'exit_code', { input: { command: 'go test ./...', description } })]).calls[0] });
  // Descriptions from the corpus.
  assert.ok(meantToFail(run('Run new tests to verify they fail (RED phase)')));
  assert.ok(meantToFail(run('Run linter to see failures')));
  assert.ok(meantToFail(run('Run the specific failing resume test')));
  assert.ok(meantToFail(run('Reproduce the crash')));
  assert.ok(!meantToFail(run('Run tests and check for failures')));
  assert.ok(!meantToFail(run('Run agent unit tests')));
  const red = { command: 'go test ./...', description: 'Verify tests fail correctly (RED phase)' };
  assert.deepEqual(pairs([bashFail('go test ./...', 'exit_code', { input: red }), bash('go test -v ./...')]), []);
});

test('parallel calls: a sibling of the same turn is no fix; the same call in a later turn is', () => {
  const missing = (p: string, turn: string) => ({ tool: 'Read' as const, path: p, outcome: 'failed' as const, errorKind: 'file_not_found' as const, turn });
  const found = (p: string, turn: string) => ({ tool: 'Read' as const, path: p, turn });
  assert.deepEqual(pairs([missing('/proj/src/foo.ts', 'm1'), found('/proj/lib/foo.ts', 'm1')]), []);
  assert.deepEqual(pairs([missing('/proj/src/foo.ts', 'm1'), found('/proj/lib/foo.ts', 'm2')]).map((c) => c.kind), ['path']);
});
