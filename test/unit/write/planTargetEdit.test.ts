import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planTargetEdit } from '../../../src/core/write/planTargetEdit.js';
import { renderMarkerSection } from '../../../src/core/write/renderMarkerSection.js';
import { MarkerError } from '../../../src/core/write/markerError.js';

const section = (text: string, project?: string) => renderMarkerSection([{ category: 'environment', text }], { eol: '\n', project });
const NEW = section('use `uv run python`');
const crlf = (s: string) => s.replace(/\n/g, '\r\n');

test('no file: the section and a final line break', () => {
  assert.equal(planTargetEdit(undefined, NEW, { file: 'f' }), `${NEW}\n`);
});

test('a file without markers gets the section after exactly one blank line', () => {
  assert.equal(planTargetEdit('# Mine', NEW, { file: 'f' }), `# Mine\n\n${NEW}\n`);
  assert.equal(planTargetEdit('# Mine\n', NEW, { file: 'f' }), `# Mine\n\n${NEW}\n`);
  assert.equal(planTargetEdit('# Mine\n\n', NEW, { file: 'f' }), `# Mine\n\n${NEW}\n`);
  assert.equal(planTargetEdit('# Mine\n\n\n', NEW, { file: 'f' }), `# Mine\n\n\n${NEW}\n`, 'existing blank lines are the user\'s and stay');
  assert.equal(planTargetEdit('', NEW, { file: 'f' }), `${NEW}\n`);
});

test('one pair: exactly the bytes from start to end marker are replaced', () => {
  const before = '# Mine  \n\nkeep this\t \n';
  const after = '\n\n## After\ntrailing  ';
  const old = section('old rule');
  assert.equal(planTargetEdit(`${before}${old}${after}`, NEW, { file: 'f' }), `${before}${NEW}${after}`);
});

test('CRLF and a byte-order mark are followed and kept', () => {
  const file = `\uFEFF${crlf('# Mine\n\n' + section('old') + '\nend')}`;
  const out = planTargetEdit(file, NEW, { file: 'f' });
  assert.equal(out, `\uFEFF${crlf('# Mine\n\n' + NEW + '\nend')}`);
  assert.equal(planTargetEdit('\uFEFF# Mine\r\n', NEW, { file: 'f' }), `\uFEFF# Mine\r\n\r\n${crlf(NEW)}\r\n`);
});

test('a file without a final newline keeps that outside the section', () => {
  assert.equal(planTargetEdit(`${section('old')}\ntail`, NEW, { file: 'f' }), `${NEW}\ntail`);
  assert.equal(planTargetEdit(`head\n${section('old')}`, NEW, { file: 'f' }), `head\n${NEW}`);
});

test('re-running with the same section gives the same bytes', () => {
  const first = planTargetEdit('\uFEFF# Mine\r\nno newline', NEW, { file: 'f' });
  assert.equal(planTargetEdit(first, NEW, { file: 'f' }), first);
});

test('marker text inside a code fence is left alone and the section is appended', () => {
  const file = '```\n<!-- headroom:learn:start -->\n```\n';
  assert.equal(planTargetEdit(file, NEW, { file: 'f' }), `${file}\n${NEW}\n`);
});

test('a file ending inside an open code fence is refused (an appended section would be code)', () => {
  assert.throws(() => planTargetEdit('text\n~~~\ncode\n', NEW, { file: '/p/AGENTS.md' }), (error: unknown) => {
    assert.ok(error instanceof MarkerError);
    assert.deepEqual(error.lines, [2]);
    assert.match(error.message, /\/p\/AGENTS\.md/);
    return true;
  });
});

test('broken markers are refused with the lines named', () => {
  assert.throws(() => planTargetEdit('<!-- headroom:learn:start -->\nx\n', NEW, { file: 'f' }), /f: a start marker without an end marker .*line 1/);
});

test('shared file: one project\'s section is replaced, another project\'s is untouched, a third is appended', () => {
  const a = section('A rule', '/work/a');
  const b = section('B rule', '/work/b');
  const file = `# Codex instructions\n\n${a}\n\n${b}\n`;
  const newA = section('A new rule', '/work/a');
  assert.equal(planTargetEdit(file, newA, { file: 'i', project: '/work/a' }), `# Codex instructions\n\n${newA}\n\n${b}\n`);
  const c = section('C rule', '/work/c');
  assert.equal(planTargetEdit(file, c, { file: 'i', project: '/work/c' }), `${file}\n${c}\n`);
});

test('a plain section in a shared file is not mistaken for a project\'s', () => {
  const plain = section('legacy');
  const tagged = section('A', '/a');
  assert.equal(planTargetEdit(`${plain}\n`, tagged, { file: 'i', project: '/a' }), `${plain}\n\n${tagged}\n`);
});
