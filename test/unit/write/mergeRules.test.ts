import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeRules, type NewRule } from '../../../src/core/write/mergeRules.js';
import type { ExistingRule } from '../../../src/core/analyze/backend.js';

const existing = (category: ExistingRule['category'], text: string): ExistingRule => ({ category, target: 'context', text });
const always = () => true;

test('a rule derived again is kept; a new rule stronger than it (given first) goes above it', () => {
  const result = mergeRules({
    existing: [existing('environment', '**Python**: use `uv run python`')],
    learnings: [
      { category: 'environment', text: '**Node**: use `pnpm`', evidence: [{ sessionId: 's1' }, { sessionId: 's2' }, { sessionId: 's1' }] },
      { category: 'environment', text: '**Python**: use `uv run python`', evidence: [{ sessionId: 's1' }] },
    ],
    pathExists: always,
  });
  assert.deepEqual(result.rules, [
    { category: 'environment', text: '**Node**: use `pnpm`' },
    { category: 'environment', text: '**Python**: use `uv run python`' },
  ]);
  assert.deepEqual(
    result.report.map((e) => [e.action, e.reason]),
    [
      ['kept', 'still supported (seen in 1 session)'],
      ['added', 'new (seen in 2 sessions)'],
    ],
  );
});

const rule = (text: string): NewRule => ({ category: 'command_pattern', text });

test('kept rules keep their order even when their evidence now ranks them the other way; each new rule goes right after the last stronger kept rule', () => {
  const result = mergeRules({
    existing: [existing('command_pattern', 'A'), existing('command_pattern', 'B')],
    // Strongest first: N1, then B, N2, A, N3.
    learnings: [rule('N1'), rule('B'), rule('N2'), rule('A'), rule('N3')],
    pathExists: always,
  });
  assert.deepEqual(
    result.rules.map((r) => r.text),
    ['N1', 'A', 'B', 'N2', 'N3'],
  );
});

test('a kept rule this run did not derive again has no evidence now: it follows the new rules, in its old order', () => {
  const result = mergeRules({
    existing: [existing('command_pattern', 'old one'), existing('command_pattern', 'B'), existing('command_pattern', 'old two')],
    learnings: [rule('N1'), rule('B'), rule('N2')],
    pathExists: always,
  });
  assert.deepEqual(
    result.rules.map((r) => r.text),
    ['N1', 'B', 'N2', 'old one', 'old two'],
  );
});

test('the cap keeps the strongest rules in their placed order; a kept rule over it is removed, a new one not added, each saying so', () => {
  const result = mergeRules({
    existing: [existing('command_pattern', 'A'), existing('command_pattern', 'B'), existing('command_pattern', 'unseen')],
    learnings: [rule('N1'), rule('B'), rule('N2'), rule('A'), rule('N3')],
    pathExists: always,
    cap: { maxRules: 3, file: 'CLAUDE.md' },
  });
  assert.deepEqual(
    result.rules.map((r) => r.text),
    ['N1', 'B', 'N2'],
  );
  assert.deepEqual(
    result.report.map((e) => [e.action, e.text, e.reason]),
    [
      ['removed', 'A', 'over the cap of 3 for CLAUDE.md'],
      ['kept', 'B', 'still supported'],
      ['removed', 'unseen', 'over the cap of 3 for CLAUDE.md'],
      ['added', 'N1', 'new'],
      ['added', 'N2', 'new'],
      ['not_added', 'N3', 'over the cap of 3 for CLAUDE.md'],
    ],
  );
});

test('a rule not seen again stays when nothing contradicts it and its paths exist', () => {
  const result = mergeRules({ existing: [existing('large_file', '`proxy/server.py` (~8000 lines) — use offset/limit')], learnings: [], pathExists: always });
  assert.equal(result.rules.length, 1);
  assert.equal(result.report[0].action, 'kept');
  assert.match(result.report[0].reason, /not seen in this run/);
});

test('a rule whose path no longer exists is removed, naming the path', () => {
  const checked: string[] = [];
  const result = mergeRules({
    existing: [existing('large_file', '`proxy/server.py` (~8000 lines) — use offset/limit')],
    learnings: [],
    pathExists: (p) => (checked.push(p), false),
  });
  assert.deepEqual(result.rules, []);
  assert.deepEqual(checked, ['proxy/server.py']);
  assert.deepEqual(result.report[0], { action: 'removed', category: 'large_file', text: '`proxy/server.py` (~8000 lines) — use offset/limit', reason: 'proxy/server.py no longer exists' });
});

test('for a path correction only the corrected path must exist, not the wrong guess', () => {
  const rule = existing('file_path', '`old/Foo.scala`\n→ actually at `new/Foo.scala`');
  const checked: string[] = [];
  mergeRules({ existing: [rule], learnings: [], pathExists: (p) => (checked.push(p), true) });
  assert.deepEqual(checked, ['new/Foo.scala']);
  const gone = mergeRules({ existing: [rule], learnings: [], pathExists: (p) => p !== 'new/Foo.scala' });
  assert.equal(gone.report[0].action, 'removed');
});

