import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { firstInvalidUtf8Line, invalidUtf8Warning } from '../../../src/core/logs/invalidUtf8.js';
import { readJsonLines, type JsonLine } from '../../../src/core/logs/readJsonLines.js';

const bad = (text: string) => Buffer.concat([Buffer.from(`{"t":"${text}`), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);

test('readJsonLines flags the first line with invalid UTF-8, once per file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'utf8-'));
  const file = path.join(dir, 's.jsonl');
  fs.writeFileSync(file, Buffer.concat([Buffer.from('{"t":"ok"}\n'), bad('a'), Buffer.from('\n{"t":"ok"}\n'), bad('b'), Buffer.from('\n')]));
  const lines: JsonLine[] = [];
  for await (const line of readJsonLines(file)) lines.push(line);
  assert.deepEqual(
    lines.map((l) => (l.kind === 'record' ? [l.line, l.firstInvalidUtf8 ?? false] : [l.line, l.kind])),
    [
      [1, false],
      [2, true],
      [3, false],
      [4, false],
    ],
  );
  fs.rmSync(dir, { recursive: true, force: true });
});

test('firstInvalidUtf8Line: the line of a whole document; undefined when it is all UTF-8', () => {
  assert.equal(firstInvalidUtf8Line(Buffer.from('{\n  "a": "ü"\n}')), undefined);
  assert.equal(firstInvalidUtf8Line(Buffer.concat([Buffer.from('{\n  "a": 1,\n'), bad('x'), Buffer.from('\n}')])), 3);
  assert.equal(invalidUtf8Warning('/x/s.json', 3), '/x/s.json:3: invalid UTF-8 (read as U+FFFD; later lines of this file are not reported)');
});
