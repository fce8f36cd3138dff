import {
  customToolCallSchema,
  functionCallSchema,
  localShellCallSchema,
  messageSchema,
  toolOutputSchema,
  webSearchCallSchema,
} from './codexRecords.js';
import type { CodexSessionBuilder } from './codexSessionBuilder.js';
import { describeCodexCall, describeWebSearch } from './describeCodexCall.js';
import type { ResolvedOutcome } from './resolveCodexOutcome.js';

export type ItemVerdict = 'used' | 'ignored' | { invalid: string };

const TOOL_ITEM_TYPES = new Set([
  'function_call',
  'custom_tool_call',
  'local_shell_call',
  'web_search_call',
  'function_call_output',
  'custom_tool_call_output',
]);

/**
 * Feeds one Responses API item (a `response_item` payload, a bare item of a
 * headerless file, or an entry of a legacy document's `items`) to the builder.
 * Items that are not tool calls or outputs are ignored; a tool item missing the
 * fields it needs is reported as invalid.
 */
export function readResponseItem(
  builder: CodexSessionBuilder,
  item: unknown,
  line: number,
  timestamp: string | undefined,
  cwd: string | undefined,
): ItemVerdict {
  const type = (item as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !TOOL_ITEM_TYPES.has(type)) return 'ignored';
  switch (type) {
    case 'function_call': {
      const parsed = functionCallSchema.safeParse(item);
      if (!parsed.success) return { invalid: 'function_call without name or call_id' };
      const { name, arguments: args, namespace, call_id } = parsed.data;
      builder.addCall(call_id, line, describeCodexCall({ kind: 'function', name, arguments: args, namespace }), timestamp, cwd);
      return 'used';
    }
    case 'custom_tool_call': {
      const parsed = customToolCallSchema.safeParse(item);
      if (!parsed.success) return { invalid: 'custom_tool_call without name, input or call_id' };
      const { name, input, call_id } = parsed.data;
      builder.addCall(call_id, line, describeCodexCall({ kind: 'custom', name, input }), timestamp, cwd);
      return 'used';
    }
    case 'local_shell_call': {
      const parsed = localShellCallSchema.safeParse(item);
      const callId = parsed.success ? (parsed.data.call_id ?? parsed.data.id) : undefined;
      if (!parsed.success || !callId) return { invalid: 'local_shell_call without command or call_id' };
      const { action } = parsed.data;
      const raw = {
        kind: 'local_shell' as const,
        command: action.command,
        workdir: action.workdir ?? action.working_directory ?? undefined,
        timeoutMs: action.timeout_ms ?? undefined,
      };
      builder.addCall(callId, line, describeCodexCall(raw), timestamp, cwd);
      return 'used';
    }
    case 'web_search_call': {
      const parsed = webSearchCallSchema.safeParse(item);
      if (!parsed.success) return { invalid: 'web_search_call that is not an object' };
      const { status, action } = parsed.data;
      // No call id is written for it: the item's position names it.
      builder.addCompleteCall(`web_search_call:${line}`, line, describeWebSearch(action), webSearchOutcome(status), timestamp, cwd);
      return 'used';
    }
    default: {
      const parsed = toolOutputSchema.safeParse(item);
      if (!parsed.success) return { invalid: `${type} without call_id` };
      builder.addOutput(parsed.data.call_id, line, parsed.data.output);
      return 'used';
    }
  }
}

/** The `<cwd>` of an `<environment_context>` user message (older files' only record of the cwd). */
export function environmentContextCwd(item: unknown): string | undefined {
  const parsed = messageSchema.safeParse(item);
  if (!parsed.success || parsed.data.role !== 'user') return undefined;
  for (const part of parsed.data.content ?? []) {
    const cwd = part.text === undefined ? undefined : cwdInEnvironmentContext(part.text);
    if (cwd) return cwd;
  }
  return undefined;
}

export function cwdInEnvironmentContext(text: string): string | undefined {
  if (!text.includes('<environment_context>')) return undefined;
  const match = /<cwd>([^<]*)<\/cwd>/.exec(text);
  const cwd = match?.[1].trim();
  return cwd ? cwd : undefined;
}

/** A web search's own status decides: `failed` failed, `incomplete` was cut off, anything else (completed) is ok. */
function webSearchOutcome(status: string | undefined): ResolvedOutcome {
  if (status === 'failed') return { outcome: 'failed', errorKind: 'other' };
  if (status === 'incomplete') return { outcome: 'interrupted' };
  return { outcome: 'ok' };
}
