import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { jsonText, terminalSafe, terminalSafeStream } from '../../../src/cli/output.js';

const HOSTILE = 'a\u001b]52;c;ZXZpbA==\u0007b\u001b[2Jc\u009b31md\u0085e\u001bcf\u202eg';

test('terminalSafe: no escape sequence or control character, newlines and tabs kept', () => {
  assert.equal(terminalSafe(`${HOSTILE}\n\tx`, { colours: false, redraw: false }), 'abcdefg\n\tx');
});

test('terminalSafe: headroom’s own colours and progress redraw stay only when the stream shows them', () => {
  const own = '\r\u001b[2K\u001b[31mred\u001b[39m';
  assert.equal(terminalSafe(own, { colours: true, redraw: true }), own);
  assert.equal(terminalSafe(own, { colours: false, redraw: false }), '\nred');
  assert.equal(terminalSafe(`\u001b[31m${HOSTILE}\u001b[39m`, { colours: true, redraw: true }), '\u001b[31mabcdefg\u001b[39m');
});

test('terminalSafeStream: every write is made safe, even with NO_COLOR, and the stream stays usable', async () => {
  const raw = new PassThrough();
  let out = '';
  raw.on('data', (d) => (out += d));
  const stream = terminalSafeStream(Object.assign(raw, { isTTY: true }), { NO_COLOR: '1' });
  stream.write(`${HOSTILE}\u001b[31m\n`);
  stream.write(Buffer.from('\u009b2J!\n'));
  await new Promise<void>((resolve) => stream.end(resolve));
  assert.equal(out, 'abcdefg\n!\n');
});

test('jsonText: C1 controls and line separators are \\u escapes; the value is the same', () => {
  const value = { text: 'a\u0085b\u009bc\u2028d\u001be' };
  const text = jsonText(value);
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028]/);
  assert.deepEqual(JSON.parse(text), value);
});
