import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoizedByText } from '../../../src/core/correlate/memoizedByText.js';
import { commandShape } from '../../../src/core/correlate/normaliseLauncher.js';

test('a remembered result is worked out once per text, the oldest going first past the bound, long texts never kept', () => {
  const asked: string[] = [];
  const length = memoizedByText((text) => {
    asked.push(text);
    return text.length;
  }, 2, 10);
  assert.equal(length('a'), 1);
  assert.equal(length('a'), 1);
  assert.equal(length('bb'), 2);
  assert.equal(length('ccc'), 3); // the bound of two: 'a' goes
  assert.equal(length('bb'), 2);
  assert.equal(length('a'), 1);
  const long = 'x'.repeat(11);
  assert.equal(length(long), 11);
  assert.equal(length(long), 11);
  assert.deepEqual(asked, ['a', 'bb', 'ccc', 'a', long, long]);
});

test('a command shape is shared between callers, so none of them can change it for the others', () => {
  const shape = commandShape('uv run python -m pytest tests/unit -q');
  assert.equal(commandShape('uv run python -m pytest tests/unit -q'), shape);
  assert.equal(shape.program, 'pytest');
  assert.throws(() => (shape.args as string[]).push('--lf'), TypeError);
  assert.throws(() => ((shape as { program: string }).program = 'python'), TypeError);
  assert.deepEqual(commandShape('uv run python -m pytest tests/unit -q').args, ['tests/unit', '-q']);
});
