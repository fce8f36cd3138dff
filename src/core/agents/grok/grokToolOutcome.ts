import type { ErrorKind, Outcome } from '../../model/toolCall.js';
import { classifyError } from '../../logs/classifyError.js';

export interface GrokOutcome {
  outcome: Outcome;
  errorKind?: ErrorKind;
}

/**
 * Texts Grok Build writes into a `failed` tool call it did not run (grok-build xai-grok-shell
 * session/acp_session_impl/tool_calls.rs, `handle_tool_not_executed` after the permission decision):
 * - Decision::Reject: "<reason> for tool `<name>`" (a subagent's adds ". Continue with the tools …");
 * - Decision::FollowupMessage: "The user elected to avoid running the <name> tool. …";
 * - Decision::Cancelled: "User cancelled the execution for tool `<name>`";
 * - Decision::TimedOut: "Permission request timed out; tool `<name>` was not executed";
 * - the other calls of a batch after one of those: "Tool execution cancelled due to earlier …";
 * - Decision::PolicyDeny: "Tool `<name>` was not executed: <reason>".
 */
const INTERRUPTED = [/^Tool execution cancelled\b/, /^User cancelled the execution for tool `/, /^Permission request timed out; tool `/];
const USER_DECLINED = [/^The user elected to avoid running the .+ tool\./];
const REJECTED_FOR_TOOL = /^[^\n]*\bfor tool `[^`\n]+`(?:\.|$)/;
const POLICY_DENIED = /^Tool `[^`\n]+` was not executed: /;

/** A call's outcome from its final ACP status (`completed` / `failed`) and, for a failure, Grok's own wording. */
export function grokToolOutcome(status: string, text: string): GrokOutcome {
  if (status === 'completed') return { outcome: 'ok' };
  const trimmed = text.trim();
  if (INTERRUPTED.some((pattern) => pattern.test(trimmed))) return { outcome: 'interrupted' };
  if (USER_DECLINED.some((pattern) => pattern.test(trimmed))) return { outcome: 'rejected' };
  if (POLICY_DENIED.test(trimmed)) return { outcome: 'failed', errorKind: 'permission_denied' };
  if (REJECTED_FOR_TOOL.test(trimmed)) return { outcome: 'rejected' };
  return { outcome: 'failed', errorKind: classifyError(trimmed) };
}
