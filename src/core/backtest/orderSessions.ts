import type { ParsedSession } from '../agents/plugin.js';

/** One session of one agent, with the moment it started (what the backtest orders by). */
export interface DatedSession {
  agent: string;
  session: ParsedSession;
  /** ISO time: the session's recorded start, else its earliest call. */
  start: string;
}

export interface OrderedSessions {
  /** Sessions with at least one call of their own, oldest first. */
  sessions: DatedSession[];
  /** Sessions whose every call was already in an earlier session (checkpoint or resume copies). */
  copies: number;
  /** Sessions with calls but no timestamp at all: they cannot be placed before or after the split. */
  undated: number;
}

/** Earliest moment a session records: its start, else its first call's timestamp. */
export function sessionStart(session: ParsedSession): string | undefined {
  const times = [session.startedAt, ...session.calls.map((call) => call.timestamp)].filter((t): t is string => Boolean(t));
  return times.sort()[0];
}

/**
 * Oldest first, each call once. Real Claude Code logs hold checkpoint and resume files that repeat an
 * earlier file's history; tool-call ids are unique, so a call id seen again is the same call and
 * stays with the session that started first. A session left with no call of its own is a copy and
 * counts once (as its original). Calls are re-numbered within their session, as the scanner does.
 */
export function orderSessions(scanned: ReadonlyArray<{ agent: string; session: ParsedSession }>): OrderedSessions {
  const dated: DatedSession[] = [];
  let undated = 0;
  for (const { agent, session } of scanned) {
    if (session.calls.length === 0) continue;
    const start = sessionStart(session);
    if (start === undefined) undated += 1;
    else dated.push({ agent, session, start });
  }
  dated.sort((a, b) => a.start.localeCompare(b.start) || a.session.file.localeCompare(b.session.file));
  const seen = new Set<string>();
  const sessions: DatedSession[] = [];
  let copies = 0;
  for (const entry of dated) {
    const own = entry.session.calls.filter((call) => {
      if (!call.callId) return true;
      const id = `${entry.agent}\u0000${call.callId}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    if (own.length === 0) {
      copies += 1;
      continue;
    }
    const calls = own.length === entry.session.calls.length ? entry.session.calls : own.map((call, index) => ({ ...call, index }));
    sessions.push({ ...entry, session: { ...entry.session, calls } });
  }
  return { sessions, copies, undated };
}

/**
 * The first `share` of the sessions (at least one) to learn from, the rest (at least one) to replay.
 * With fewer than two sessions there is nothing to replay: every session is a learning session.
 */
export function splitSessions<T>(sessions: readonly T[], share: number): { learn: T[]; later: T[] } {
  if (sessions.length < 2) return { learn: [...sessions], later: [] };
  const learnCount = Math.min(sessions.length - 1, Math.max(1, Math.round(sessions.length * share)));
  return { learn: sessions.slice(0, learnCount), later: sessions.slice(learnCount) };
}
