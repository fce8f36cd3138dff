import { utf8Bytes, type ToolCall } from '../../model/toolCall.js';
import { safeExcerpt } from '../../redact/safeSessionText.js';
import type { SessionNotes } from '../gemini/sessionNotes.js';
import {
  chatRequestSchema,
  resultDetailsSchema,
  terminalDataSchema,
  toolInvocationSchema,
  type ChatRequest,
  type TerminalData,
  type ToolInvocation,
} from './chatSessionSchemas.js';
import { chatToolOutcome, type ChatCallResult } from './chatToolOutcome.js';
import { chatCallViews, normaliseChatTool } from './chatToolNames.js';
import { recordedPaths } from './recordedPaths.js';

export interface ChatCallContext {
  sessionId: string;
  file: string;
}

/**
 * The tool calls of a chat session, request by request, in the order of each response's parts. `lineOf(i)` is the
 * line (log) or position (whole-session file) of request i, the evidence a call points at.
 */
export function chatToolCalls(requests: readonly unknown[], lineOf: (request: number) => number, context: ChatCallContext, notes: SessionNotes): ToolCall[] {
  const calls: ToolCall[] = [];
  requests.forEach((raw, position) => {
    const line = lineOf(position);
    const request = chatRequestSchema.safeParse(raw);
    if (!request.success) {
      notes.skip(line, `request ${position + 1} is not a chat request; skipped`);
      return;
    }
    const invocations: ToolInvocation[] = [];
    for (const part of request.data.response ?? []) {
      if (!isToolInvocationPart(part)) continue;
      const parsed = toolInvocationSchema.safeParse(part);
      if (parsed.success) invocations.push(parsed.data);
      else notes.skip(line, `a tool call of request ${position + 1} has no toolId or toolCallId; skipped`);
    }
    invocations.forEach((invocation, i) => {
      const call = toToolCall(invocation, request.data, i === invocations.length - 1, { ...context, line, index: calls.length });
      calls.push(call);
    });
  });
  return calls;
}

function isToolInvocationPart(part: unknown): boolean {
  return typeof part === 'object' && part !== null && (part as { kind?: unknown }).kind === 'toolInvocationSerialized';
}

function toToolCall(
  invocation: ToolInvocation,
  request: ChatRequest,
  lastCallOfRequest: boolean,
  place: ChatCallContext & { line: number; index: number },
): ToolCall {
  const terminal = terminalDataSchema.safeParse(invocation.toolSpecificData);
  const terminalData = terminal.success ? terminal.data : undefined;
  const result = callResult(invocation, terminalData);
  const input = callInput(invocation, terminalData);
  const tool = normaliseChatTool(invocation.toolId, terminalData !== undefined, invocation.source?.type);
  const modelState = request.modelState?.value ?? (request.isCanceled ? 2 : undefined);
  const { outcome, errorKind, exitCode, userFeedback } = chatToolOutcome(invocation, result, { modelState, lastCallOfRequest });
  const call: ToolCall = {
    agent: 'vscode-chat',
    sessionId: place.sessionId,
    file: place.file,
    line: place.line,
    index: place.index,
    callId: invocation.toolCallId,
    tool,
    originalTool: invocation.toolId,
    input,
    ...chatCallViews(tool, input),
    output: safeExcerpt(result.text),
    outputBytes: utf8Bytes(result.text),
    outcome,
    subagent: false,
  };
  if (request.timestamp !== undefined) call.timestamp = new Date(request.timestamp).toISOString();
  if (errorKind !== undefined) call.errorKind = errorKind;
  if (exitCode !== undefined) call.exitCode = exitCode;
  if (userFeedback !== undefined) call.userFeedback = userFeedback;
  // The folder a terminal command ran in (a URI VS Code recorded with the call).
  const [cwd] = terminalData?.cwd === undefined ? [] : recordedPaths(terminalData.cwd);
  if (cwd !== undefined) call.cwd = cwd;
  return call;
}

/** What the session kept of the call's result: output text, the error flag, the terminal's exit code. */
function callResult(invocation: ToolInvocation, terminal: TerminalData | undefined): ChatCallResult {
  const details = resultDetailsSchema.safeParse(invocation.resultDetails);
  const parts = details.success ? (details.data.output ?? []) : [];
  const outputText = parts.map((part) => (typeof part.value === 'string' ? part.value : '')).filter((text) => text !== '').join('\n');
  const terminalText = terminal?.terminalCommandOutput?.text ?? '';
  const exitCode = terminal?.terminalCommandState?.exitCode;
  const result: ChatCallResult = {
    text: outputText !== '' ? outputText : terminalText,
    isError: details.success && details.data.isError === true,
    hasResult: (invocation.resultDetails !== undefined && invocation.resultDetails !== null) || exitCode !== undefined,
  };
  if (exitCode !== undefined) result.exitCode = exitCode;
  return result;
}

/** The call's input: the command a terminal ran (as the user or tool last edited it), else the recorded JSON input. */
function callInput(invocation: ToolInvocation, terminal: TerminalData | undefined): Record<string, unknown> {
  if (terminal) {
    const line = terminal.commandLine;
    const command = line?.userEdited ?? line?.toolEdited ?? line?.original ?? terminal.command;
    return command === undefined ? {} : { command };
  }
  const details = resultDetailsSchema.safeParse(invocation.resultDetails);
  if (details.success && details.data.input !== undefined) {
    try {
      const value: unknown = JSON.parse(details.data.input);
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { input: value };
    } catch {
      return { input: details.data.input };
    }
  }
  const data = invocation.toolSpecificData as { kind?: unknown; rawInput?: unknown } | undefined;
  if (data?.kind === 'input' && typeof data.rawInput === 'object' && data.rawInput !== null) return data.rawInput as Record<string, unknown>;
  return {};
}
