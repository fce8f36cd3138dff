import { z } from 'zod';
import type { ErrorKind, NormalisedTool, Outcome, ToolCall } from './toolCall.js';

// zod forms of toolCall.ts, for ToolCalls read back from a file headroom wrote (the scan cache). The `satisfies`
// lists fail to compile when a union in toolCall.ts gains a member that is missing here.

const OUTCOMES = ['ok', 'failed', 'rejected', 'interrupted'] as const satisfies readonly Outcome[];
const ERROR_KINDS = [
  'file_not_found',
  'module_not_found',
  'command_not_found',
  'permission_denied',
  'file_too_large',
  'is_directory',
  'no_matches',
  'syntax_error',
  'timeout',
  'exit_code',
  'tool_validation',
  'edit_mismatch',
  'other',
] as const satisfies readonly ErrorKind[];
const TOOLS = [
  'Bash', 'Read', 'Write', 'Edit', 'Glob', 'Grep', 'LS', 'WebFetch', 'WebSearch', 'Task', 'Todo', 'Plan', 'AskUser', 'Mcp', 'Other',
] as const satisfies readonly NormalisedTool[];

export const outcomeSchema = z.enum(OUTCOMES);
export const errorKindSchema = z.enum(ERROR_KINDS);
export const normalisedToolSchema = z.enum(TOOLS);

/** A JSON object: a call's arguments. */
export const inputSchema = z.record(z.string(), z.unknown());

export const toolCallSchema = z.object({
  agent: z.string(),
  sessionId: z.string(),
  file: z.string(),
  line: z.number().int(),
  index: z.number().int(),
  callId: z.string(),
  timestamp: z.string().optional(),
  tool: normalisedToolSchema,
  originalTool: z.string(),
  input: inputSchema,
  command: z.string().optional(),
  path: z.string().optional(),
  pattern: z.string().optional(),
  output: z.string(),
  outputBytes: z.number().int().nonnegative(),
  outcome: outcomeSchema,
  errorKind: errorKindSchema.optional(),
  exitCode: z.number().optional(),
  userFeedback: z.string().optional(),
  subagent: z.boolean(),
  cwd: z.string().optional(),
  turn: z.string().optional(),
}) satisfies z.ZodType<ToolCall>;
