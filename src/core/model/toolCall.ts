/**
 * The unit every scanner produces: one tool call an agent made, with how it ended.
 * Everything downstream (correlation, analysis, writing) works on this shape only.
 */

export type Outcome = 'ok' | 'failed' | 'rejected' | 'interrupted';

export type ErrorKind =
  | 'file_not_found'
  | 'module_not_found'
  | 'command_not_found'
  | 'permission_denied'
  | 'file_too_large'
  | 'is_directory'
  | 'no_matches'
  | 'syntax_error'
  | 'timeout'
  | 'exit_code'
  | 'tool_validation'
  | 'edit_mismatch'
  | 'other';

/** Tool names after normalisation; the agent's own name is kept in `originalTool`. */
export type NormalisedTool =
  | 'Bash'
  | 'Read'
  | 'Write'
  | 'Edit'
  | 'Glob'
  | 'Grep'
  | 'LS'
  | 'WebFetch'
  | 'WebSearch'
  | 'Task'
  | 'Todo'
  | 'Plan'
  | 'AskUser'
  | 'Mcp'
  | 'Other';

/** Longest output excerpt kept per call; the full size is kept in `outputBytes`. */
export const OUTPUT_EXCERPT_CHARS = 2000;

export interface ToolCall {
  agent: string;
  sessionId: string;
  /** Absolute path of the session log file. */
  file: string;
  /**
   * 1-based line, in a JSONL file, of the record that holds the call's result
   * (Claude's tool_result, Codex's *_output item, Gemini's message). For a
   * single-document JSON session: the 1-based position of the message (or item) in its array.
   */
  line: number;
  /** 0-based position of the call within its session (in order of the calls). */
  index: number;
  /** The agent's own id for the call (tool_use id, call_id, Gemini toolCall id). */
  callId: string;
  timestamp?: string;
  tool: NormalisedTool;
  originalTool: string;
  /** The call's arguments as the agent sent them (object form). */
  input: Record<string, unknown>;
  /** Convenience views of `input`, filled when the tool has one. */
  command?: string;
  path?: string;
  pattern?: string;
  /** Bounded excerpt of the result text (at most OUTPUT_EXCERPT_CHARS). */
  output: string;
  /** Size in bytes (UTF-8) of the whole result text. */
  outputBytes: number;
  outcome: Outcome;
  errorKind?: ErrorKind;
  exitCode?: number;
  /** The user's own words when they rejected the call with feedback. */
  userFeedback?: string;
  /** True when the call was made by a subagent (sidechain) rather than the main session. */
  subagent: boolean;
  /** Working directory of the session when the call was made, when the log records it. */
  cwd?: string;
  /**
   * Calls the agent issued together (one assistant message, or one Codex batch before any output) share
   * this id: none of them saw another's result, so they are one attempt, and none can be the fix of another.
   */
  turn?: string;
}

/** Output kept for calls that succeeded: enough to tell an empty search from a match. */
export const OK_OUTPUT_EXCERPT_CHARS = 400;

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
