import type { NormalisedTool } from '../../model/toolCall.js';

/**
 * OpenCode's built-in tools (anomalyco/opencode packages/opencode/src/tool/*.ts: bash.ts, read.ts, write.ts,
 * edit.ts, multiedit.ts, apply_patch.ts, glob.ts, grep.ts, ls.ts, webfetch.ts, websearch.ts, task.ts, todo.ts)
 * → normalised tool. MCP tools are registered as `<server>_<tool>`, which cannot be told from a plugin's tool
 * by the name: both are Other.
 */
const OPENCODE_TOOLS: Readonly<Record<string, NormalisedTool>> = {
  bash: 'Bash',
  read: 'Read',
  write: 'Write',
  edit: 'Edit',
  multiedit: 'Edit',
  patch: 'Edit',
  apply_patch: 'Edit',
  glob: 'Glob',
  grep: 'Grep',
  list: 'LS',
  webfetch: 'WebFetch',
  websearch: 'WebSearch',
  codesearch: 'WebSearch',
  task: 'Task',
  todowrite: 'Todo',
  todoread: 'Todo',
  question: 'AskUser',
};

export function normaliseOpencodeTool(name: string): NormalisedTool {
  return OPENCODE_TOOLS[name] ?? 'Other';
}

export interface OpencodeCallViews {
  command?: string;
  path?: string;
  pattern?: string;
}

/** The shell command, path and search pattern of a call's input (read/write/edit use `filePath`; glob/grep/list `path`). */
export function opencodeCallViews(tool: NormalisedTool, input: Record<string, unknown>): OpencodeCallViews {
  const views: OpencodeCallViews = {};
  if (tool === 'Bash' && typeof input.command === 'string') views.command = input.command;
  if (typeof input.filePath === 'string') views.path = input.filePath;
  else if (typeof input.path === 'string') views.path = input.path;
  if ((tool === 'Grep' || tool === 'Glob') && typeof input.pattern === 'string') views.pattern = input.pattern;
  return views;
}
