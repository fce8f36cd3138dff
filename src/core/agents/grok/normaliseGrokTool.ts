import type { NormalisedTool } from '../../model/toolCall.js';

/**
 * Grok Build's tool names (its own toolset and the Claude-compatible one, as named in grok-build's
 * tool_calls.rs and tools crates), mapped to the shared names. A name not listed falls back to the call's
 * ACP `kind` (agent-client-protocol ToolKind).
 */
const GROK_TOOLS: Readonly<Record<string, NormalisedTool>> = {
  run_terminal_cmd: 'Bash',
  run_command: 'Bash',
  bash: 'Bash',
  Bash: 'Bash',
  read_file: 'Read',
  Read: 'Read',
  write: 'Write',
  write_file: 'Write',
  Write: 'Write',
  edit_file: 'Edit',
  search_replace: 'Edit',
  StrReplace: 'Edit',
  Edit: 'Edit',
  apply_patch: 'Edit',
  grep: 'Grep',
  grep_search: 'Grep',
  Grep: 'Grep',
  glob: 'Glob',
  file_search: 'Glob',
  Glob: 'Glob',
  list_dir: 'LS',
  web_search: 'WebSearch',
  web_fetch: 'WebFetch',
  todo_write: 'Todo',
};

const KINDS: Readonly<Record<string, NormalisedTool>> = {
  execute: 'Bash',
  read: 'Read',
  edit: 'Edit',
  search: 'Grep',
  fetch: 'WebFetch',
};

export function normaliseGrokTool(name: string | undefined, kind: string | undefined): NormalisedTool {
  if (name !== undefined && name.startsWith('mcp__')) return 'Mcp';
  if (name !== undefined && Object.hasOwn(GROK_TOOLS, name)) return GROK_TOOLS[name];
  return kind !== undefined && Object.hasOwn(KINDS, kind) ? KINDS[kind] : 'Other';
}

/** The command, path and pattern of a call, from the input fields Grok's tools use. */
export function grokToolCallViews(tool: NormalisedTool, input: Record<string, unknown>): { command?: string; path?: string; pattern?: string } {
  const first = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = input[key];
      if (typeof value === 'string' && value !== '') return value;
    }
    return undefined;
  };
  switch (tool) {
    case 'Bash':
      return { command: first('command', 'cmd') };
    case 'Read':
    case 'Write':
    case 'Edit':
    case 'LS':
      return { path: first('file_path', 'target_file', 'filePath', 'path', 'absolute_path', 'dir_path') };
    case 'Grep':
    case 'Glob':
      return { path: first('path', 'dir_path', 'target_directory'), pattern: first('pattern', 'query', 'glob_pattern', 'regex') };
    default:
      return {};
  }
}
