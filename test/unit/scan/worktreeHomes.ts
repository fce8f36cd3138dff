// Fixture homes for the worktree tests: Claude Code transcripts written under a temp CLAUDE_CONFIG_DIR, either real
// records copied from the corpus (test/fixtures/corpus/worktrees/, see its README) or hand-built tool calls.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AgentEnvironment } from '../../../src/core/agents/plugin.js';
import { tempDir } from '../cli/cliHarness.js';

const WORKTREE_RECORDS = path.resolve(__dirname, '../../fixtures/corpus/worktrees');

/** A temp folder, removed when the test process exits. */
export function tempFolder(prefix: string): string {
  return tempDir(`headroom-${prefix}-`);
}

/** A home whose only agent is Claude Code, at `<home>/.claude`. */
export function claudeEnvironment(home: string): AgentEnvironment {
  return { home, env: { CLAUDE_CONFIG_DIR: path.join(home, '.claude') } };
}

function projectFolder(home: string, cwd: string): string {
  const folder = path.join(home, '.claude', 'projects', cwd.replace(/[^A-Za-z0-9]/g, '-'));
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

/** Copies one real record (a line with cwd, sessionId and gitBranch) as a session of its own, where Claude Code keeps it. */
export function addRecordedSession(home: string, fixture: string): { cwd: string; gitBranch: string } {
  const line = fs.readFileSync(path.join(WORKTREE_RECORDS, fixture), 'utf8');
  const record = JSON.parse(line) as { cwd: string; sessionId: string; gitBranch: string };
  fs.writeFileSync(path.join(projectFolder(home, record.cwd), `${record.sessionId}.jsonl`), line);
  return { cwd: record.cwd, gitBranch: record.gitBranch };
}

export interface ToolStep {
  name: string;
  input: Record<string, unknown>;
  result: string;
  isError?: boolean;
}

/** A session of tool calls recorded in `cwd` on `gitBranch`, one minute apart from `start`. */
export function addSession(home: string, cwd: string, gitBranch: string, sessionId: string, steps: ToolStep[], start = '2026-03-01T10:00:00.000Z'): void {
  const base = { cwd, sessionId, gitBranch, version: '2.1.79', userType: 'external', isSidechain: false };
  const lines = steps.flatMap((step, i) => {
    const timestamp = new Date(Date.parse(start) + i * 60_000).toISOString();
    const id = `toolu_${sessionId}_${i}`;
    const result = { type: 'tool_result', tool_use_id: id, content: step.result, ...(step.isError ? { is_error: true } : {}) };
    return [
      { ...base, type: 'assistant', uuid: `a-${sessionId}-${i}`, timestamp, message: { id: `m-${sessionId}-${i}`, role: 'assistant', content: [{ type: 'tool_use', id, name: step.name, input: step.input }] } },
      { ...base, type: 'user', uuid: `u-${sessionId}-${i}`, timestamp, message: { role: 'user', content: [result] } },
    ];
  });
  fs.writeFileSync(path.join(projectFolder(home, cwd), `${sessionId}.jsonl`), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
}

/** `git worktree add <worktree>` as git leaves it on disk: `<worktree>/.git` names `<repository>/.git/worktrees/<name>`. */
export function makeGitWorktree(repository: string, worktree: string, options: { relative?: boolean } = {}): void {
  const name = path.basename(worktree);
  const admin = path.join(repository, '.git', 'worktrees', name);
  fs.mkdirSync(admin, { recursive: true });
  fs.mkdirSync(worktree, { recursive: true });
  fs.writeFileSync(path.join(admin, 'commondir'), '../..\n');
  fs.writeFileSync(path.join(admin, 'gitdir'), `${path.join(worktree, '.git')}\n`);
  const gitdir = options.relative ? path.relative(worktree, admin) : admin;
  fs.writeFileSync(path.join(worktree, '.git'), `gitdir: ${gitdir}\n`);
}

/** A main checkout: a folder with a `.git` folder. */
export function makeGitRepository(folder: string): void {
  fs.mkdirSync(path.join(folder, '.git'), { recursive: true });
}
