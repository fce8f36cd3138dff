import type { NormalisedTool } from '../../model/toolCall.js';
import { readCodeModeScript } from './codeModeScript.js';
import { patchFiles } from './patchFiles.js';
import { shellCommandText } from './shellCommandText.js';

/**
 * How a call's result is read (see resolveCodexOutcome.ts):
 * - shell: runs a command; its output must carry an exit code (or a running process);
 * - continuation: write_stdin / code-mode wait, polling a process another call started;
 * - patch: apply_patch;
 * - code_mode: a code-mode `exec` script;
 * - mcp: a tool of an MCP server;
 * - other: anything else (update_plan, view_image, …).
 */
export type CallFamily = 'shell' | 'continuation' | 'patch' | 'code_mode' | 'mcp' | 'other';

export interface DescribedCall {
  tool: NormalisedTool;
  originalTool: string;
  family: CallFamily;
  input: Record<string, unknown>;
  command?: string;
  path?: string;
  pattern?: string;
  /** continuation: the process or cell it polls (`session:<id>` / `cell:<id>`). */
  continues?: string;
  /** code_mode: commands in the script, and whether it can be tied to one exit code. */
  scriptCommandCalls?: number;
}

export type RawCall =
  | { kind: 'function'; name: string; arguments?: string; namespace?: string }
  | { kind: 'custom'; name: string; input: string }
  | { kind: 'local_shell'; command: string[]; workdir?: string; timeoutMs?: number };

/** Tool name → normalised tool and family, for function tools with fixed meanings. */
const FUNCTION_TOOLS: Record<string, { tool: NormalisedTool; family: CallFamily }> = {
  shell: { tool: 'Bash', family: 'shell' },
  'container.exec': { tool: 'Bash', family: 'shell' },
  shell_command: { tool: 'Bash', family: 'shell' },
  exec_command: { tool: 'Bash', family: 'shell' },
  write_stdin: { tool: 'Bash', family: 'continuation' },
  apply_patch: { tool: 'Edit', family: 'patch' },
  update_plan: { tool: 'Plan', family: 'other' },
  view_image: { tool: 'Read', family: 'other' },
  read_file: { tool: 'Read', family: 'other' },
  list_dir: { tool: 'LS', family: 'other' },
  grep_files: { tool: 'Grep', family: 'other' },
  web_search: { tool: 'WebSearch', family: 'other' },
  spawn_agent: { tool: 'Task', family: 'other' },
  request_user_input: { tool: 'AskUser', family: 'other' },
};

export function describeCodexCall(raw: RawCall): DescribedCall {
  if (raw.kind === 'local_shell') {
    const input: Record<string, unknown> = { command: raw.command };
    if (raw.workdir) input.workdir = raw.workdir;
    if (raw.timeoutMs !== undefined) input.timeout_ms = raw.timeoutMs;
    return { tool: 'Bash', originalTool: 'local_shell_call', family: 'shell', input, command: shellCommandText(raw.command) };
  }
  if (raw.kind === 'custom') return describeCustomCall(raw.name, raw.input);
  return describeFunctionCall(raw.name, parseArguments(raw.arguments), raw.namespace);
}

function describeFunctionCall(name: string, input: Record<string, unknown>, namespace: string | undefined): DescribedCall {
  const originalTool = namespace ? `${namespace}.${name}` : name;
  if (isMcpTool(name, namespace)) return { tool: 'Mcp', originalTool, family: 'mcp', input };
  if (name === 'wait' && input.cell_id !== undefined) {
    return { tool: 'Bash', originalTool, family: 'continuation', input, continues: `cell:${String(input.cell_id)}` };
  }
  const known = FUNCTION_TOOLS[name];
  if (!known) return { tool: 'Other', originalTool, family: 'other', input };
  const described: DescribedCall = { ...known, originalTool, input };
  switch (name) {
    case 'shell':
    case 'container.exec':
      if (Array.isArray(input.command)) described.command = shellCommandText(input.command.map(String));
      else if (typeof input.command === 'string') described.command = input.command;
      break;
    case 'shell_command':
      if (typeof input.command === 'string') described.command = input.command;
      break;
    case 'exec_command':
      if (typeof input.cmd === 'string') described.command = input.cmd;
      break;
    case 'write_stdin':
      if (input.session_id !== undefined) described.continues = `session:${String(input.session_id)}`;
      break;
    case 'apply_patch':
      if (typeof input.input === 'string') described.path = patchFiles(input.input)[0];
      break;
    case 'view_image':
    case 'read_file':
    case 'list_dir':
      described.path = stringField(input, 'path', 'file_path', 'dir_path');
      break;
    case 'grep_files':
      described.pattern = stringField(input, 'pattern');
      described.path = stringField(input, 'path');
      break;
  }
  return described;
}

function describeCustomCall(name: string, source: string): DescribedCall {
  const input = { input: source };
  if (name === 'apply_patch') return { tool: 'Edit', originalTool: name, family: 'patch', input, path: patchFiles(source)[0] };
  if (name !== 'exec') return { tool: 'Other', originalTool: name, family: 'other', input };
  const script = readCodeModeScript(source);
  if (script.commandCalls > 0) {
    return {
      tool: 'Bash',
      originalTool: name,
      family: 'code_mode',
      input,
      command: script.commands.length > 0 ? script.commands.join('\n') : undefined,
      scriptCommandCalls: script.commandCalls,
    };
  }
  if (script.callsApplyPatch) return { tool: 'Edit', originalTool: name, family: 'code_mode', input, path: script.patchedFiles[0], scriptCommandCalls: 0 };
  return { tool: 'Other', originalTool: name, family: 'code_mode', input, scriptCommandCalls: 0 };
}

/** MCP tools: a `namespace` starting with `mcp__`, or the `<server>__<tool>` / `mcp__<server>__<tool>` name forms. */
function isMcpTool(name: string, namespace: string | undefined): boolean {
  if (namespace !== undefined) return namespace.startsWith('mcp__') || namespace.startsWith('mcp.') || namespace === 'mcp';
  return name.startsWith('mcp__') || /^[A-Za-z0-9_-]+__[A-Za-z0-9_-]+$/.test(name);
}

/** `arguments` is a JSON string; one that is not valid JSON is kept as `{raw}`. */
function parseArguments(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    return { value };
  } catch {
    return { raw: text };
  }
}

function stringField(input: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = input[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** A `web_search_call` item: a WebSearch whose input is its action (the query, or the page it opened or searched). */
export function describeWebSearch(action: Record<string, unknown> | undefined): DescribedCall {
  return { tool: 'WebSearch', originalTool: 'web_search_call', family: 'other', input: action ?? {} };
}
