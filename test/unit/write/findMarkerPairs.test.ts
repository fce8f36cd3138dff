import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarkerPairs } from '../../../src/core/write/findMarkerPairs.js';
import { MarkerError } from '../../../src/core/write/markerError.js';
import { endMarker, startMarker } from '../../../src/core/write/markerSyntax.js';

const S = '<!-- headroom:learn:start -->';
const E = '<!-- headroom:learn:end -->';

function markerError(text: string): MarkerError {
  try {
    findMarkerPairs(text, '/p/CLAUDE.md');
  } catch (error) {
    assert.ok(error instanceof MarkerError, `expected a MarkerError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a MarkerError');
}

test('finds one plain pair with exact offsets and line numbers', () => {
  const text = `# Notes\n\n${S}\nbody\n${E}\ntail\n`;
  const [pair, ...rest] = findMarkerPairs(text, 'f');
  assert.equal(rest.length, 0);
  assert.equal(pair.startLine, 3);
  assert.equal(pair.endLine, 5);
  assert.equal(text.slice(pair.start, pair.end), `${S}\nbody\n${E}`);
  assert.equal(pair.project, undefined);
});

test('a file without markers has no pairs', () => {
  assert.deepEqual(findMarkerPairs('# Hello\n\nworld', 'f'), []);
});

test('marker text inside ``` and ~~~ fences, or inside a line, is not a marker', () => {
  const text = [
    '```markdown',
    S,
    '```',
    '~~~~',
    E,
    '```',
    '~~~~',
    `Put \`${S}\` at the top, then ${E} below.`,
    S,
    'x',
    E,
  ].join('\n');
  const pairs = findMarkerPairs(text, 'f');
  assert.equal(pairs.length, 1);
  assert.equal(pairs[0].startLine, 9);
});

test('tagged pairs for two projects are found side by side', () => {
  const text = [startMarker('/a'), 'A', endMarker('/a'), '', startMarker('/b "x"'), 'B', endMarker('/b "x"')].join('\r\n');
  const pairs = findMarkerPairs(text, 'f');
  assert.deepEqual(
    pairs.map((p) => [p.project, p.startLine, p.endLine]),
    [
      ['/a', 1, 3],
      ['/b "x"', 5, 7],
    ],
  );
});

test('a marker on the first line after a byte-order mark is found', () => {
  const text = `\uFEFF${S}\n${E}`;
  const [pair] = findMarkerPairs(text, 'f');
  assert.equal(pair.start, 1);
  assert.equal(pair.end, text.length);
});

test('a start marker without an end names its line', () => {
  const error = markerError(`a\n${S}\nb\n`);
  assert.deepEqual(error.lines, [2]);
  assert.match(error.message, /\/p\/CLAUDE\.md: a start marker without an end marker.*line 2/);
});

test('an end marker without a start names its line', () => {
  assert.deepEqual(markerError(`a\nb\n${E}`).lines, [3]);
});

test('nested markers name both start lines', () => {
  const error = markerError(`${S}\n${S}\n${E}\n${E}`);
  assert.deepEqual(error.lines, [1, 2]);
  assert.match(error.problem, /nested/);
});

test('a repeated pair names all four lines', () => {
  const error = markerError(`${S}\n${E}\ntext\n${S}\n${E}\n`);
  assert.deepEqual(error.lines, [1, 2, 4, 5]);
  assert.match(error.message, /repeated/);
});

test('a start and an end tagged with different projects are refused', () => {
  const error = markerError(`${startMarker('/a')}\n${endMarker('/b')}`);
  assert.deepEqual(error.lines, [1, 2]);
});

test('a malformed marker line is refused rather than guessed around', () => {
  const error = markerError(`x\n<!-- headroom:learn:start project=/a -->\n${E}`);
  assert.deepEqual(error.lines, [2]);
  assert.match(error.problem, /malformed/);
});

test('a marker inside a fence does not balance one outside it', () => {
  assert.deepEqual(markerError(`${S}\n\`\`\`\n${E}\n\`\`\`\n`).lines, [1]);
});

test('marker text in a 4-space or tab indented code block is not a marker (issue 14)', () => {
  const text = ['# How to use headroom', '', 'Example:', '', `    ${S}`, '    - a rule', `    ${E}`, '', `\t${E}`, '', S, 'x', E, ''].join('\n');
  const pairs = findMarkerPairs(text, 'f');
  assert.equal(pairs.length, 1);
  assert.equal(pairs[0].startLine, 11);
  // A lone indented marker is ordinary text, not an unbalanced one; up to three spaces still mark.
  assert.deepEqual(findMarkerPairs(`    ${S}\n`, 'f'), []);
  assert.equal(findMarkerPairs(`   ${S}\nx\n${E}\n`, 'f').length, 1);
});
