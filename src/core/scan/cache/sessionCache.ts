import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ParseCheckpoint, ParsedSession, SessionFile } from '../../agents/plugin.js';
import type { ToolCall } from '../../model/toolCall.js';
import { CACHE_FORMAT, cacheEntrySchema, rawCallsSchema, resumeEntrySchema, type CacheEntry, type ResumeEntry } from './cacheEntry.js';
import type { z } from 'zod';
import { SCAN_CACHE_FOLDER } from './cacheFolder.js';
import { prefixFingerprint } from './prefixFingerprint.js';
import { ProjectResultCache } from './projectResultCache.js';
import { stampOf, type FileStamp } from './fileStamp.js';
import { STALE_TEMPORARY_MS, writeAtomically } from './writeAtomically.js';

/** Default bound on the entries' total size; the least recently used are removed beyond it. */
const DEFAULT_CACHE_MAX_BYTES = 256 * 1024 * 1024;



export type CacheLookup =
  /** The file is as it was parsed: its session (its `calls` only when asked for), and its calls ready for the scan. */
  | { kind: 'hit'; cached: { session: ParsedSession; scannedCalls: ToolCall[] } }
  /** The file only grew since: parse on from the checkpoint. */
  | { kind: 'resume'; stamp: FileStamp; checkpoint: ParseCheckpoint }
  /** Nothing usable: parse the whole file. `stamp` is unset when the file is not a regular file that stat can read. */
  | { kind: 'miss'; stamp?: FileStamp };

export interface SessionCacheOptions {
  /** Bound on the entries' total size in bytes (default DEFAULT_CACHE_MAX_BYTES). */
  maxBytes?: number;
  /** Where a discarded entry is reported (one line each kind per cache; never an error). */
  log?: (message: string) => void;
  /** The clock a session's last record is compared with (quiet sessions keep no checkpoint); default Date.now. */
  now?: () => number;
}

/** A session with no record in this long is not expected to grow: its checkpoint is not kept (see mayGrow). */
const QUIET_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The incremental scan cache: per session log, its parsed session, kept in `<root>/scan-cache/` as one JSON file
 * per log (named by a digest of its path). Entries are written atomically (a temporary file renamed over), are
 * touched when used, and the least recently used are removed once the total passes `maxBytes`. A damaged entry,
 * or one another version wrote, is discarded with a log line and the log parsed again; nothing here throws for
 * the cache's own files (an unwritable folder only means no caching).
 */
export class SessionCache {
  readonly folder: string;
  /** Beside the per-log entries, in the same root: results computed from a project's logs at once (a scan's figures, a learn's findings). */
  readonly results: ProjectResultCache;
  private readonly maxBytes: number;
  private readonly log: (message: string) => void;
  private readonly logged = new Set<string>();
  /** Total size of the entries, once listed (on the first write). */
  private totalBytes?: number;
  private writable = true;
  /**
   * Digests of the logs this instance (one run) served or stored: never evicted by the same run. Evicting them
   * would make a history larger than the bound thrash: each run would evict the entries the next one needs first.
   */
  private readonly usedThisRun = new Set<string>();
  /** Set when the bound is reached by this run's own entries: the rest of the run is parsed without storing. */
  private full = false;
  private readonly now: () => number;

  constructor(root: string, options: SessionCacheOptions = {}) {
    this.folder = path.join(root, SCAN_CACHE_FOLDER);
    this.maxBytes = options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES;
    this.log = options.log ?? (() => undefined);
    this.results = new ProjectResultCache(root, { log: this.log });
    this.now = options.now ?? Date.now;
  }

  /**
   * What the cache holds for `file`, read with the parser `parser` (see cachedParse.ts: parserKey). A hit's
   * `session.calls` are read only `withCalls` (empty otherwise): most scans need only the scanned calls.
   */
  async lookup(parser: string, file: SessionFile, withCalls = true): Promise<CacheLookup> {
    const stamp = await stampOf(file.path);
    if (!stamp) return { kind: 'miss' };
    const entry = await this.readEntry(this.entryPath(file.path, 'session'), cacheEntrySchema, file.path);
    if (entry && this.sameKey(entry, parser, file) && entry.size === stamp.size && entry.mtimeMs === stamp.mtimeMs) {
      const calls = withCalls ? await this.rawCallsOf(entry, file.path) : [];
      if (calls) {
        this.usedThisRun.add(this.digest(file.path));
        await this.touch(file.path);
        return { kind: 'hit', cached: { session: { ...entry.session, calls }, scannedCalls: entry.scannedCalls } };
      }
    }
    const resume = await this.readEntry(this.entryPath(file.path, 'resume'), resumeEntrySchema, file.path);
    const { checkpoint } = resume ?? {};
    if (resume && checkpoint && this.sameKey(resume, parser, file) && stamp.size >= checkpoint.offset) {
      if ((await prefixFingerprint(file.path, checkpoint.offset)) === resume.fingerprint) return { kind: 'resume', stamp, checkpoint: checkpoint as ParseCheckpoint };
    }
    return { kind: 'miss', stamp };
  }

