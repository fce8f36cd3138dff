// One test per coverage definition (src/core/backtest/coverage.ts): a rule learned from hand-built
// sessions, later failures it must cover, and a near miss it must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedSession } from '../../../src/core/agents/plugin.js';
import { COVERAGE } from '../../../src/core/backtest/coverage.js';
import { laterCalls } from '../../../src/core/backtest/laterCalls.js';
import { correlateSessions } from '../../../src/core/correlate/correlateFailures.js';
import { deriveFindings } from '../../../src/core/correlate/deriveFindings.js';
import type { Category, Finding } from '../../../src/core/model/finding.js';
import { bash, bashFail, fakeFiles, grep, read, readMissing, session, type CallSpec } from '../correlate/callFactory.js';

const FILES = fakeFiles({
  'src/shop/utils/money.py': 10,
  'src/components/Button.tsx': 10,
  'big.py': 4000,
  'services/api/src/shop/models/order.py': 10,
  'src/a.ts': 10,
  'web/src/cart.ts': 10,
});

/** The findings of one category learned from `learn` (threshold 1, so each test plants a case once). */
function learned(category: Category, learn: ParsedSession[]): Finding[] {
  const findings = deriveFindings(learn, correlateSessions(learn), FILES, { minOccurrences: 1 }).findings.filter((f) => f.category === category);
  assert.ok(findings.length > 0, `a ${category} finding was learned`);
  return findings;
}

/** Outputs of the later failures the category's findings cover, in order. */
function coveredOutputs(category: Category, learn: CallSpec[], later: CallSpec[][]): string[] {
  const replay = laterCalls(
    later.map((specs, i) => session(specs, `s${i + 5}`)),
    FILES,
  );
  const covered = new Set(learned(category, [session(learn, 's1')]).flatMap((f) => COVERAGE[category](f, replay)));
  return replay.failures.filter((call) => covered.has(call)).map((call) => call.output);
}

test('file_path: the same wrong path (Read or a shell read) is covered; another missing file in that folder is not', () => {
  const covered = coveredOutputs(
    'file_path',
    [readMissing('/proj/src/utils/money.py'), read('/proj/src/shop/utils/money.py')],
    [
      [
        read('/proj/src/utils/money.py', { outcome: 'failed', errorKind: 'file_not_found', output: 'same path' }),
        read('src/utils/money.py', { outcome: 'failed', errorKind: 'file_not_found', output: 'same path, relative' }),
        bashFail('cat src/utils/money.py', 'file_not_found', { output: 'shell read' }),
        read('/proj/src/utils/tax.py', { outcome: 'failed', errorKind: 'file_not_found', output: 'near miss: other file' }),
        read('/proj/src/utils/money.py', { outcome: 'failed', errorKind: 'permission_denied', output: 'near miss: not a path error' }),
      ],
    ],
  );
  assert.deepEqual(covered, ['same path', 'same path, relative', 'shell read']);
});

test('file_path, folder level: a path under the wrong folder is covered; a folder with a longer name is not', () => {
  const covered = coveredOutputs(
    'file_path',
    [{ tool: 'LS', path: '/proj/src/component', outcome: 'failed', errorKind: 'file_not_found' }, { tool: 'LS', path: '/proj/src/components' }],
    [
      [
        read('/proj/src/component/Button.tsx', { outcome: 'failed', errorKind: 'file_not_found', output: 'under the wrong folder' }),
        read('/proj/src/componentz/Button.tsx', { outcome: 'failed', errorKind: 'file_not_found', output: 'near miss: sibling prefix' }),
      ],
    ],
  );
  assert.deepEqual(covered, ['under the wrong folder']);
});

test('environment: the same launcher and module is covered; the same launcher running a script is not', () => {
  const covered = coveredOutputs(
    'environment',
    [bashFail('python3 -m pytest tests', 'module_not_found'), bash('uv run pytest tests')],
    [
      [
        bashFail('python3 -m pytest tests/unit -q', 'module_not_found', { output: 'same launcher, same module' }),
        bashFail('python3 script.py', 'module_not_found', { output: 'near miss: python3 script.py' }),
        bashFail('uv run pytest', 'module_not_found', { output: 'near miss: the right launcher' }),
      ],
    ],
  );
  assert.deepEqual(covered, ['same launcher, same module']);
});

test('command_pattern, user_prefers_manual: a later rejection of the same command kind is covered; another subcommand is not', () => {
  const rejected = (command: string, output: string): CallSpec => bash(command, { outcome: 'rejected', output, userFeedback: 'I push myself' });
  const covered = coveredOutputs(
    'command_pattern',
    [rejected('git push origin main', 'learned')],
    [[rejected('git push --force origin dev', 'git push again'), rejected('git commit -m wip', 'near miss: git commit'), bashFail('git push', 'exit_code', { output: 'near miss: failed, not rejected' })]],
  );
  assert.deepEqual(covered, ['git push again']);
});

