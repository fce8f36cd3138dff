import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlateCalls } from '../../../src/core/correlate/correlateFailures.js';
import { commandShape } from '../../../src/core/correlate/normaliseLauncher.js';
import { nearBasename } from '../../../src/core/correlate/nearBasename.js';
import { bash, bashFail, grep, read, readMissing, session, unrelated } from './callFactory.js';

const pairs = (specs: Parameters<typeof session>[0]) =>
  correlateCalls(session(specs).calls).map((c) => ({ kind: c.kind, failed: c.failed.index, fixed: c.fixed.index, ...c.change }));

test('near basenames: X.java → X.scala and src/foo.ts → lib/foo.ts pair; state.rs → lib.rs does not', () => {
  assert.ok(nearBasename('axion-formats/src/main/java/FirstClassEntity.java', 'axion-scala-common/src/main/scala/FirstClassEntity.scala'));
  assert.ok(nearBasename('src/foo.ts', 'lib/foo.ts'));
  assert.ok(!nearBasename('src/state.rs', 'src/lib.rs'));
});

test('Read of a wrong path pairs with the Read of the same file elsewhere', () => {
  assert.deepEqual(pairs([readMissing('/proj/a/X.java'), unrelated(1), read('/proj/b/X.scala')]), [
    { kind: 'path', failed: 0, fixed: 2, from: '/proj/a/X.java', to: '/proj/b/X.scala' },
  ]);
});

test('Read of a missing file never pairs with a Read of a different file (state.rs → lib.rs)', () => {
  assert.deepEqual(pairs([readMissing('/proj/src/state.rs'), read('/proj/src/lib.rs')]), []);
});

test('an Edit that failed for its text, not its path, is not a path correction', () => {
  const specs = [
    { tool: 'Edit' as const, path: '/proj/src/foo.ts', outcome: 'failed' as const, errorKind: 'edit_mismatch' as const },
    { tool: 'Edit' as const, path: '/proj/lib/foo.ts' },
  ];
  assert.deepEqual(pairs(specs), []);
});

test('a Write does not prove a guessed path was right (it may have created the file)', () => {
  assert.deepEqual(pairs([readMissing('/proj/src/foo.ts'), { tool: 'Write', path: '/proj/lib/foo.ts' }]), []);
});

test('a too-large Read pairs with the ranged Read of the same file', () => {
  const big = read('/proj/server.py', { outcome: 'failed', errorKind: 'file_too_large' });
  const ranged = read('/proj/server.py', { input: { file_path: '/proj/server.py', offset: 1, limit: 200 } });
  assert.deepEqual(pairs([big, ranged]), [{ kind: 'read_range', failed: 0, fixed: 1, from: '/proj/server.py', to: '/proj/server.py' }]);
});

test('an identical successful retry is transient: no correction, and the search stops there', () => {
  assert.deepEqual(pairs([bashFail('npm test'), bash('npm test'), bash('npm test -- --runInBand')]), []);
  assert.deepEqual(pairs([readMissing('/proj/a.ts'), read('/proj/a.ts'), read('/proj/b/a.ts')]), []);
});

test('redirections, pipes into head and cd prefixes do not make a command different', () => {
  assert.deepEqual(pairs([bashFail('cargo build'), bash('cd /proj && cargo build 2>&1 | head -50')]), []);
});

test('launchers are normalised: python3 → uv run python, pytest → uv run pytest, npm → pnpm', () => {
  assert.deepEqual(pairs([bashFail('python3 scripts/gen.py', 'module_not_found'), bash('uv run python scripts/gen.py')]), [
    { kind: 'launcher', failed: 0, fixed: 1, from: 'python3', to: 'uv run python' },
  ]);
  assert.deepEqual(pairs([bashFail('pytest tests/unit', 'command_not_found'), bash('uv run pytest tests/unit')]), [
    { kind: 'launcher', failed: 0, fixed: 1, from: 'pytest', to: 'uv run pytest' },
  ]);
  assert.deepEqual(pairs([bashFail('npm run build'), bash('pnpm build')]), [{ kind: 'launcher', failed: 0, fixed: 1, from: 'npm', to: 'pnpm' }]);
  assert.deepEqual(pairs([bashFail('python -m pytest -q', 'module_not_found'), bash('.venv/bin/pytest -q')]).map((p) => p.kind), ['launcher']);
});

test('commandShape unwraps bash -lc and strips env assignments', () => {
  const shape = commandShape(`bash -lc "cd /proj && FOO=1 uv run python -m pytest -q"`);
  assert.equal(shape.program, 'pytest');
  assert.equal(shape.launcher, 'uv run python -m pytest');
  assert.deepEqual(shape.args, ['-q']);
});

