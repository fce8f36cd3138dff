import type { ToolCall } from '../model/toolCall.js';
import { safeExcerpt, safeSessionText } from '../redact/safeSessionText.js';

/** The call's own string fields read from the log (its `file`, `agent` and `tool` are headroom's). */
const SESSION_STRINGS = ['sessionId', 'callId', 'timestamp', 'originalTool', 'command', 'path', 'pattern', 'userFeedback', 'cwd', 'turn'] as const;

/**
 * A parsed call with every string that came from the session made safe (safeSessionText): its input (every
 * string inside it), the convenience views, the output, the user's words and the working directory. Applied
 * to every call of every agent plugin, built-in or registered by another extension, right after parsing, so
 * nothing downstream (findings, evidence, rules, the terminal, --json, the review, prompts) sees raw session
 * text. The output stays a bounded excerpt. Idempotent: the built-in parsers already excerpt safely.
 */
export function safeToolCall(call: ToolCall): ToolCall {
  const safe: ToolCall = { ...call, input: safeValue(call.input) as Record<string, unknown>, output: safeExcerpt(call.output) };
  for (const key of SESSION_STRINGS) {
    const value = call[key];
    if (value !== undefined) safe[key] = safeSessionText(value);
  }
  return safe;
}

function safeValue(value: unknown): unknown {
  if (typeof value === 'string') return safeSessionText(value);
  if (Array.isArray(value)) return value.map(safeValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [safeSessionText(key), safeValue(inner)]));
  }
  return value;
}
