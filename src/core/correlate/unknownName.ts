import type { ToolCall } from '../model/toolCall.js';
import { commandOf } from './callViews.js';
import { commandShape } from './normaliseLauncher.js';

/** What kind of name the agent's own tooling did not know. */
export type UnknownNameKind = 'skill' | 'tool' | 'subcommand';

export interface UnknownName {
  kind: UnknownNameKind;
  /** The name as the tooling quoted it (`commit`, `mcp__x__y`, `unlink`). */
  name: string;
  /** The call as a rule names it: the skill, the tool, or the command up to the subcommand (`bd unlink`). */
  subject: string;
}

/** Claude Code's Skill tool: `<tool_use_error>Unknown skill: commit</tool_use_error>`. */
const UNKNOWN_SKILL = /Unknown skill: ?([^\s<]+)/;
/** Claude Code's reply to a tool name it does not have (an MCP tool that is not registered). */
const NO_SUCH_TOOL = /No such tool available: ?([^\s<]+)/;
/** CLIs that name the subcommand they do not know: cobra (Go), npm, git, cargo, clap (Rust). */
const UNKNOWN_SUBCOMMAND: readonly RegExp[] = [
  /unknown command "([^"]+)" for/,
  /Unknown command: "([^"]+)"/,
  /'([^']+)' is not a [\w-]+ command/,
  /no such (?:sub)?command:? [`'"]([^`'"]+)[`'"]/,
  /unrecognized subcommand '([^']+)'/,
];

function unknownSubcommand(call: ToolCall): UnknownName | undefined {
  const words = commandShape(commandOf(call) ?? '').words;
  for (const pattern of UNKNOWN_SUBCOMMAND) {
    const name = pattern.exec(call.output)?.[1];
    const at = name === undefined ? -1 : words.indexOf(name);
    if (at > 0) return { kind: 'subcommand', name: name!, subject: words.slice(0, at + 1).join(' ') };
  }
  return undefined;
}

/** The input field holding `name` (the Skill tool's `skill`), when exactly one does. */
export function fieldNamed(input: Record<string, unknown>, name: string): string | undefined {
  const fields = Object.keys(input).filter((key) => input[key] === name);
  return fields.length === 1 ? fields[0] : undefined;
}

/** A failed call whose error says the tooling does not know the skill, tool or subcommand it was asked for. */
export function unknownNameOf(call: ToolCall): UnknownName | undefined {
  if (call.outcome !== 'failed') return undefined;
  if (call.tool === 'Bash') return unknownSubcommand(call);
  const tool = NO_SUCH_TOOL.exec(call.output)?.[1];
  if (tool !== undefined && tool === call.originalTool) return { kind: 'tool', name: tool, subject: tool };
  const skill = UNKNOWN_SKILL.exec(call.output)?.[1];
  if (skill !== undefined && fieldNamed(call.input, skill) !== undefined) return { kind: 'skill', name: skill, subject: skill };
  return undefined;
}
