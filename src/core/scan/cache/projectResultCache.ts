import { createHash } from 'node:crypto';
import { STALE_TEMPORARY_MS, writeAtomically } from './writeAtomically.js';
import { stampOf } from './fileStamp.js';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { SessionFile } from '../../agents/plugin.js';

/** The folder, inside a cache root, of the per-project results (beside the per-log entries of SCAN_CACHE_FOLDER). */
const PROJECT_CACHE_FOLDER = 'project-cache';

/** The layout of a result file; a file of another layout is discarded. */
const RESULT_FORMAT = 1 as const;

/** Default bound on the number of results kept (per project and agent: scan totals and per-log figures; per project: findings; model answers); the least recently used go first. */
const DEFAULT_MAX_RESULTS = 2048;

const resultFileSchema = z.object({
  format: z.literal(RESULT_FORMAT),
  kind: z.string(),
  /** Digest of everything the result was computed from (ProjectResultKey). */
  keyDigest: z.string(),
  /** Digest of `payload`: a file cut short or changed on disk is never served. */
  payloadDigest: z.string(),
  /** The result as JSON text. */
  payload: z.string(),
});

/** One session log as it was when a result was computed from it. */
export type LogStamp = [path: string, size: number, mtimeMs: number, subagent: boolean, sessionId: string | null];

/**
 * What a result was computed from: the logs (in the order they were read: a duplicate call is counted for the
 * first file that has it) as stamped by stampSessionFiles, the parsers that read them (plugin name,
 * parserVersion, core build) and the options that change the result. Any difference is a miss.
 */
export interface ProjectResultKey {
  parsers: string[];
  logs: LogStamp[];
  options: unknown;
}

export interface ProjectResultCacheOptions {
  maxResults?: number;
  log?: (message: string) => void;
}

/**
 * Results computed from all of a project's session logs at once (a scan's figures, a learn's findings), one file
 * per project and kind under `<root>/project-cache/`, reused as long as the key is the same: a second scan or
 * Learn on an unchanged history reads one small file, not every log's entry (the per-log cache, SessionCache, is
 * still what makes a changed history cheap). Written atomically; a damaged result, or one another version wrote,
 * is removed and computed again (noted once); nothing here throws for the cache's own files.
 */
export class ProjectResultCache {
  readonly folder: string;
  private readonly maxResults: number;
  private readonly log: (message: string) => void;
  private readonly logged = new Set<string>();
  private writable = true;

  constructor(root: string, options: ProjectResultCacheOptions = {}) {
    this.folder = path.join(root, PROJECT_CACHE_FOLDER);
    this.maxResults = options.maxResults ?? DEFAULT_MAX_RESULTS;
    this.log = options.log ?? (() => undefined);
  }

  /** The result of `kind` for `identity` (e.g. the project and agent) computed from exactly `key`, checked by `schema`; else undefined. */
  async get<T>(kind: string, identity: unknown, key: ProjectResultKey, schema: z.ZodType<T>): Promise<T | undefined> {
    return this.read(kind, identity, schema, digestOf(JSON.stringify(key)));
  }

  /**
   * The last result of `kind` kept for `identity`, whatever it was computed from: for a caller that checks its
   * parts itself (scanFigures reuses the figures of each log that did not change).
   */
  async latest<T>(kind: string, identity: unknown, schema: z.ZodType<T>): Promise<T | undefined> {
    return this.read(kind, identity, schema, undefined);
  }

  private async read<T>(kind: string, identity: unknown, schema: z.ZodType<T>, keyDigest: string | undefined): Promise<T | undefined> {
    const file = this.resultPath(kind, identity);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    const stored = parseJson(text, resultFileSchema);
    if (!stored || stored.kind !== kind) {
      await this.discard(file, text);
      return undefined;
    }
    if (keyDigest !== undefined && stored.keyDigest !== keyDigest) return undefined; // the logs or options changed: computed again, then replaced
    const payload = digestOf(stored.payload) === stored.payloadDigest ? parseJson(stored.payload, schema) : undefined;
    if (payload === undefined) {
      await this.discard(file, text);
      return undefined;
    }
    const now = new Date();
    await fs.utimes(file, now, now).catch(() => undefined);
    return payload;
  }

