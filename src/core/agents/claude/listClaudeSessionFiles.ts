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
 * (`agent-*.jsonl`, Claude Code 2.0.x), under `<session>/subagents/agent-*.jsonl`
 * (2.1.2+), and the agents of Workflow runs one level deeper,
 * `<session>/subagents/workflows/<run>/agent-*.jsonl` (2.1.17x+; the run's `journal.jsonl`
 * and `*.meta.json` beside them are bookkeeping, not transcripts). Every entry named like a
 * transcript is listed, even one that is not a readable file (a dangling link, a folder), so
 * that parsing reports it instead of it vanishing silently. Unreadable folders are reported and skipped.
 */
export async function listClaudeSessionFiles(folder: string, reporter: ScanReporter): Promise<ClaudeTranscriptFile[]> {
  const found: ClaudeTranscriptFile[] = [];
  for (const entry of await listDir(folder, reporter)) {
    const full = path.join(folder, entry.name);
    if (TRANSCRIPT.test(entry.name)) {
      const subagent = SUBAGENT_TRANSCRIPT.test(entry.name);
      found.push({ path: full, subagent, sessionIdFromPath: subagent ? undefined : path.basename(entry.name, '.jsonl') });
    } else if (entry.isDirectory() || entry.isSymbolicLink()) {
      found.push(...(await listSubagentTranscripts(path.join(full, 'subagents'), entry.name, reporter)));
    }
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** `subagents/agent-*.jsonl` of one session, and `subagents/workflows/<run>/agent-*.jsonl`. */
async function listSubagentTranscripts(subagentsDir: string, sessionId: string, reporter: ScanReporter): Promise<ClaudeTranscriptFile[]> {
  const found: ClaudeTranscriptFile[] = [];
  const agentsIn = async (dir: string): Promise<void> => {
    for (const sub of await listDir(dir, reporter)) {
      if (SUBAGENT_TRANSCRIPT.test(sub.name)) found.push({ path: path.join(dir, sub.name), subagent: true, sessionIdFromPath: sessionId });
    }
  };
  await agentsIn(subagentsDir);
  const workflowsDir = path.join(subagentsDir, 'workflows');
  for (const run of await listDir(workflowsDir, reporter)) {
    if (run.isDirectory() || run.isSymbolicLink()) await agentsIn(path.join(workflowsDir, run.name));
  }
  return found;
}
