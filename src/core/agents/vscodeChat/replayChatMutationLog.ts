import type { JsonLine } from '../../logs/readJsonLines.js';
import { notedRecords, type SessionNotes } from '../gemini/sessionNotes.js';
import { chatMutationEntrySchema, type ChatMutationEntry, type ChatMutationPath } from './chatSessionSchemas.js';


/** The session object a log rebuilds, and the log line that last changed each request (by its position). */
export interface ReplayedChatSession {
  session: unknown;
  /** 1-based line of the entry that last touched `requests[i]` (or replaced the request list), per request index. */
  requestLines: number[];
}

/**
 * Replays VS Code's chat-session mutation log (`chatSessions/<id>.jsonl`, VS Code 1.109+) into the session it
 * describes, the way VS Code reads it back: ObjectMutationLog.read in
 * microsoft/vscode src/vs/workbench/contrib/chat/common/model/objectMutationLog.ts.
 *
 * - `{kind:0, v}` Initial: the whole session (the first line, again after a compaction rewrote the file);
 * - `{kind:1, k:path, v}` Set: replaces the value at `path`;
 * - `{kind:2, k:path, v?:items, i?:n}` Push: truncates the array at `path` to `n` when `i` is set, then appends `v`;
 * - `{kind:3, k:path}` Delete: removes the value at `path`.
 *
 * VS Code stops at the first bad line (the whole session is lost); here a bad line (not JSON, truncated, an
 * unknown kind, a path that leads nowhere, an update before any Initial entry) is counted and noted, and the
 * replay goes on, so one damaged write costs one change, not the session.
 */
export async function replayChatMutationLog(lines: AsyncIterable<JsonLine>, notes: SessionNotes): Promise<ReplayedChatSession> {
  let session: unknown;
  let requestLines: number[] = [];
  for await (const { value, line } of notedRecords(lines, notes)) {
    const entry = chatMutationEntrySchema.safeParse(value);
    if (!entry.success) {
      notes.skip(line, 'not a chat-session log entry (kind 0–3); skipped');
      continue;
    }
    const data = entry.data;
    if (data.kind === 0) {
      session = data.v;
      requestLines = requestsOf(session).map(() => line);
      continue;
    }
    if (!isContainer(session)) {
      notes.skip(line, 'update before the session snapshot (kind 0); skipped');
      continue;
    }
    const applied =
      data.kind === 1 ? setAt(session, data.k, data.v) : data.kind === 2 ? pushAt(session, data.k, data.v, data.i) : setAt(session, data.k, undefined);
    if (!applied) {
      notes.skip(line, `path ${describePath(data.k)} is not in the session; skipped`);
      continue;
    }
    requestLines = touchRequests(requestLines, requestsOf(session).length, data, line);
  }
  return { session, requestLines };
}

/**
 * The lines per request after an entry: a change under `requests[i]` marks request i; a push to the list marks the
 * requests it added (from its truncation point), a set of the whole list marks them all.
 */
function touchRequests(previous: number[], count: number, entry: Exclude<ChatMutationEntry, { kind: 0 }>, line: number): number[] {
  const lines = previous.slice(0, count);
  const [head, index] = entry.k;
  if (head === 'requests' && typeof index === 'number') {
    if (index < count) lines[index] = line;
  } else if (head === 'requests' && entry.k.length === 1) {
    const from = entry.kind === 2 ? (entry.i ?? previous.length) : 0;
    for (let i = from; i < count; i++) lines[i] = line;
  }
  for (let i = 0; i < count; i++) lines[i] ??= line;
  return lines;
}

function requestsOf(session: unknown): unknown[] {
  const requests = isContainer(session) ? (session as Record<string, unknown>).requests : undefined;
  return Array.isArray(requests) ? requests : [];
}

type Container = Record<string | number, unknown>;

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The object or array that holds the last key of `path`, or undefined when the path leads nowhere. */
function parentOf(root: Container, path: ChatMutationPath): Container | undefined {
  let current: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (!isContainer(current)) return undefined;
    current = current[key];
  }
  return isContainer(current) ? current : undefined;
}

function setAt(root: Container, path: ChatMutationPath, value: unknown): boolean {
  if (path.length === 0) return false;
  const parent = parentOf(root, path);
  if (!parent) return false;
  const key = path[path.length - 1]!;
  if (value === undefined) delete parent[key];
  else parent[key] = value;
  return true;
}

function pushAt(root: Container, path: ChatMutationPath, values: unknown[] | undefined, truncateTo: number | undefined): boolean {
  if (path.length === 0) return false;
  const parent = parentOf(root, path);
  if (!parent) return false;
  const key = path[path.length - 1]!;
  const existing = parent[key];
  if (existing !== undefined && !Array.isArray(existing)) return false;
  const list = Array.isArray(existing) ? existing : [];
  if (truncateTo !== undefined) list.length = Math.min(list.length, truncateTo);
  if (values) list.push(...values);
  parent[key] = list;
  return true;
}

function describePath(path: ChatMutationPath): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('') || '<root>';
}
