import type { NormalisedTool } from '../../model/toolCall.js';

/** Claude Code's own tool names (log-formats.md §1.6), mapped to the shared names. */
const CLAUDE_TOOLS: Readonly<Record<string, NormalisedTool>> = {
  Bash: 'Bash',
  Read: 'Read',
  Write: 'Write',
  Edit: 'Edit',
  MultiEdit: 'Edit',
  NotebookEdit: 'Edit',
  Glob: 'Glob',
  Grep: 'Grep',
  LS: 'LS',
  WebFetch: 'WebFetch',
  WebSearch: 'WebSearch',
  Task: 'Task',
  Agent: 'Task',
  TodoWrite: 'Todo',
  ExitPlanMode: 'Plan',
  EnterPlanMode: 'Plan',
  AskUserQuestion: 'AskUser',
};

export function normaliseClaudeTool(name: string): NormalisedTool {
  if (name.startsWith('mcp__')) return 'Mcp';
  return Object.hasOwn(CLAUDE_TOOLS, name) ? CLAUDE_TOOLS[name] : 'Other';
}

export interface ToolCallViews {
  command?: string;
  path?: string;
  pattern?: string;
}

/** The command, path and pattern of a call, read from the input fields Claude's tools use. */
export function claudeToolCallViews(tool: NormalisedTool, input: Record<string, unknown>): ToolCallViews {
  const text = (key: string): string | undefined => {
    const value = input[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  switch (tool) {
    case 'Bash':
      return { command: text('command') };
    case 'Read':
    case 'Write':
    case 'Edit':
      return { path: text('file_path') ?? text('notebook_path') };
    case 'Glob':
    case 'Grep':
      return { path: text('path'), pattern: text('pattern') };
    case 'LS':
      return { path: text('path') };
    default:
      return {};
  }
}
