import { promises as fs } from 'node:fs';
import type { Database } from 'sql.js';
import { readRegularFile } from '../regularFile.js';
import { loadSqlJs } from './loadSqlJs.js';
import { databaseWithWal } from './walFrames.js';

/**
 * The largest database read. sql.js holds the whole file in memory (twice while it loads); an editor's state
 * database can grow to gigabytes, and past this it is reported and skipped instead of exhausting the worker.
 */
const MAX_SQLITE_BYTES = 1024 * 1024 * 1024;

/** A database that cannot be read: too large, not SQLite, damaged. Its message says which file and why. */
export class UnreadableDatabaseError extends Error {
  override readonly name = 'UnreadableDatabaseError';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** What identifies one state of a database on disk: the sizes and times of the file and its WAL. */
async function fileState(file: string): Promise<string> {
  const main = await fs.stat(file);
  const wal = await fs.stat(`${file}-wal`).catch(() => undefined);
  return [main.size, main.mtimeMs, wal?.size ?? -1, wal?.mtimeMs ?? -1].join(':');
}

async function readWal(file: string): Promise<Buffer | undefined> {
  try {
    return await readRegularFile(`${file}-wal`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Opens a copy of a SQLite database in memory, with its committed WAL applied (walFrames.ts): nothing is ever
 * written to the file, and the agent may keep writing to it meanwhile. Throws for a file that cannot be read
 * (fs errors as they are), and UnreadableDatabaseError for one that is too large or is not a SQLite database.
 */
export async function openSqliteSnapshot(file: string): Promise<Database> {
  const stats = await fs.stat(file);
  const walSize = (await fs.stat(`${file}-wal`).catch(() => undefined))?.size ?? 0;
  if (stats.size + walSize > MAX_SQLITE_BYTES) {
    throw new UnreadableDatabaseError(file, `${Math.round((stats.size + walSize) / 1024 / 1024)} MB is more than the ${MAX_SQLITE_BYTES / 1024 / 1024} MB read into memory`);
  }
  const [SQL, main, wal] = await Promise.all([loadSqlJs(), readRegularFile(file), readWal(file)]);
  let database: Database;
  try {
    database = new SQL.Database(databaseWithWal(main, wal));
    // Opening is lazy: the first read of the schema tells a SQLite file from anything else.
    database.exec('SELECT count(*) FROM sqlite_master');
  } catch (error) {
    throw new UnreadableDatabaseError(file, `not a readable SQLite database (${(error as Error).message})`);
  }
  return database;
}

/**
 * One open snapshot at a time, kept while the same file is read again unchanged: an agent's database holds every
 * session, and each session is parsed on its own, so without this every session would load the whole file.
 */
export class SqliteSnapshotCache {
  private current: { file: string; state: string; database: Promise<Database> } | undefined;

  async open(file: string): Promise<Database> {
    const state = await fileState(file);
    if (this.current && this.current.file === file && this.current.state === state) return this.current.database;
    this.close();
    const database = openSqliteSnapshot(file);
    this.current = { file, state, database };
    database.catch(() => {
      if (this.current?.database === database) this.current = undefined;
    });
    return database;
  }

  /** Frees the snapshot's memory. */
  close(): void {
    const previous = this.current;
    this.current = undefined;
    previous?.database.then((database) => database.close()).catch(() => undefined);
  }
}
