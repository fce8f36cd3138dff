import * as path from 'node:path';
import type { ParsedSession, ParseOptions, SessionFile } from '../plugin.js';
import { utf8Bytes, type ToolCall } from '../../model/toolCall.js';
import { safeExcerpt } from '../../redact/safeSessionText.js';
import { readJsonLines } from '../../logs/readJsonLines.js';
import { describeFsError } from '../fsWalk.js';
import { LineNotes } from '../claude/boundedWarnings.js';
import { claudeToolOutcome, type ClaudeOutcome } from '../claude/claudeToolOutcome.js';
import { claudeToolCallViews, normaliseClaudeTool } from '../claude/normaliseClaudeTool.js';
import {
  codebuddyArguments,
  CodebuddyFunctionCallSchema,
  CodebuddyFunctionResultSchema,
  CodebuddyItemSchema,
  codebuddyOutputText,
  codebuddyTimestamp,
  type CodebuddyFunctionCall,
} from './codebuddyRecords.js';
import { CODEBUDDY_AGENT } from './codebuddyLocations.js';


interface PendingCall {
  item: CodebuddyFunctionCall;
  line: number;
  timestamp?: string;
  cwd?: string;
  /** Calls written one after another with nothing between came from one model response. */
  turn: string;
}

interface CallResult extends ClaudeOutcome {
  line: number;
  timestamp?: string;
  output: string;
  outputBytes: number;
}

/**
 * Reads one CodeBuddy Code session file into tool calls: each `function_call` joined to its
 * `function_call_result` by `callId`. CodeBuddy's tools are Claude Code's (Bash, Read, Edit, … with the same
 * input fields) and it answers a declined permission with Claude Code's rejection text, so the outcome and the
 * tool views are Claude's: `status: "incomplete"` plays the part of `is_error`. A call with no final result was
 * cut off (interrupted). Bad lines are counted and listed; only an unreadable file throws.
 */
export async function parseCodebuddySession(file: SessionFile, options: ParseOptions = {}): Promise<ParsedSession> {
  const session = new CodebuddySessionBuilder(file);
  try {
    for await (const item of readJsonLines(file.path, options.signal)) session.notes.take(item, (line, value) => session.read(line, value));
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw Object.assign(new Error(`Cannot read CodeBuddy Code session ${file.path}: ${describeFsError(error)}`, { cause: error }), {
      code: (error as NodeJS.ErrnoException)?.code,
      path: file.path,
    });
  }
  return session.finish();
}

class CodebuddySessionBuilder {
  private readonly calls: PendingCall[] = [];
  private readonly callIds = new Set<string>();
  private readonly results = new Map<string, CallResult>();
  readonly notes: LineNotes;
  private recordedSessionId?: string;
  private cwd?: string;
  private startedAt?: string;
  private batch = '';
  private previousWasCall = false;

  constructor(private readonly file: SessionFile) {
    this.notes = new LineNotes(file.path);
  }

  read(line: number, value: unknown): void {
    const parsed = CodebuddyItemSchema.safeParse(value);
    if (!parsed.success) {
      this.notes.skip(line, 'not a CodeBuddy Code item (no "type")');
      return;
    }
    const item = parsed.data;
    const timestamp = codebuddyTimestamp(item.timestamp);
    this.recordedSessionId ??= item.sessionId;
    this.cwd ??= item.cwd;
    this.startedAt ??= timestamp;
    if (item.type === 'function_call') {
      if (!this.previousWasCall) this.batch = `batch:${line}`;
      this.previousWasCall = true;
      this.readCall(line, value, timestamp, item.cwd);
      return;
    }
    this.previousWasCall = false;
    if (item.type === 'function_call_result' || item.type === 'function_call_output') this.readResult(line, value, timestamp);
    // message, reasoning and every other item carry no calls.
  }

  private readCall(line: number, value: unknown, timestamp: string | undefined, cwd: string | undefined): void {
    const call = CodebuddyFunctionCallSchema.safeParse(value);
    if (!call.success) {
      this.notes.skip(line, 'malformed function_call');
      return;
    }
    if (this.callIds.has(call.data.callId)) return; // a replayed item: the first one wins
    this.callIds.add(call.data.callId);
    this.calls.push({ item: call.data, line, timestamp, cwd, turn: this.batch });
  }

  private readResult(line: number, value: unknown, timestamp: string | undefined): void {
    const result = CodebuddyFunctionResultSchema.safeParse(value);
    if (!result.success) {
      this.notes.skip(line, 'malformed function_call_result');
      return;
    }
    // A streamed partial (in_progress) is not how the call ended; the first final result wins.
    if (result.data.status === 'in_progress' || this.results.has(result.data.callId)) return;
    const text = codebuddyOutputText(result.data.output);
    this.results.set(result.data.callId, {
      ...claudeToolOutcome(text, result.data.status === 'incomplete'),
      line,
      timestamp,
      output: safeExcerpt(text),
      outputBytes: utf8Bytes(text),
    });
  }

  finish(): ParsedSession {
    const sessionId = this.sessionId();
    return {
      sessionId,
      file: this.file.path,
      subagent: this.file.subagent,
      cwd: this.cwd,
      startedAt: this.startedAt,
      calls: this.calls.map((call, index) => this.toolCall(call, index, sessionId)),
      skippedLines: this.notes.skipped,
      warnings: this.notes.warnings.list(),
    };
  }

  /** Main sessions are named by their id; a subagent's file is `agent-<id>.jsonl` inside its parent's folder. */
  private sessionId(): string {
    const fromName = path.basename(this.file.path, '.jsonl');
    if (this.file.subagent) return this.file.sessionId ?? this.recordedSessionId ?? fromName;
    return this.file.sessionId ?? fromName;
  }

  private toolCall(call: PendingCall, index: number, sessionId: string): ToolCall {
    const tool = normaliseClaudeTool(call.item.name);
    const input = codebuddyArguments(call.item.arguments);
    const result = this.results.get(call.item.callId) ?? { outcome: 'interrupted' as const, line: call.line, output: '', outputBytes: 0 };
    const views = claudeToolCallViews(tool, input);
    const toolCall: ToolCall = {
      agent: CODEBUDDY_AGENT,
      sessionId,
      file: this.file.path,
      line: result.line,
      index,
      callId: call.item.callId,
      timestamp: call.timestamp ?? result.timestamp,
      tool,
      originalTool: call.item.name,
      input,
      output: result.output,
      outputBytes: result.outputBytes,
      outcome: result.outcome,
      subagent: this.file.subagent,
      turn: call.turn,
    };
    if (views.command !== undefined) toolCall.command = views.command;
    if (views.path !== undefined) toolCall.path = views.path;
    if (views.pattern !== undefined) toolCall.pattern = views.pattern;
    if (result.errorKind !== undefined) toolCall.errorKind = result.errorKind;
    if (result.exitCode !== undefined) toolCall.exitCode = result.exitCode;
    if (result.userFeedback !== undefined) toolCall.userFeedback = result.userFeedback;
    if (call.cwd !== undefined) toolCall.cwd = call.cwd;
    return toolCall;
  }
}