test('a rule about the same subject saying something else is removed as contradicted', () => {
  const result = mergeRules({
    existing: [existing('file_path', '`old/Foo.scala`\n→ actually at `mid/Foo.scala`')],
    learnings: [{ category: 'file_path', text: '`old/Foo.scala`\n→ actually at `new/Foo.scala`' }],
    pathExists: always,
  });
  assert.deepEqual(
    result.report.map((e) => e.action),
    ['removed', 'added'],
  );
  assert.match(result.report[0].reason, /^contradicted by newer evidence: `old\/Foo.scala`/);
  assert.deepEqual(result.rules.map((r) => r.text), ['`old/Foo.scala`\n→ actually at `new/Foo.scala`']);
});

test('a rule a new learning says it replaces is removed', () => {
  const learnings: NewRule[] = [{ category: 'retry', text: 'Read `big.log` with `tail -n 200`', replaces: 'Never read  big logs' }];
  const result = mergeRules({ existing: [existing('retry', 'Never read big logs')], learnings, pathExists: always });
  assert.deepEqual(result.report[0], { action: 'removed', category: 'retry', text: 'Never read big logs', reason: 'replaced by: Read `big.log` with `tail -n 200`' });
});

test('duplicates and rules under unknown headings are removed with a reason', () => {
  const result = mergeRules({ existing: [existing('retry', 'a'), existing('retry', 'a'), existing('unknown', 'b')], learnings: [], pathExists: always });
  assert.deepEqual(
    result.report.map((e) => [e.action, e.reason]),
    [
      ['kept', 'not seen in this run, nothing contradicts it'],
      ['removed', 'repeats a rule above'],
      ['removed', 'under a heading headroom does not write'],
    ],
  );
});

test('rules compare after sanitising, so an unsafe new rule matches its safe written form', () => {
  const result = mergeRules({
    existing: [existing('permission', 'Ask before `rm` &lt;dir&gt;')],
    learnings: [{ category: 'permission', text: 'Ask before `rm` <dir>' }],
    pathExists: always,
  });
  assert.deepEqual(result.report.map((e) => e.action), ['kept']);
});

test('rejected: an existing rule the user rejected is removed, also when this run derived it again', () => {
  const result = mergeRules({
    existing: [existing('environment', '**Python**: use `uv run python`'), existing('large_file', '`a.log` (~9000 lines) — use offset/limit'), existing('environment', '**Node**: use `pnpm`')],
    learnings: [{ category: 'environment', text: '**Python**: use `uv run python`', evidence: [{ sessionId: 's1' }] }],
    pathExists: always,
    // Compared sanitised and whitespace-normalised, whatever the category.
    rejected: ['**Python**:   use `uv run python`', '`a.log` (~9000 lines) —\nuse offset/limit'],
  });
  assert.deepEqual(result.rules, [{ category: 'environment', text: '**Node**: use `pnpm`' }]);
  assert.deepEqual(
    result.report.map((e) => [e.action, e.text, e.reason]),
    [
      ['removed', '**Python**: use `uv run python`', 'rejected by the user'],
      ['removed', '`a.log` (~9000 lines) — use offset/limit', 'rejected by the user'],
      ['kept', '**Node**: use `pnpm`', 'not seen in this run, nothing contradicts it'],
    ],
  );
});

test('rejected: a new rule with a rejected text is not added; without `rejected` nothing changes', () => {
  const learnings: NewRule[] = [
    { category: 'environment', text: '**Node**: use `pnpm`' },
    { category: 'retry', text: 'Run `make` first' },
  ];
  const rejected = mergeRules({ existing: [], learnings, pathExists: always, rejected: new Set(['Run `make` first']) });
  assert.deepEqual(rejected.rules, [{ category: 'environment', text: '**Node**: use `pnpm`' }]);
  assert.deepEqual(rejected.report.map((e) => e.action), ['added']);
  const plain = mergeRules({ existing: [], learnings, pathExists: always });
  assert.equal(plain.rules.length, 2);
});

test('rejected: an existing rule is kept again once its contradicting learning is left out', () => {
  const rule = existing('environment', '**Python**: use `python3`');
  const withNew = mergeRules({ existing: [rule], learnings: [{ category: 'environment', text: '**Python**: use `uv run python`' }], pathExists: always });
  assert.equal(withNew.report[0].action, 'removed');
  const leftOut = mergeRules({ existing: [rule], learnings: [], pathExists: always, rejected: ['**Python**: use `uv run python`'] });
  assert.deepEqual(leftOut.rules, [{ category: 'environment', text: '**Python**: use `python3`' }]);
});
