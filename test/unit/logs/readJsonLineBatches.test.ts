import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readJsonLineBatches, readJsonLines, type JsonLine } from '../../../src/core/logs/readJsonLines.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

test('the batches hold every line readJsonLines gives, in order: lines across chunk ends, blank, damaged and a cut last line', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-batches-'));
  const file = path.join(dir, 'session.jsonl');
  const long = 'é→'.repeat(200_000); // 1.2 MB of UTF-8: crosses several 256 KB chunks
  const lines = [
    JSON.stringify({ type: 'a', n: 1 }),
    '',
    JSON.stringify({ type: 'b', output: long }),
    '{"type": "c", broken',
    ...Array.from({ length: 3000 }, (_, n) => JSON.stringify({ type: 'd', n })),
    JSON.stringify({ type: 'e', output: long.slice(0, 1000) }),
  ];
  fs.writeFileSync(file, `${lines.join('\n')}\n{"type":"cut`);
  try {
    const one: JsonLine[] = await collect(readJsonLines(file));
    const batches = await collect(readJsonLineBatches(file));
    assert.ok(batches.length > 1 && batches.length < one.length, `${batches.length} batches for ${one.length} lines`);
    assert.deepEqual(batches.flatMap((batch) => [...batch]), one);
    assert.deepEqual(
      one.map((item) => (item.kind === 'record' ? (item.value as { type: string }).type : item.reason)).filter((kind, at, all) => kind !== all[at - 1]),
      ['a', 'b', 'not_json', 'd', 'e', 'truncated'],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a reader stopped after its first batch closes the file, though the next chunk was already being read', { skip: !fs.existsSync('/proc/self/fd') && 'needs /proc/self/fd' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-batches-'));
  const file = path.join(dir, 'session.jsonl');
  fs.writeFileSync(file, `${Array.from({ length: 20_000 }, (_, n) => JSON.stringify({ type: 'd', n, text: 'x'.repeat(100) })).join('\n')}\n`);
  const openFiles = () => fs.readdirSync('/proc/self/fd').length;
  try {
    const before = openFiles();
    let taken = 0;
    for await (const batch of readJsonLineBatches(file)) {
      taken += [...batch].length;
      break;
    }
    assert.ok(taken > 0 && taken < 20_000, `${taken} lines taken`);
    assert.equal(openFiles(), before);
    // Read to the end, the same file gives every line once, in order.
    const all = (await collect(readJsonLines(file))).map((item) => (item.kind === 'record' ? (item.value as { n: number }).n : -1));
    assert.deepEqual(all, Array.from({ length: 20_000 }, (_, n) => n));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
