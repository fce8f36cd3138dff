import * as path from 'node:path';
import type { AgentEnvironment, ScanReporter } from '../plugin.js';
import { listDir } from '../fsWalk.js';
import { GROK_UPDATES_FILE, grokFolderCwd, grokSessionsDir } from './grokLocations.js';
import { readGrokSessionSummary } from './grokSessionSummary.js';

export interface GrokSessionEntry {
  /** `…/updates.jsonl`. */
  path: string;
  /** The session's working folder: summary.json `info.cwd`, else the folder name decoded (or its `.cwd`). */
  cwd?: string;
  subagent: boolean;
  sessionId: string;
}

/**
 * Every Grok Build session on disk: `sessions/<encoded cwd>/<session id>/updates.jsonl`, and its subagents'
 * sessions, written under `<session dir>/subagents/<subagent id>/` (storage/jsonl/mod.rs
 * `with_explicit_session_dir`) or, in other versions, as sibling session folders whose summary.json says
 * `session_kind: "subagent"`. A subagent under its parent takes the parent's id and cwd. A session folder
 * without updates.jsonl holds nothing to learn from; `chat_history.jsonl` is a cache compaction rewrites and
 * is never read.
 */
export async function listGrokSessionFiles(environment: AgentEnvironment, reporter: ScanReporter): Promise<GrokSessionEntry[]> {
  const sessionsDir = grokSessionsDir(environment);
  const entries: GrokSessionEntry[] = [];
  for (const cwdEntry of await listDir(sessionsDir, reporter)) {
    if (!(cwdEntry.isDirectory() || cwdEntry.isSymbolicLink())) continue;
    const cwdFolder = path.join(sessionsDir, cwdEntry.name);
    const folderCwd = await grokFolderCwd(cwdFolder);
    for (const sessionEntry of await listDir(cwdFolder, reporter)) {
      if (!(sessionEntry.isDirectory() || sessionEntry.isSymbolicLink())) continue;
      const sessionFolder = path.join(cwdFolder, sessionEntry.name);
      const names = (await listDir(sessionFolder, reporter)).map((e) => e.name);
      const summary = await readGrokSessionSummary(sessionFolder);
      const cwd = summary.cwd ?? folderCwd;
      if (names.includes(GROK_UPDATES_FILE)) {
        entries.push({ path: path.join(sessionFolder, GROK_UPDATES_FILE), ...(cwd ? { cwd } : {}), subagent: summary.subagent, sessionId: sessionEntry.name });
      }
      entries.push(...(await nestedSubagents(sessionFolder, sessionEntry.name, cwd, reporter)));
    }
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function nestedSubagents(sessionFolder: string, sessionId: string, cwd: string | undefined, reporter: ScanReporter): Promise<GrokSessionEntry[]> {
  const subagentsDir = path.join(sessionFolder, 'subagents');
  const found: GrokSessionEntry[] = [];
  for (const sub of await listDir(subagentsDir, reporter)) {
    if (!(sub.isDirectory() || sub.isSymbolicLink())) continue;
    const names = (await listDir(path.join(subagentsDir, sub.name), reporter)).map((e) => e.name);
    if (!names.includes(GROK_UPDATES_FILE)) continue;
    found.push({ path: path.join(subagentsDir, sub.name, GROK_UPDATES_FILE), ...(cwd ? { cwd } : {}), subagent: true, sessionId });
  }
  return found;
}
