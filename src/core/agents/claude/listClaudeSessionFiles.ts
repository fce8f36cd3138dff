import * as path from 'node:path';
import type { ScanReporter } from '../plugin.js';
import { listDir } from '../fsWalk.js';

export interface ClaudeTranscriptFile {
  path: string;
  subagent: boolean;
  /** Main session: its file name. New-layout subagent: the parent session's folder name. Old layout: unknown. */
  sessionIdFromPath?: string;
}

const TRANSCRIPT = /\.jsonl$/;
const SUBAGENT_TRANSCRIPT = /^agent-.*\.jsonl$/;

/**
 * The transcripts in one project folder: `<session>.jsonl`, subagents beside them
 * (`agent-*.jsonl`, Claude Code 2.0.x) and under `<session>/subagents/agent-*.jsonl`
 * (2.1.2+). Every entry named like a transcript is listed, even one that is not a
 * readable file (a dangling link, a folder), so that parsing reports it instead of
 * it vanishing silently. Unreadable folders are reported and skipped.
 */
export async function listClaudeSessionFiles(folder: string, reporter: ScanReporter): Promise<ClaudeTranscriptFile[]> {
  const found: ClaudeTranscriptFile[] = [];
  for (const entry of await listDir(folder, reporter)) {
    const full = path.join(folder, entry.name);
    if (TRANSCRIPT.test(entry.name)) {
      const subagent = SUBAGENT_TRANSCRIPT.test(entry.name);
      found.push({ path: full, subagent, sessionIdFromPath: subagent ? undefined : path.basename(entry.name, '.jsonl') });
    } else if (entry.isDirectory() || entry.isSymbolicLink()) {
      const subagentsDir = path.join(full, 'subagents');
      for (const sub of await listDir(subagentsDir, reporter)) {
        if (!SUBAGENT_TRANSCRIPT.test(sub.name)) continue;
        found.push({ path: path.join(subagentsDir, sub.name), subagent: true, sessionIdFromPath: entry.name });
      }
    }
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
