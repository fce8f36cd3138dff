import type { AgentPlugin, ParsedSession, SessionFile } from '../../agents/plugin.js';
import type { ToolCall } from '../../model/toolCall.js';
import { scannedCall } from '../scannedCall.js';
import { coreBuild } from './coreBuild.js';
import type { SessionCache } from './sessionCache.js';

/** Which parser an entry was written by: the plugin, its parserVersion and the core build. */
export function parserKey(plugin: AgentPlugin): string | undefined {
  return plugin.parserVersion === undefined ? undefined : `${plugin.name}@${plugin.parserVersion}/${coreBuild()}`;
}

export interface CachedSession {
  /** The session as plugin.parse gives it. */
  session: ParsedSession;
  /** Its calls made ready for the scan (scannedCall), when the cache holds them. */
  scannedCalls?: ToolCall[];
}

interface CachedParseOptions {
  cache?: SessionCache;
  signal?: AbortSignal;
  /**
   * Whether the session's own calls are needed (to rebase a worktree's paths) when its scanned calls come from the
   * cache; false: a cached session comes with `calls: []`, and only scannedCalls hold its calls. Default true.
   */
  withCalls?: boolean;
}

/**
 * plugin.parse through the scan cache: an unchanged log is served from it without being read, a log that only
 * grew is read on from its checkpoint (plugins with `resumable`), anything else is parsed whole and kept. No
 * cache, or a plugin without a parserVersion (another extension's): plugin.parse, as before.
 */
export async function cachedParse(plugin: AgentPlugin, file: SessionFile, options: CachedParseOptions): Promise<CachedSession> {
  const { cache, signal } = options;
  const parser = parserKey(plugin);
  if (!cache || parser === undefined) return { session: await plugin.parse(file, { signal }) };
  const found = await cache.lookup(parser, file, options.withCalls);
  if (found.kind === 'hit') return found.cached;
  if (!found.stamp) return { session: await plugin.parse(file, { signal }) };
  const { session, checkpoint } = plugin.resumable
    ? await plugin.resumable.parseFrom(file, found.kind === 'resume' ? found.checkpoint : undefined, { signal })
    : { session: await plugin.parse(file, { signal }), checkpoint: undefined };
  const cached = { session, scannedCalls: session.calls.map(scannedCall) };
  await cache.store(parser, file, found.stamp, cached, checkpoint, options.withCalls ?? true);
  return cached;
}
