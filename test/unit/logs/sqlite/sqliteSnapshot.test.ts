import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSqlJs } from '../../../../src/core/logs/sqlite/loadSqlJs.js';
import { openSqliteSnapshot, SqliteSnapshotCache, UnreadableDatabaseError } from '../../../../src/core/logs/sqlite/sqliteSnapshot.js';
import { databaseWithWal, readCommittedWal } from '../../../../src/core/logs/sqlite/walFrames.js';

const FIXTURE = path.resolve(__dirname, '../../../fixtures/sqlite-wal');

async function copyFixture(withWal: boolean): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'headroom-sqlite-'));
  await fs.copyFile(path.join(FIXTURE, 'notes.db'), path.join(dir, 'notes.db'));
  if (withWal) await fs.copyFile(path.join(FIXTURE, 'notes.db-wal'), path.join(dir, 'notes.db-wal'));
  return path.join(dir, 'notes.db');
}

function notes(database: { exec(sql: string): Array<{ values: unknown[][] }> }): unknown[][] {
  return database.exec('SELECT id, text FROM note ORDER BY id')[0]?.values ?? [];
}

test('a WAL database as SQLite left it: the transactions committed only in the -wal file are read', async () => {
  const database = await openSqliteSnapshot(await copyFixture(true));
  assert.deepEqual(notes(database), [
    [1, 'checkpointed, then changed in the WAL'],
    [2, 'committed in the WAL'],
  ]);
  database.close();
});

test('without its -wal file the same database holds only what was checkpointed', async () => {
  const database = await openSqliteSnapshot(await copyFixture(false));
  assert.deepEqual(notes(database), [[1, 'checkpointed']]);
  database.close();
});

test('a torn WAL tail (a frame whose running checksum does not match) ends the log at the last commit before it', async () => {
  const wal = await fs.readFile(path.join(FIXTURE, 'notes.db-wal'));
  const whole = readCommittedWal(wal);
  assert.ok(whole);
  // The fixture's second transaction is its last frame (512-byte pages): a flipped byte in it voids that commit only.
  const damaged = Buffer.from(wal);
  damaged[damaged.length - 10] ^= 0xff;
  const SQL = await loadSqlJs();
  const main = await fs.readFile(path.join(FIXTURE, 'notes.db'));
  const database = new SQL.Database(databaseWithWal(main, damaged));
  assert.deepEqual(notes(database), [
    [1, 'checkpointed'],
    [2, 'committed in the WAL'],
  ]);
  database.close();
});

test('a WAL with a foreign header is ignored, and the database file is read as it is', async () => {
  const main = await fs.readFile(path.join(FIXTURE, 'notes.db'));
  assert.equal(readCommittedWal(Buffer.from('not a write-ahead log, just text of some length')), undefined);
  assert.deepEqual([main[18], main[19]], [2, 2], 'a WAL database on disk');
  const image = databaseWithWal(main, Buffer.alloc(64));
  assert.equal(image.byteLength, main.byteLength);
  assert.deepEqual([image[18], image[19]], [1, 1], 'marked as a rollback-journal database for the in-memory reader');
  const SQL = await loadSqlJs();
  const database = new SQL.Database(image);
  assert.deepEqual(notes(database), [[1, 'checkpointed']]);
  database.close();
});

test('a file that is not SQLite is refused with its name and the reason, not a stack trace', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'headroom-sqlite-'));
  const file = path.join(dir, 'opencode.db');
  await fs.writeFile(file, 'this is not a database, only text that is long enough to look like a header of one'.repeat(20));
  await assert.rejects(openSqliteSnapshot(file), (error: unknown) => {
    assert.ok(error instanceof UnreadableDatabaseError);
    assert.match(error.message, /opencode\.db: not a readable SQLite database/);
    return true;
  });
});

test('the snapshot cache reopens a database that changed on disk and reuses one that did not', async () => {
  const file = await copyFixture(false);
  const cache = new SqliteSnapshotCache();
  const first = await cache.open(file);
  assert.equal(await cache.open(file), first);
  await fs.copyFile(path.join(FIXTURE, 'notes.db-wal'), `${file}-wal`);
  const second = await cache.open(file);
  assert.notEqual(second, first);
  assert.equal(notes(second).length, 2);
  cache.close();
});