  /** Keeps `value` as the result of `kind` for `identity`, computed from `key` (replacing the one before). */
  async put(kind: string, identity: unknown, key: ProjectResultKey, value: unknown): Promise<void> {
    if (!this.writable) return;
    const payload = JSON.stringify(value);
    const stored: z.infer<typeof resultFileSchema> = { format: RESULT_FORMAT, kind, keyDigest: digestOf(JSON.stringify(key)), payloadDigest: digestOf(payload), payload };
    try {
      await fs.mkdir(this.folder, { recursive: true });
      await writeAtomically(this.resultPath(kind, identity), JSON.stringify(stored));
      await this.evict();
    } catch (error) {
      this.writable = false;
      this.note('write', `project cache: cannot write to ${this.folder} (${(error as NodeJS.ErrnoException).code ?? String(error)}); results of this run are not kept.`);
    }
  }

  /** Removes every result; returns how many there were. */
  async clear(): Promise<number> {
    const count = (await this.results()).length;
    await fs.rm(this.folder, { recursive: true, force: true });
    return count;
  }

  /** The results' total size in bytes and their number. */
  async size(): Promise<{ bytes: number; entries: number }> {
    const results = await this.results();
    return { bytes: results.reduce((sum, result) => sum + result.size, 0), entries: results.length };
  }

  private resultPath(kind: string, identity: unknown): string {
    return path.join(this.folder, `${kind}-${digestOf(JSON.stringify(identity)).slice(0, 40)}.json`);
  }

  private async discard(file: string, text: string): Promise<void> {
    if (otherFormat(text)) this.note('version', 'project cache: results written by another version of headroom-learn are computed again.');
    else this.note('damaged', `project cache: discarded a damaged result (${file}); it is computed again.`);
    await fs.rm(file, { force: true });
  }

  /** Past the bound, the least recently used results go (temporary files a writer that died left behind too). */
  private async evict(): Promise<void> {
    const results = await this.results();
    if (results.length <= this.maxResults) return;
    results.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
    for (const result of results.slice(0, results.length - this.maxResults)) await fs.rm(path.join(this.folder, result.name), { force: true });
  }

  private async results(): Promise<Array<{ name: string; size: number; mtimeMs: number }>> {
    let names: string[];
    try {
      names = await fs.readdir(this.folder);
    } catch {
      return [];
    }
    const results: Array<{ name: string; size: number; mtimeMs: number }> = [];
    for (const name of names) {
      try {
        const stats = await fs.stat(path.join(this.folder, name));
        if (name.endsWith('.tmp') && Date.now() - stats.mtimeMs > STALE_TEMPORARY_MS) await fs.rm(path.join(this.folder, name), { force: true });
        else if (stats.isFile() && name.endsWith('.json')) results.push({ name, size: stats.size, mtimeMs: stats.mtimeMs });
      } catch {
        // removed meanwhile
      }
    }
    return results;
  }

  private note(kind: string, message: string): void {
    if (this.logged.has(kind)) return;
    this.logged.add(kind);
    this.log(message);
  }
}

/**
 * The logs as they are now, for a ProjectResultKey: undefined when one is not a regular file that stat can read
 * (a database row, a file gone or unreadable): such a project's results are not kept.
 */
export async function stampSessionFiles(files: readonly SessionFile[]): Promise<LogStamp[] | undefined> {
  // All at once (a warm scan's time is mostly such round trips), in order.
  const stamps = await Promise.all(
    files.map(async (file): Promise<LogStamp | undefined> => {
      const stamp = await stampOf(file.path);
      return stamp && [file.path, stamp.size, stamp.mtimeMs, file.subagent, file.sessionId ?? null];
    }),
  );
  return stamps.every((stamp) => stamp !== undefined) ? stamps : undefined;
}

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The JSON value when `schema` accepts it, as written (a schema's output would put a loose object's other keys last). */
function parseJson<T>(text: string, schema: z.ZodType<T>): T | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return schema.safeParse(value).success ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}

/** A file that parses as JSON with another numeric `format`: written by another version, not damaged. */
function otherFormat(text: string): boolean {
  try {
    const value = JSON.parse(text) as { format?: unknown };
    return typeof value === 'object' && value !== null && typeof value.format === 'number' && value.format !== RESULT_FORMAT;
  } catch {
    return false;
  }
}
