import type { ParsedSession } from '../agents/plugin.js';
import { callLookup } from '../correlate/callLookup.js';
import { toCallRef } from '../correlate/callRef.js';
import { needsFix } from '../correlate/correlateFailures.js';
import { deriveContext, type DeriveContext } from '../correlate/derive/deriveContext.js';
import type { ProjectFiles } from '../correlate/projectFiles.js';
import type { ToolCall } from '../model/toolCall.js';

/** The sessions after the split, as the coverage definitions read them. */
export interface LaterCalls {
  /** Paths relative to the project root (resolved against each call's cwd), as the findings record them. */
  ctx: DeriveContext;
  /** Each later session's calls in order, with the session's cwd filled in. */
  sessions: ToolCall[][];
  /** The calls a rule could have spared: see isLaterFailure. */
  failures: ToolCall[];
}

/**
 * A later call counts as a failure when it failed, was a search that found nothing (as the
 * correlator treats it), or was rejected by the user. Interrupted calls are not failures: the user
 * stopped the turn, the call itself said nothing wrong.
 */
function isLaterFailure(call: ToolCall): boolean {
  return needsFix(call) || call.outcome === 'rejected';
}

export function laterCalls(sessions: readonly ParsedSession[], files: ProjectFiles): LaterCalls {
  const lookup = callLookup(sessions);
  const ctx = deriveContext(files, lookup);
  const withCwd = sessions.map((session) => [...session.calls].sort((a, b) => a.index - b.index).map((call) => lookup.get(toCallRef(call)) ?? call));
  return { ctx, sessions: withCwd, failures: withCwd.flat().filter(isLaterFailure) };
}
