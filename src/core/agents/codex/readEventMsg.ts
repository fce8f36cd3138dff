import { execCommandEndSchema, eventTypeSchema, mcpToolCallEndSchema, patchApplyEndSchema } from './codexRecords.js';
import type { CodexSessionBuilder } from './codexSessionBuilder.js';

/**
 * Feeds the `event_msg` records that carry a call's outcome to the builder:
 * exec_command_end, patch_apply_end, mcp_tool_call_end and turn_aborted. Every
 * other event (token counts, agent messages, …) is ignored.
 */
export function readEventMsg(builder: CodexSessionBuilder, payload: unknown, line: number): 'used' | 'ignored' | { invalid: string } {
  const typed = eventTypeSchema.safeParse(payload);
  if (!typed.success) return { invalid: 'event_msg without a type' };
  switch (typed.data.type) {
    case 'exec_command_end': {
      const parsed = execCommandEndSchema.safeParse(payload);
      if (!parsed.success) return { invalid: 'exec_command_end without call_id or exit_code' };
      const { call_id, exit_code, status, aggregated_output, stderr } = parsed.data;
      builder.addExecEnd(call_id, line, exit_code, status, aggregated_output ?? stderr);
      return 'used';
    }
    case 'patch_apply_end': {
      const parsed = patchApplyEndSchema.safeParse(payload);
      if (!parsed.success) return { invalid: 'patch_apply_end without call_id or success' };
      builder.addPatchEnd(parsed.data.call_id, line, parsed.data.success, parsed.data.stderr);
      return 'used';
    }
    case 'mcp_tool_call_end': {
      const parsed = mcpToolCallEndSchema.safeParse(payload);
      if (!parsed.success) return { invalid: 'mcp_tool_call_end without call_id' };
      const { failed, text } = mcpResult(parsed.data.result);
      builder.addMcpEnd(parsed.data.call_id, line, failed, text);
      return 'used';
    }
    case 'turn_aborted':
      builder.abortPendingCalls();
      return 'used';
    default:
      return 'ignored';
  }
}

/** `{"Ok": {content, isError}}` or `{"Err": "…"}` (Rust's Result, serialised). */
function mcpResult(result: unknown): { failed: boolean; text: string } {
  if (result && typeof result === 'object') {
    const { Ok, Err } = result as { Ok?: unknown; Err?: unknown };
    if (Err !== undefined) return { failed: true, text: typeof Err === 'string' ? Err : JSON.stringify(Err) };
    if (Ok && typeof Ok === 'object') {
      const ok = Ok as { isError?: unknown; is_error?: unknown; content?: unknown };
      const text = Array.isArray(ok.content)
        ? ok.content.map((part) => (typeof (part as { text?: unknown })?.text === 'string' ? (part as { text: string }).text : '')).join('\n')
        : '';
      return { failed: ok.isError === true || ok.is_error === true, text };
    }
  }
  return { failed: false, text: '' };
}
