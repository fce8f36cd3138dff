import { z } from 'zod';

/**
 * One line of a CodeBuddy Code session file. CodeBuddy 2.x does not write Claude Code's records: each line is
 * an item of its agent loop (SessionStore.appendHistory / transformItemForSaveAsync in the CLI bundle
 * `cli/dist/codebuddy-headless.js`, npm @tencent-ai/agent-sdk 0.3.201 = CLI 2.117.0):
 * `{id, parentId, timestamp (ms), type, role, …, cwd, sessionId}` with `type` one of `message`,
 * `function_call` (`callId`, `name`, `arguments` as a JSON string), `function_call_result` (`callId`, `name`,
 * `status` completed | incomplete, `output: {type:"text", text}`), `reasoning`, … Schemas are lenient: a field
 * of the wrong type becomes undefined, unknown types are ignored.
 */

const optionalString = z.string().optional().catch(undefined);

export const CodebuddyItemSchema = z.object({
  type: z.string(),
  sessionId: optionalString,
  cwd: optionalString,
  /** Milliseconds since the epoch (Date.now()), or an ISO string. */
  timestamp: z.union([z.number(), z.string()]).optional().catch(undefined),
});
export type CodebuddyItem = z.infer<typeof CodebuddyItemSchema>;

export const CodebuddyFunctionCallSchema = z.object({
  type: z.literal('function_call'),
  callId: z.string().min(1),
  name: z.string().min(1),
  arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).optional().catch(undefined),
});
export type CodebuddyFunctionCall = z.infer<typeof CodebuddyFunctionCallSchema>;

const OutputPartSchema = z.looseObject({ type: optionalString, text: optionalString });

export const CodebuddyFunctionResultSchema = z.object({
  type: z.enum(['function_call_result', 'function_call_output']),
  callId: z.string().min(1),
  /** `completed`, `incomplete` (an error, a rejection, an abort) or `in_progress` (a streamed partial). */
  status: optionalString,
  output: z.union([z.string(), OutputPartSchema, z.array(OutputPartSchema)]).nullable().optional().catch(undefined),
});
export type CodebuddyFunctionResult = z.infer<typeof CodebuddyFunctionResultSchema>;

/** The text of a result's output: a string, one `{type:"text"}` part, or a list of parts (non-text parts named). */
export function codebuddyOutputText(output: CodebuddyFunctionResult['output']): string {
  if (typeof output === 'string') return output;
  if (output === null || output === undefined) return '';
  const parts = Array.isArray(output) ? output : [output];
  return parts.map((part) => (typeof part.text === 'string' ? part.text : `[${part.type ?? 'part'}]`)).join('\n');
}

/** A call's arguments as an object: parsed from the JSON string CodeBuddy writes, `{}` when it is not JSON. */
export function codebuddyArguments(value: CodebuddyFunctionCall['arguments']): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'string') return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** An ISO time from the item's timestamp (milliseconds or already ISO). */
export function codebuddyTimestamp(value: CodebuddyItem['timestamp']): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
