import type { NormalisedTool } from '../../model/toolCall.js';

/**
 * The tools of Cline and Roo Code, by their own names → normalised tool. Names read in cline/cline
 * src/shared/tools.ts (ClineDefaultTool) and RooCodeInc/Roo-Code packages/types/src/tool.ts (toolNames).
 */
const CLINE_FAMILY_TOOLS: Readonly<Record<string, NormalisedTool>> = {
  execute_command: 'Bash',
  read_file: 'Read',
  write_to_file: 'Write',
  new_rule: 'Write',
  replace_in_file: 'Edit',
  apply_diff: 'Edit',
  apply_patch: 'Edit',
  edit: 'Edit',
  edit_file: 'Edit',
  search_replace: 'Edit',
  search_and_replace: 'Edit',
  insert_content: 'Edit',
  list_files: 'LS',
  search_files: 'Grep',
  codebase_search: 'Grep',
  list_code_definition_names: 'Other',
  browser_action: 'Other',
  use_mcp_tool: 'Mcp',
  access_mcp_resource: 'Mcp',
  load_mcp_documentation: 'Mcp',
  ask_followup_question: 'AskUser',
  attempt_completion: 'Other',
  plan_mode_respond: 'Plan',
  act_mode_respond: 'Other',
  search_subagent: 'Task',
  generate_explanation: 'Other',
  new_task: 'Task',
  switch_mode: 'Other',
  update_todo_list: 'Todo',
  focus_chain: 'Todo',
  web_fetch: 'WebFetch',
  web_search: 'WebSearch',
  fetch_instructions: 'Other',
  condense: 'Other',
  summarize_task: 'Other',
  report_bug: 'Other',
  run_slash_command: 'Other',
  generate_image: 'Other',
};

/** The tool names a Cline-era assistant message may hold as XML tags (`<read_file><path>…</path></read_file>`). */
export const CLINE_FAMILY_TOOL_NAMES: readonly string[] = Object.keys(CLINE_FAMILY_TOOLS);

export function normaliseClineTool(name: string): NormalisedTool {
  const known = CLINE_FAMILY_TOOLS[name];
  if (known) return known;
  return name.startsWith('mcp_') || name.includes('__') ? 'Mcp' : 'Other';
}

export interface ClineCallViews {
  command?: string;
  path?: string;
  pattern?: string;
}

/** The convenience views of a call's parameters: the shell command, the path, the search pattern. */
export function clineCallViews(tool: NormalisedTool, input: Record<string, unknown>): ClineCallViews {
  const views: ClineCallViews = {};
  if (tool === 'Bash' && typeof input.command === 'string') views.command = input.command;
  const filePath = typeof input.path === 'string' ? input.path : (firstFilePath(input.files) ?? firstXmlArgsPath(input.args));
  if (filePath !== undefined) views.path = filePath;
  if (tool === 'Grep') {
    const pattern = typeof input.regex === 'string' ? input.regex : typeof input.query === 'string' ? input.query : undefined;
    if (pattern !== undefined) views.pattern = pattern;
  }
  return views;
}

/** Roo Code's multi-file read_file, native: `files: [{ path }]`. */
function firstFilePath(files: unknown): string | undefined {
  if (Array.isArray(files)) {
    const first = files.find((f): f is { path: string } => typeof f === 'object' && f !== null && typeof (f as { path?: unknown }).path === 'string');
    return first?.path;
  }
  return undefined;
}

/** Roo Code's multi-file read_file, XML era: `<args><file><path>…</path></file></args>` (the `args` parameter's text). */
function firstXmlArgsPath(args: unknown): string | undefined {
  if (typeof args !== 'string') return undefined;
  return /<path>\s*([\s\S]*?)\s*<\/path>/.exec(args)?.[1];
}