  /** The session's calls kept as text in the entry; undefined when it has none, or they do not read back (the entry is discarded). */
  private async rawCallsOf(entry: CacheEntry, logPath: string): Promise<ToolCall[] | undefined> {
    if (entry.rawCalls === undefined) return undefined;
    try {
      const calls = rawCallsSchema.safeParse(JSON.parse(entry.rawCalls));
      if (calls.success) return calls.data;
    } catch {
      // not JSON: damaged
    }
    this.note('damaged', `scan cache: discarded a damaged entry (${this.entryPath(logPath, 'session')}); its log is parsed again.`);
    await fs.rm(this.entryPath(logPath, 'session'), { force: true });
    return undefined;
  }

  /** The entry was written for this file by this parser (another version's is noted once). */
  private sameKey(entry: CacheEntry | ResumeEntry, parser: string, file: SessionFile): boolean {
    if (entry.parser !== parser) {
      this.note('version', `scan cache: entries written by another version of headroom-learn are parsed again (first: ${file.path}).`);
      return false;
    }
    return entry.path === file.path && entry.subagent === file.subagent && entry.sessionId === file.sessionId;
  }

  /**
   * Keeps the session and its scanned calls (and the checkpoint to resume from) for `file` as it was when `stamp` was
   * taken; its own calls too when `withRawCalls` (CacheEntry.rawCalls).
   */
  async store(
    parser: string,
    file: SessionFile,
    stamp: FileStamp,
    cached: { session: ParsedSession; scannedCalls: ToolCall[] },
    checkpoint?: ParseCheckpoint,
    withRawCalls = true,
  ): Promise<void> {
    if (!this.writable || this.full) return;
    this.usedThisRun.add(this.digest(file.path));
    const key = { format: CACHE_FORMAT, parser, path: file.path, size: stamp.size, mtimeMs: stamp.mtimeMs, subagent: file.subagent, sessionId: file.sessionId };
    const kept = checkpoint && mayGrow(cached.session, this.now()) ? checkpoint : undefined;
    const fingerprint = kept && (await prefixFingerprint(file.path, kept.offset));
    const resume: ResumeEntry | undefined = kept && fingerprint ? { ...key, checkpoint: kept, fingerprint } : undefined;
    const { calls, ...session } = cached.session;
    const entry: CacheEntry = { ...key, session, ...(withRawCalls ? { rawCalls: JSON.stringify(calls) } : {}), scannedCalls: cached.scannedCalls };
    try {
      await fs.mkdir(this.folder, { recursive: true });
      // The resume entry first: a session entry is never newer than the checkpoint beside it.
      await this.writeEntry(this.entryPath(file.path, 'resume'), resume);
      await this.writeEntry(this.entryPath(file.path, 'session'), entry);
    } catch (error) {
      this.writable = false;
      this.note('write', `scan cache: cannot write to ${this.folder} (${(error as NodeJS.ErrnoException).code ?? String(error)}); this run is not cached.`);
    }
  }

  /** Replaces (or, with no value, removes) one entry file, keeping the total. One log's entry may not crowd out the rest. */
  private async writeEntry(target: string, value: CacheEntry | ResumeEntry | undefined): Promise<void> {
    const bytes = value && Buffer.from(JSON.stringify(value), 'utf8');
    const before = await sizeOf(target);
    if (!bytes || bytes.length > this.maxBytes / 4) {
      if (before > 0) await fs.rm(target, { force: true });
      await this.account(-before);
      return;
    }
    await writeAtomically(target, bytes);
    await this.account(bytes.length - before);
  }

  /** Removes every entry, and the per-project results; returns how many of each there were. */
  async clear(): Promise<{ entries: number; results: number }> {
    const names = await this.names();
    await fs.rm(this.folder, { recursive: true, force: true });
    this.totalBytes = 0;
    return { entries: names.filter(isSessionEntry).length, results: await this.results.clear() };
  }

  /** The entries' total size in bytes and their number. */
  async size(): Promise<{ bytes: number; entries: number }> {
    const files = await this.files();
    return { bytes: files.reduce((sum, file) => sum + file.size, 0), entries: files.filter((file) => isSessionEntry(file.name)).length };
  }

  private digest(logPath: string): string {
    return createHash('sha256').update(logPath).digest('hex');
  }

  /** `<digest of the log's path>.json` (the session) and `….resume.json` (the checkpoint). */
  private entryPath(logPath: string, kind: 'session' | 'resume'): string {
    const name = this.digest(logPath);
    return path.join(this.folder, kind === 'session' ? `${name}.json` : `${name}.resume.json`);
  }

