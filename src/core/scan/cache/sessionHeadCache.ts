import { z } from 'zod';
import type { SessionHeadCache, SessionHeadResult } from '../../agents/plugin.js';
import { coreBuild } from './coreBuild.js';
import type { ProjectResultCache } from './projectResultCache.js';
import { stampOf } from './fileStamp.js';

/** The project-cache kind of the kept heads (one result per reader kind and listed folder). */
const HEADS_RESULT = 'heads';

/** A log's head as kept: the log's size and mtime when it was read, and what the reader gave. */
type KeptHead = [size: number, mtimeMs: number, head: unknown];

/** The kept heads of one reader kind and folder, by log path; `build`: the core build that read them (another build's are read again). */
const keptHeadsSchema = z.object({ build: z.string(), heads: z.record(z.string(), z.tuple([z.number(), z.number(), z.unknown()])) });

interface Scope {
  identity: { kind: string; scope: string };
  /** What the last run kept. */
  kept: Map<string, KeptHead>;
  /** What this run read or reused: what is kept next (a log no longer listed is dropped). */
  now: Map<string, KeptHead>;
  /** Whether `now` differs from `kept` in a log read again. */
  changed: boolean;
}

/** A SessionHeadCache a listing saves once it is done (groupProjectSessions): KeptSessionHeads. */
export type SavedSessionHeads = SessionHeadCache & { save(): Promise<void> };

/**
 * SessionHeadCache kept in the project cache (one small file per reader kind and listed folder): a listing of an
 * unchanged history stats each log instead of opening and reading its head. `save()` (once the listing is done)
 * writes what changed; nothing here throws for the cache's own files (ProjectResultCache).
 */
export class KeptSessionHeads implements SessionHeadCache {
  private readonly scopes = new Map<string, Promise<Scope>>();

  constructor(private readonly results: ProjectResultCache) {}

  async read<T>(kind: string, scope: string, files: readonly string[], read: (file: string) => Promise<T>, isHead: (value: unknown) => value is T): Promise<Array<SessionHeadResult<T>>> {
    const state = await this.scope(kind, scope);
    // The stamps before any read (a log that changes while read is read again next time); all at once, in order.
    const stamps = await Promise.all(files.map(stampOf));
    const heads: Array<SessionHeadResult<T>> = [];
    for (const [i, file] of files.entries()) {
      const stamp = stamps[i];
      const kept = stamp ? state.kept.get(file) : undefined;
      if (stamp && kept && kept[0] === stamp.size && kept[1] === stamp.mtimeMs && isHead(kept[2])) {
        state.now.set(file, kept);
        heads.push({ head: kept[2] });
        continue;
      }
      try {
        const head = await read(file);
        if (stamp) {
          state.now.set(file, [stamp.size, stamp.mtimeMs, head]);
          state.changed = true;
        }
        heads.push({ head });
      } catch (error) {
        heads.push({ error });
      }
    }
    return heads;
  }

  /** Keeps what this run read, for each reader kind and folder whose heads changed (or lost a log). */
  async save(): Promise<void> {
    for (const pending of this.scopes.values()) {
      const state = await pending;
      if (!state.changed && state.now.size === state.kept.size) continue;
      const value: z.infer<typeof keptHeadsSchema> = { build: coreBuild(), heads: Object.fromEntries(state.now) };
      await this.results.put(HEADS_RESULT, state.identity, { parsers: [coreBuild()], logs: [], options: state.identity }, value);
    }
  }

  private scope(kind: string, scope: string): Promise<Scope> {
    const name = JSON.stringify([kind, scope]);
    let state = this.scopes.get(name);
    if (!state) {
      state = this.load(kind, scope);
      this.scopes.set(name, state);
    }
    return state;
  }

  private async load(kind: string, scope: string): Promise<Scope> {
    const identity = { kind, scope };
    const stored = await this.results.latest(HEADS_RESULT, identity, keptHeadsSchema);
    const kept = new Map<string, KeptHead>(stored && stored.build === coreBuild() ? Object.entries(stored.heads) : []);
    return { identity, kept, now: new Map(), changed: false };
  }
}
