import type { NormalisedTool } from '../../model/toolCall.js';

/** Gemini CLI's built-in tool names (and their older aliases) → normalised tool. */
const GEMINI_TOOLS: Readonly<Record<string, NormalisedTool>> = {
  run_shell_command: 'Bash',
  read_file: 'Read',
  read_many_files: 'Read',
  write_file: 'Write',
  replace: 'Edit',
  list_directory: 'LS',
  glob: 'Glob',
  search_file_content: 'Grep',
  grep: 'Grep',
  grep_search: 'Grep',
  web_fetch: 'WebFetch',
  google_web_search: 'WebSearch',
  write_todos: 'Todo',
  save_memory: 'Other',
};

/**
 * Normalised tool for a Gemini tool name. MCP tools keep their own names in
 * Gemini logs; those written in the `server__tool` or `mcp_…` form are Mcp,
 * anything else unknown is Other.
 */
export function normaliseGeminiTool(name: string): NormalisedTool {
  const known = GEMINI_TOOLS[name];
  if (known) return known;
  if (name.startsWith('mcp_') || name.includes('__')) return 'Mcp';
  return 'Other';
}

/** Argument names Gemini tools use for the path a call works on, in order of preference. */
const PATH_ARGS = ['file_path', 'absolute_path', 'dir_path', 'path', 'directory'] as const;

export interface GeminiCallViews {
  command?: string;
  path?: string;
  pattern?: string;
}

/** The convenience views of a call's arguments: shell command, path, search pattern. */
export function geminiCallViews(tool: NormalisedTool, args: Record<string, unknown>): GeminiCallViews {
  const views: GeminiCallViews = {};
  if (tool === 'Bash' && typeof args.command === 'string') views.command = args.command;
  for (const key of PATH_ARGS) {
    if (typeof args[key] === 'string') {
      views.path = args[key] as string;
      break;
    }
  }
  if (views.path === undefined && tool === 'Read' && Array.isArray(args.paths)) {
    const paths = args.paths.filter((p): p is string => typeof p === 'string');
    if (paths.length > 0) views.path = paths.join(' ');
  }
  if ((tool === 'Grep' || tool === 'Glob') && typeof args.pattern === 'string') views.pattern = args.pattern;
  return views;
}
