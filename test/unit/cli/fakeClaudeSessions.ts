// Hand-built Claude Code sessions for CLI tests: a session file of tool_use + tool_result records in the agent's
// projects folder under a fake home, each call at the time the test chooses.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface FakeCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
  result: string;
  isError?: boolean;
}

/** Claude Code's answer when the user rejects a call, with the user's words. */
export const REJECTED = "The user doesn't want to proceed with this tool use. The tool use was rejected. To tell you how to proceed, the user said:\nI push myself";

/** Writes `<home>/.claude/projects/<encoded project>/<fileId>.jsonl`; call i gets the ISO time `timestampOf(i)`. */
export function writeClaudeSession(home: string, project: string, fileId: string, calls: FakeCall[], timestampOf: (index: number) => string): void {
  const folder = path.join(home, '.claude', 'projects', project.replace(/[^A-Za-z0-9]/g, '-'));
  fs.mkdirSync(folder, { recursive: true });
  const base = { cwd: project, sessionId: fileId, version: '2.1.29', userType: 'external', isSidechain: false };
  const lines = calls.flatMap((call, i) => {
    const timestamp = timestampOf(i);
    const result = { type: 'tool_result', tool_use_id: call.id, content: call.result, ...(call.isError ? { is_error: true } : {}) };
    return [
      { ...base, type: 'assistant', uuid: `a-${fileId}-${i}`, timestamp, message: { role: 'assistant', content: [{ type: 'tool_use', id: call.id, name: call.name, input: call.input }] } },
      { ...base, type: 'user', uuid: `u-${fileId}-${i}`, timestamp, message: { role: 'user', content: [result] } },
    ];
  });
  fs.writeFileSync(path.join(folder, `${fileId}.jsonl`), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
}

/** A Read of a project file that does not exist. */
export const missing = (id: string, project: string, rel: string): FakeCall => ({ id, name: 'Read', input: { file_path: path.join(project, rel) }, result: 'File does not exist.', isError: true });
/** A Read of a project file that worked. */
export const found = (id: string, project: string, rel: string): FakeCall => ({ id, name: 'Read', input: { file_path: path.join(project, rel) }, result: '1\tdef money(): ...' });
