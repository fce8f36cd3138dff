import type { NormalisedTool } from '../../model/toolCall.js';

/**
 * Cursor's agent tools (toolFormerData.name, older and `_v2` names alike) → normalised tool; `mcp_…` tools are Mcp.
 * Names as Cursor's agent exposes them (chatrxiv storage reference; Mantra parsers/cursor; cursor-emulator's tool list).
 */
const CURSOR_TOOLS: Readonly<Record<string, NormalisedTool>> = {
  run_terminal_cmd: 'Bash',
  run_terminal_command: 'Bash',
  run_terminal_command_v2: 'Bash',
  read_file: 'Read',
  read_file_v2: 'Read',
  edit_file: 'Edit',
  edit_file_v2: 'Edit',
  search_replace: 'Edit',
  multi_edit: 'Edit',
  apply_patch: 'Edit',
  write: 'Write',
  create_file: 'Write',
  delete_file: 'Other',
  list_dir: 'LS',
  list_dir_v2: 'LS',
  grep_search: 'Grep',
  grep: 'Grep',
  ripgrep_search: 'Grep',
  codebase_search: 'Grep',
  file_search: 'Glob',
  glob_file_search: 'Glob',
  web_search: 'WebSearch',
  fetch: 'WebFetch',
  web_fetch: 'WebFetch',
  todo_write: 'Todo',
  create_plan: 'Plan',
  ask_question: 'AskUser',
  task: 'Task',
};

export function normaliseCursorTool(name: string): NormalisedTool {
  const known = CURSOR_TOOLS[name];
  if (known) return known;
  return name.startsWith('mcp_') ? 'Mcp' : 'Other';
}

/** Argument names Cursor's tools use for the path a call works on, in order of preference. */
const PATH_ARGS = ['target_file', 'targetFile', 'file_path', 'filePath', 'path', 'relative_workspace_path', 'target_directory', 'targetDirectory'] as const;
/** And for a search's pattern. */
const PATTERN_ARGS = ['query', 'pattern', 'glob_pattern', 'globPattern', 'regex'] as const;

export interface CursorCallViews {
  command?: string;
  path?: string;
  pattern?: string;
}

export function cursorCallViews(tool: NormalisedTool, args: Record<string, unknown>): CursorCallViews {
  const views: CursorCallViews = {};
  if (tool === 'Bash' && typeof args.command === 'string') views.command = args.command;
  const pathArg = PATH_ARGS.find((key) => typeof args[key] === 'string');
  if (pathArg) views.path = args[pathArg] as string;
  if (tool === 'Grep' || tool === 'Glob') {
    const patternArg = PATTERN_ARGS.find((key) => typeof args[key] === 'string');
    if (patternArg) views.pattern = args[patternArg] as string;
  }
  return views;
}