test('command_pattern, launcher: the same program by the same wrong launcher is covered; another launcher is not', () => {
  const covered = coveredOutputs(
    'command_pattern',
    [bashFail('npm run typecheck'), bash('pnpm run typecheck')],
    [[bashFail('npm run typecheck', 'exit_code', { output: 'npm again' }), bashFail('yarn typecheck', 'exit_code', { output: 'near miss: yarn' })]],
  );
  assert.deepEqual(covered, ['npm again']);
});

test('command_pattern, corrected: the same wrong command (numbers aside) is covered; another form of it is not', () => {
  const covered = coveredOutputs(
    'command_pattern',
    [bashFail('cargo test --test-threads 4'), bash('cargo test --test-threads 4 --features full')],
    [[bashFail('cargo test --test-threads 8', 'exit_code', { output: 'same command' }), bashFail('cargo test --doc', 'exit_code', { output: 'near miss: --doc' })]],
  );
  assert.deepEqual(covered, ['same command']);
});

test('large_file: a size failure on that file is covered; another large file, or that file missing, is not', () => {
  const tooLarge = (path: string, output: string) => read(path, { outcome: 'failed', errorKind: 'file_too_large', output });
  const covered = coveredOutputs(
    'large_file',
    [tooLarge('/proj/big.py', 'learned'), read('/proj/big.py', { input: { file_path: '/proj/big.py', offset: 1, limit: 100 } })],
    [[tooLarge('/proj/big.py', 'too large again'), tooLarge('/proj/src/a.ts', 'near miss: other file'), read('/proj/big.py', { outcome: 'failed', errorKind: 'file_not_found', output: 'near miss: missing' })]],
  );
  assert.deepEqual(covered, ['too large again']);
});

test('search_scope, scope: an empty search in or under the wrong folder is covered; a sibling folder is not', () => {
  const empty = (pattern: string, path: string, output = 'No files found') => grep(pattern, path, { output: `${output}` });
  const covered = coveredOutputs(
    'search_scope',
    [empty('class Order', '/proj/services/api/src/shop/models/x'), grep('class Order', '/proj/services/api', { output: 'order.py' })],
    [
      [
        empty('class Invoice', '/proj/services/api/src/shop/models/x', 'No files found (same folder)'),
        empty('Money', '/proj/services/api/src/shop/models/x/deep', 'No files found (under it)'),
        empty('Money', '/proj/services/api/src/shop/models/xy', 'No files found (near miss: sibling)'),
        grep('Money', '/proj/services/api/src/shop/models/x', { output: 'money.py', outcome: 'ok' }),
      ],
    ],
  );
  assert.deepEqual(covered, ['No files found (same folder)', 'No files found (under it)']);
});

test('search_scope, pattern: the same wrong pattern in the same scope is covered; another pattern is not', () => {
  const covered = coveredOutputs(
    'search_scope',
    [grep('foo(', '/proj/src', { outcome: 'failed', errorKind: 'syntax_error' }), grep('foo\\(', '/proj/src', { output: 'a.ts' })],
    [[grep('foo(', '/proj/src', { outcome: 'failed', errorKind: 'syntax_error', output: 'same pattern' }), grep('bar(', '/proj/src', { outcome: 'failed', errorKind: 'syntax_error', output: 'near miss: bar(' })]],
  );
  assert.deepEqual(covered, ['same pattern']);
});

test('retry: a later streak of the same call failing the same way is covered; a single failure or another error kind is not', () => {
  const fail = (output: string, errorKind: 'exit_code' | 'timeout' = 'exit_code') => bashFail('pnpm typecheck', errorKind, { output });
  const covered = coveredOutputs(
    'retry',
    [fail('1'), fail('2'), fail('3'), { tool: 'Edit', path: '/proj/web/src/cart.ts' }, bash('pnpm typecheck')],
    [
      [fail('streak 1'), fail('streak 2'), fail('streak 3')],
      [fail('near miss: once')],
      [fail('near miss: timeout 1', 'timeout'), fail('near miss: timeout 2', 'timeout'), fail('near miss: timeout 3', 'timeout')],
    ],
  );
  assert.deepEqual(covered, ['streak 1', 'streak 2', 'streak 3']);
});

test('permission: the same file denied again (by any command) is covered; another file denied is not', () => {
  const denied = (command: string, output: string) => bashFail(command, 'permission_denied', { output });
  const covered = coveredOutputs(
    'permission',
    [denied('tail -n 50 /var/log/app.log', 'Permission denied'), denied('tail -n 50 /var/log/app.log', 'Permission denied')],
    [[denied('cat /var/log/app.log', 'cat: Permission denied'), denied('cat /var/log/other.log', 'near miss: other file')]],
  );
  assert.deepEqual(covered, ['cat: Permission denied']);
});
