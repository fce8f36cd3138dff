import type { NormalisedTool } from '../../model/toolCall.js';

/**
 * VS Code records a tool by the id it was registered with: Copilot's built-in tools under their contributed names
 * (`copilot_readFile`, `copilot_findTextInFiles`, …) or their model-facing names (`read_file`, `grep_search`, …),
 * see ToolName and ContributedToolName in microsoft/vscode-copilot-chat src/extension/tools/common/toolNames.ts;
 * VS Code's own tools (`run_in_terminal`, `runSubagent`, `manage_todo_list`); MCP and extension tools under theirs.
 * Keys here are the ids lower-cased with `copilot_`, `_` and `-` removed, so both spellings meet.
 */
const TOOL_NAMES: Readonly<Record<string, NormalisedTool>> = {
  runinterminal: 'Bash',
  readfile: 'Read',
  createfile: 'Write',
  createdirectory: 'Write',
  replacestring: 'Edit',
  replacestringinfile: 'Edit',
  multireplacestring: 'Edit',
  multireplacestringinfile: 'Edit',
  insertedit: 'Edit',
  inserteditintofile: 'Edit',
  editfile: 'Edit',
  editfiles: 'Edit',
  applypatch: 'Edit',
  findfiles: 'Glob',
  filesearch: 'Glob',
  findtextinfiles: 'Grep',
  grepsearch: 'Grep',
  searchcodebase: 'Grep',
  semanticsearch: 'Grep',
  listdirectory: 'LS',
  listdir: 'LS',
  fetchwebpage: 'WebFetch',
  fetch: 'WebFetch',
  managetodolist: 'Todo',
  runsubagent: 'Task',
};

function toolKey(toolId: string): string {
  return toolId.toLowerCase().replace(/^copilot_/, '').replace(/[_-]/g, '');
}

/** The normalised tool of one call: a terminal call is Bash whatever its id; an MCP server's tool is Mcp. */
export function normaliseChatTool(toolId: string, isTerminal: boolean, sourceType: string | undefined): NormalisedTool {
  if (isTerminal) return 'Bash';
  const known = TOOL_NAMES[toolKey(toolId)];
  if (known) return known;
  return sourceType === 'mcp' ? 'Mcp' : 'Other';
}

const PATH_ARGS = ['filePath', 'file_path', 'path', 'dirPath', 'uri'] as const;
const PATTERN_ARGS = ['query', 'pattern', 'includePattern'] as const;

export interface ChatCallViews {
  command?: string;
  path?: string;
  pattern?: string;
}

/** The convenience views of a call's input: shell command, path, search pattern. */
export function chatCallViews(tool: NormalisedTool, input: Record<string, unknown>): ChatCallViews {
  const views: ChatCallViews = {};
  if (tool === 'Bash' && typeof input.command === 'string') views.command = input.command;
  const pathArg = PATH_ARGS.find((key) => typeof input[key] === 'string');
  if (pathArg) views.path = input[pathArg] as string;
  if (tool === 'Grep' || tool === 'Glob') {
    const patternArg = PATTERN_ARGS.find((key) => typeof input[key] === 'string');
    if (patternArg) views.pattern = input[patternArg] as string;
  }
  return views;
}
