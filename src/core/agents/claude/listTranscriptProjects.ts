import * as path from 'node:path';
import type { ProjectSessions, ScanReporter, SessionFile, SessionHeadCache } from '../plugin.js';
import { describeFsError, listDir } from '../fsWalk.js';
import { normaliseProjectPath } from '../projectPaths.js';
import { addBranch } from '../recordedBranches.js';
import { readEveryHead } from '../readEveryHead.js';
import { listClaudeSessionFiles, type ClaudeTranscriptFile } from './listClaudeSessionFiles.js';
import { isClaudeSessionHeader, readClaudeSessionHeader, type ClaudeSessionHeader } from './readClaudeSessionHeader.js';
import type { TranscriptLayout } from './transcriptLayout.js';

/**
 * Every project with transcripts in Claude Code's layout (Claude Code, CodeBuddy Code), grouped by the `cwd` the records hold
 * (folder names are never decoded: they are lossy and may collide). A subagent
 * joins its parent session's project when the parent is in the same folder, so a
 * subagent started in a subfolder does not make a project of its own. One project
 * may span several folders (e.g. a long path hashed differently by two versions). `heads`: the heads an earlier
 * listing read, reused for the transcripts that did not change.
 */
export async function listTranscriptProjects(layout: TranscriptLayout, reporter: ScanReporter, heads?: SessionHeadCache): Promise<ProjectSessions[]> {
  const projectsDir = layout.projectsDir;
  const projects = new Map<string, ProjectSessions>();
  const add = (projectPath: string, file: Omit<SessionFile, 'projectPath'>, gitBranch: string | undefined) => {
    const key = normaliseProjectPath(projectPath);
    const project = projects.get(key) ?? { projectPath, sessions: [] };
    project.sessions.push({ ...file, projectPath: project.projectPath });
    if (gitBranch !== undefined) project.branches = addBranch(project.branches, gitBranch);
    projects.set(key, project);
  };

  for (const entry of await listDir(projectsDir, reporter)) {
    if (!(entry.isDirectory() || entry.isSymbolicLink()) || entry.name.startsWith('.')) continue;
    const transcripts = await readHeaders(await listClaudeSessionFiles(path.join(projectsDir, entry.name), reporter), reporter, heads ?? readEveryHead, projectsDir);
    const projectOfSession = new Map<string, string>();
    for (const { transcript, header } of transcripts) {
      if (transcript.subagent || header.cwd === undefined || transcript.sessionIdFromPath === undefined) continue;
      projectOfSession.set(transcript.sessionIdFromPath, header.cwd);
    }
    for (const { transcript, header } of transcripts) {
      const parentId = transcript.subagent ? (transcript.sessionIdFromPath ?? header.sessionId) : undefined;
      const projectPath = (parentId !== undefined ? projectOfSession.get(parentId) : undefined) ?? header.cwd;
      if (projectPath === undefined) continue; // no record with a cwd: nothing in it to learn from
      add(projectPath, {
        agent: layout.agent,
        path: transcript.path,
        subagent: transcript.subagent,
        sessionId: transcript.subagent ? (header.sessionId ?? transcript.sessionIdFromPath) : transcript.sessionIdFromPath,
      }, header.gitBranch);
    }
  }
  return [...projects.values()]
    .map((project) => ({ ...project, sessions: project.sessions.sort((a, b) => (a.path < b.path ? -1 : 1)) }))
    .sort((a, b) => a.projectPath.localeCompare(b.projectPath));
}

/** What readClaudeSessionHeader gives, under this name in a SessionHeadCache (a new name when it changes). */
const HEADER_KIND = 'claude-transcript-header-1';

async function readHeaders(
  transcripts: ClaudeTranscriptFile[],
  reporter: ScanReporter,
  heads: SessionHeadCache,
  scope: string,
): Promise<Array<{ transcript: ClaudeTranscriptFile; header: ClaudeSessionHeader }>> {
  const read: Array<{ transcript: ClaudeTranscriptFile; header: ClaudeSessionHeader }> = [];
  const files = transcripts.map((transcript) => transcript.path);
  const results = await heads.read(HEADER_KIND, scope, files, readClaudeSessionHeader, isClaudeSessionHeader);
  for (const [i, transcript] of transcripts.entries()) {
    const result = results[i];
    if ('head' in result) read.push({ transcript, header: result.head });
    else reporter.warn(`Cannot read session ${transcript.path}: ${describeFsError(result.error)}; skipped.`);
  }
  return read;
}
