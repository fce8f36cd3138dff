import * as path from 'node:path';
import type { ScanReporter, SessionFile } from '../plugin.js';
import { listDir } from '../fsWalk.js';

/**
 * The session files of one chat-session folder: `<sessionId>.jsonl` (the mutation log, VS Code 1.109+) or
 * `<sessionId>.json` (the whole session, older versions). When both exist for one session, the log is the newer
 * record and the `.json` is left out, so no call is counted twice.
 */
export async function chatSessionFiles(sessionsDir: string, projectPath: string, reporter: ScanReporter): Promise<SessionFile[]> {
  const entries = (await listDir(sessionsDir, reporter)).filter((entry) => entry.isFile() && /\.jsonl?$/.test(entry.name));
  const logs = new Set(entries.filter((entry) => entry.name.endsWith('.jsonl')).map((entry) => entry.name.slice(0, -'.jsonl'.length)));
  return entries
    .filter((entry) => entry.name.endsWith('.jsonl') || !logs.has(entry.name.slice(0, -'.json'.length)))
    .map((entry) => ({
      agent: 'vscode-chat',
      path: path.join(sessionsDir, entry.name),
      projectPath,
      subagent: false,
      sessionId: entry.name.replace(/\.jsonl?$/, ''),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}
