// Cutting a record's unread field from a JSONL line's bytes gives the record JSON.parse gives, minus that field,
// and reading a real transcript with the cut gives the same records, line numbers and skips as reading it whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { readJsonLines, type JsonLine } from '../../../src/core/logs/readJsonLines.js';
import { withoutTopLevelKey } from '../../../src/core/logs/withoutTopLevelKey.js';

const KEY = 'toolUseResult';
const cut = (line: string) => withoutTopLevelKey(Buffer.from(line, 'utf8'), Buffer.from(KEY, 'utf8'))?.toString('utf8');

/** Any JSON value, with strings full of quotes, backslashes, escapes, braces and non-ASCII text. */
const tricky = fc.string({ unit: fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'a', 'é', '😀', '\n', '\u0001', ' ', 'toolUseResult') });
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, tricky, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('list'), tie('object')),
  list: fc.array(tie('any'), { maxLength: 4 }),
  object: fc.dictionary(tricky, tie('any'), { maxKeys: 4 }),
})).any;

test('the field is cut wherever it stands among the members, whatever the values hold', () => {
  fc.assert(
    fc.property(fc.dictionary(tricky.filter((k) => k !== KEY), value, { maxKeys: 5 }), value, fc.nat(5), fc.boolean(), (members, unread, at, spaced) => {
      const entries = Object.entries(members);
      entries.splice(Math.min(at, entries.length), 0, [KEY, unread]);
      const record = Object.fromEntries(entries);
      const line = spaced ? JSON.stringify(record, null, 1).replace(/\n/g, ' ') : JSON.stringify(record);
      const kept = cut(line);
      assert.notEqual(kept, undefined);
      const expected = JSON.parse(line) as Record<string, unknown>;
      delete expected[KEY];
      assert.deepEqual(JSON.parse(kept!), expected);
    }),
  );
});

test('a line without the field at the top, or one the scanner cannot follow, is left to JSON.parse whole', () => {
  assert.equal(cut('{"message":{"toolUseResult":1},"type":"user"}'), undefined, 'nested, not top-level');
  assert.equal(cut('{"type":"user","text":"\\"toolUseResult\\":1"}'), undefined, 'inside a string');
  assert.equal(cut('{"type":"user","toolUseResult":{"stdout":"cut off'), undefined, 'truncated line');
  assert.equal(cut('[{"toolUseResult":1}]'), undefined, 'not an object');
  assert.equal(cut('{"type" "user","toolUseResult":1}'), undefined, 'no colon');
  assert.equal(cut('{"toolUseResult":1}'), '{}');
  assert.equal(cut('{"a":1,"toolUseResult":"x"}'), '{"a":1}');
  assert.equal(cut('{"toolUseResult":[1,{"b":"]"}],"a":1}'), '{"a":1}');
});

async function read(file: string, unreadKeys?: string[]): Promise<JsonLine[]> {
  const lines: JsonLine[] = [];
  for await (const line of readJsonLines(file, undefined, { unreadKeys })) lines.push(line);
  return lines;
}

function withoutKeys(line: JsonLine, keys: string[]): JsonLine {
  if (line.kind !== 'record' || typeof line.value !== 'object' || line.value === null || Array.isArray(line.value)) return line;
  const value = { ...(line.value as Record<string, unknown>) };
  for (const key of keys) delete value[key];
  return { ...line, value };
}

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures');
const claudeFiles = [path.join(FIXTURES, 'samples', 'claude'), path.join(FIXTURES, 'corpus'), path.join(FIXTURES, 'corpus', 'worktrees')].flatMap((dir) =>
  fs.readdirSync(dir).filter((name) => name.endsWith('.jsonl')).map((name) => path.join(dir, name)),
);

test('real transcripts read with toolUseResult and data cut give the records read whole, minus those fields', async () => {
  const keys = ['toolUseResult', 'data'];
  let cutLines = 0;
  for (const file of claudeFiles) {
    const whole = await read(file);
    const fast = await read(file, keys);
    assert.deepEqual(fast, whole.map((line) => withoutKeys(line, keys)), file);
    cutLines += whole.filter((line, i) => line.kind === 'record' && JSON.stringify(line.value).length !== JSON.stringify(fast[i]!.kind === 'record' ? fast[i]!.value : null).length).length;
  }
  assert.ok(cutLines > 100, `the fixtures have lines with the fields (${cutLines})`);
});

test('damaged lines are reported as before: not JSON, a truncated last line, invalid UTF-8', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unread-keys-'));
  const file = path.join(dir, 'damaged.jsonl');
  const lines = [
    '{"type":"user","toolUseResult":{"stdout":"ok"},"message":{"content":[]}}',
    '{"type":"user","toolUseResult":{"stdout":"no end"},"message":',
    Buffer.from('{"type":"user","toolUseResult":"caf\xe9","message":{"content":[]}}', 'latin1').toString('latin1'),
    '{"type":"progress","data":{"type":"bash_progress"},"uuid":"u"}',
    '{"type":"user","toolUseResult":{"stdout":"cut',
  ];
  fs.writeFileSync(file, Buffer.concat([Buffer.from(lines.slice(0, 2).join('\n') + '\n'), Buffer.from(lines[2]! + '\n', 'latin1'), Buffer.from(lines.slice(3).join('\n'))]));
  try {
    const keys = ['toolUseResult', 'data'];
    assert.deepEqual(await read(file, keys), (await read(file)).map((line) => withoutKeys(line, keys)));
    assert.deepEqual((await read(file, keys)).map((line) => (line.kind === 'record' ? (line.firstInvalidUtf8 ? 'invalid-utf8' : 'record') : line.reason)), ['record', 'not_json', 'invalid-utf8', 'record', 'truncated']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