test('same program, unrelated subcommand: git push failing is not fixed by git status', () => {
  assert.deepEqual(pairs([bashFail('git push origin main'), bash('git status')]), []);
});

test('Bash with a swapped path argument after file-not-found is a path correction', () => {
  assert.deepEqual(pairs([bashFail("sed -n '1,80p' src/config.ts", 'file_not_found'), bash("sed -n '1,80p' packages/core/src/config.ts")]), [
    { kind: 'path', failed: 0, fixed: 1, from: 'src/config.ts', to: 'packages/core/src/config.ts' },
  ]);
});

test('Grep: same pattern in another scope is a search-scope correction; an unrelated pattern is not', () => {
  const empty = { output: 'No files found' };
  assert.deepEqual(pairs([grep('parseConfig', '/proj/axion-model', empty), grep('parseConfig', '/proj', { output: 'src/a.ts' })]), [
    { kind: 'search_scope', failed: 0, fixed: 1, from: '/proj/axion-model', to: '/proj' },
  ]);
  assert.deepEqual(pairs([grep('parseConfig', '/proj/src', empty), grep('renderTable', '/proj', { output: 'src/a.ts' })]), []);
});

test('Grep: same scope with a corrected pattern is a search-pattern correction', () => {
  assert.deepEqual(pairs([grep('foo(', '/proj/src', { outcome: 'failed', errorKind: 'syntax_error' }), grep('foo\\(', '/proj/src')]), [
    { kind: 'search_pattern', failed: 0, fixed: 1, from: 'foo(', to: 'foo\\(' },
  ]);
});

test('rg with no matches in one folder, then the same pattern in another, is a search-scope correction', () => {
  assert.deepEqual(pairs([bashFail('rg -n parseConfig src/model'), bash('rg -n parseConfig src')]), [
    { kind: 'search_scope', failed: 0, fixed: 1, from: 'src/model', to: 'src' },
  ]);
});

test('a success of a different tool family right after a failure never pairs', () => {
  assert.deepEqual(pairs([readMissing('/proj/src/foo.ts'), bash('ls src'), grep('foo', '/proj')]), []);
  assert.deepEqual(pairs([bashFail('python3 x.py', 'module_not_found'), read('/proj/x.py')]), []);
});

test('a rejected or failed later call is never the fix; the next working one is', () => {
  const specs = [
    bashFail('python3 x.py', 'module_not_found'),
    bash('uv run python x.py', { outcome: 'rejected' }),
    bashFail('python x.py', 'module_not_found'),
    bash('uv run python x.py'),
  ];
  assert.deepEqual(
    pairs(specs).map((p) => [p.failed, p.fixed, p.from, p.to]),
    [
      [0, 3, 'python3', 'uv run python'],
      [2, 3, 'python', 'uv run python'],
    ],
  );
});

test('corrections carry both calls as evidence (file, line, session, index, timestamp)', () => {
  const [c] = correlateCalls(session([readMissing('/proj/src/foo.ts'), read('/proj/lib/foo.ts')], 's7').calls);
  assert.equal(c.failed.sessionId, 's7');
  assert.equal(c.failed.file, '/logs/claude/s7.jsonl');
  assert.deepEqual([c.failed.line, c.fixed.line], [2, 4]);
  assert.ok(c.failed.timestamp && c.fixed.timestamp);
  assert.equal(c.fixed.callId, 's7-1');
});

test('same program: a fix that only adds or removes arguments pairs even below the overlap', () => {
  assert.deepEqual(pairs([bashFail('cargo test'), bash('cargo test --features full')]).map((p) => p.kind), ['command']);
  assert.deepEqual(pairs([bashFail('cargo test --features full --offline'), bash('cargo test')]).map((p) => p.kind), ['command']);
  assert.deepEqual(pairs([bashFail('cargo test --offline'), bash('cargo bench --release')]), []);
});

test('package-manager subcommands spelled differently are one command: npm ci → pnpm install --frozen-lockfile pairs', () => {
  assert.deepEqual(commandShape('npm ci').args, ['install', '--frozen-lockfile']);
  assert.deepEqual(commandShape('yarn install --immutable').args, ['install', '--frozen-lockfile']);
  assert.deepEqual(commandShape('npm i lodash').args, commandShape('pnpm add lodash').args);
  const [fix] = pairs([bashFail('npm ci'), bash('pnpm install --frozen-lockfile')]);
  assert.equal(fix?.kind, 'launcher');
  // …but a different job with the same package manager still does not pair.
  assert.deepEqual(pairs([bashFail('npm ci'), bash('pnpm run lint')]), []);
});