  /** An entry file, or undefined (none; damaged or another layout: removed and noted). */
  private async readEntry<T extends z.ZodType>(file: string, schema: T, logPath: string): Promise<z.infer<T> | undefined> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    let parsed: { success: true; data: z.infer<T> } | { success: false } = { success: false };
    try {
      parsed = schema.safeParse(JSON.parse(text));
    } catch {
      // not JSON: damaged
    }
    if (parsed.success) return parsed.data;
    const other = otherFormat(text);
    if (other) this.note('version', `scan cache: entries written by another version of headroom-learn are parsed again (first: ${logPath}).`);
    else this.note('damaged', `scan cache: discarded a damaged entry (${file}); its log is parsed again.`);
    await fs.rm(file, { force: true });
    return undefined;
  }

  /** Marks an entry as just used, for the eviction order. */
  private async touch(logPath: string): Promise<void> {
    const now = new Date();
    await fs.utimes(this.entryPath(logPath, 'session'), now, now).catch(() => undefined);
  }

  /** Adds a write's growth to the total, listing the folder the first time, and evicts past the bound. */
  private async account(growth: number): Promise<void> {
    if (growth === 0) return;
    if (this.totalBytes === undefined) {
      this.totalBytes = (await this.files()).reduce((sum, file) => sum + file.size, 0);
    } else this.totalBytes += growth;
    if (this.totalBytes > this.maxBytes) await this.evict();
    if (this.totalBytes > this.maxBytes && !this.full) {
      this.full = true;
      this.note(
        'full',
        `scan cache: full (${Math.round(this.maxBytes / 1024 / 1024)} MB) with this run's own entries; the remaining logs are parsed without being cached (the cached ones stay, so the next run reads them from the cache).`,
      );
    }
  }

  /**
   * Removes logs' entries (a session entry with its resume entry), least recently used first, until the total is
   * under the bound, never one this run used (usedThisRun); and temporary files a writer that died left behind.
   */
  private async evict(): Promise<void> {
    const files = await this.files();
    const now = Date.now();
    let total = 0;
    const logs = new Map<string, { names: string[]; bytes: number; usedMs: number }>();
    for (const file of files) {
      if (file.name.endsWith('.tmp')) {
        if (now - file.mtimeMs > STALE_TEMPORARY_MS) await fs.rm(path.join(this.folder, file.name), { force: true });
        else total += file.size;
        continue;
      }
      total += file.size;
      const digest = file.name.slice(0, file.name.indexOf('.'));
      const log = logs.get(digest) ?? { names: [], bytes: 0, usedMs: 0 };
      log.names.push(file.name);
      log.bytes += file.size;
      log.usedMs = Math.max(log.usedMs, file.mtimeMs);
      logs.set(digest, log);
    }
    const oldestFirst = [...logs.entries()].sort(([a, x], [b, y]) => x.usedMs - y.usedMs || a.localeCompare(b));
    for (const [digest, log] of oldestFirst) {
      if (total <= this.maxBytes) break;
      if (this.usedThisRun.has(digest)) continue;
      for (const name of log.names) await fs.rm(path.join(this.folder, name), { force: true });
      total -= log.bytes;
    }
    this.totalBytes = total;
  }

  private async names(): Promise<string[]> {
    try {
      return await fs.readdir(this.folder);
    } catch {
      return [];
    }
  }

  private async files(): Promise<Array<{ name: string; size: number; mtimeMs: number }>> {
    const files: Array<{ name: string; size: number; mtimeMs: number }> = [];
    for (const name of await this.names()) {
      try {
        const stats = await fs.stat(path.join(this.folder, name));
        if (stats.isFile()) files.push({ name, size: stats.size, mtimeMs: stats.mtimeMs });
      } catch {
        // removed meanwhile (another run evicting)
      }
    }
    return files;
  }

  /** Logs the first message of each kind only: a new version discards every entry, once. */
  private note(kind: string, message: string): void {
    if (this.logged.has(kind)) return;
    this.logged.add(kind);
    this.log(message);
  }
}

/**
 * Whether a session's log may still grow: its last record (its latest call, or its start) is less than QUIET_MS old,
 * or it records no time. A parser's checkpoint is most of a log's cache bytes (Codex keeps output samples per call)
 * and is read only when the log grew, which a session quiet for a week does not do; one that grows anyway is parsed
 * again whole, once, and keeps its checkpoint from then on (it is recent again).
 */
function mayGrow(session: ParsedSession, now: number): boolean {
  let last = NaN;
  for (const time of [session.startedAt, ...session.calls.map((call) => call.timestamp)]) {
    const at = time === undefined ? NaN : Date.parse(time);
    if (!Number.isNaN(at) && !(at <= last)) last = at;
  }
  return Number.isNaN(last) || now - last < QUIET_MS;
}

/** A session entry's file name (not a resume entry's, not a temporary file's). */
function isSessionEntry(name: string): boolean {
  return name.endsWith('.json') && !name.endsWith('.resume.json');
}

/** An entry that parses as JSON with another `format`: written by another version, not damaged. */
function otherFormat(text: string): boolean {
  try {
    const value = JSON.parse(text) as { format?: unknown };
    return typeof value === 'object' && value !== null && value.format !== CACHE_FORMAT && typeof value.format === 'number';
  } catch {
    return false;
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    return 0;
  }
}
