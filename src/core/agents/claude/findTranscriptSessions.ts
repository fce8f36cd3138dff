import * as path from 'node:path';
import type { ScanReporter, SessionFile } from '../plugin.js';
import { listDir } from '../fsWalk.js';
import { isSameOrInside } from '../projectPaths.js';
import { listClaudeSessionFiles } from './listClaudeSessionFiles.js';
import { readClaudeSessionHeader } from './readClaudeSessionHeader.js';
import type { TranscriptLayout } from './transcriptLayout.js';

/**
 * The transcripts of one project. Folders are chosen by encoding the project path
 * forward (never by decoding folder names); each transcript is then confirmed by
 * the `cwd` its records hold, which must be the project or a folder inside it
 * (a subagent starts where its parent had `cd`-ed to). This tells apart projects
 * whose folder names collide, such as /a/b-c and /a/b.c.
 *
 * A transcript that cannot be read is kept, so that parsing it reports the file.
 */
export async function findTranscriptSessions(
  projectPath: string,
  layout: TranscriptLayout,
  reporter: ScanReporter,
): Promise<SessionFile[]> {
  const sessions: SessionFile[] = [];
  const agent = layout.agent;
  for (const entry of await listDir(layout.projectsDir, reporter)) {
    if (!(entry.isDirectory() || entry.isSymbolicLink())) continue;
    if (!layout.matchesFolder(entry.name, projectPath)) continue;
    for (const transcript of await listClaudeSessionFiles(path.join(layout.projectsDir, entry.name), reporter)) {
      let header;
      try {
        header = await readClaudeSessionHeader(transcript.path);
      } catch {
        sessions.push({ agent, path: transcript.path, projectPath, subagent: transcript.subagent, sessionId: transcript.sessionIdFromPath });
        continue;
      }
      if (header.cwd === undefined || !isSameOrInside(projectPath, header.cwd)) continue;
      sessions.push({
        agent,
        path: transcript.path,
        projectPath,
        subagent: transcript.subagent,
        sessionId: transcript.subagent ? (header.sessionId ?? transcript.sessionIdFromPath) : transcript.sessionIdFromPath,
      });
    }
  }
  return sessions;
}
