import * as path from 'node:path';
import type { ParsedSession, ParseOptions, SessionFile } from '../plugin.js';
import { utf8Bytes, type ToolCall } from '../../model/toolCall.js';
import { safeExcerpt } from '../../redact/safeSessionText.js';
import { readJsonLines } from '../../logs/readJsonLines.js';
import { describeFsError } from '../fsWalk.js';
import { LineNotes, SKIPPED_LINE_REASONS } from '../claude/boundedWarnings.js';
import { GROK_AGENT } from './grokLocations.js';
import { grokContentText, grokToolName, promptIndexOf, readGrokLine, type GrokUpdate } from './grokRecords.js';
import { grokToolOutcome, type GrokOutcome } from './grokToolOutcome.js';
import { grokToolCallViews, normaliseGrokTool } from './normaliseGrokTool.js';

const SKIP_REASONS = { ...SKIPPED_LINE_REASONS, truncated: 'truncated last line (Grok heals a torn append on its next write)' };

interface GrokCallState {
  id: string;
  line: number;
  timestamp?: string;
  promptIndex: number;
  name?: string;
  title?: string;
  kind?: string;
  input: Record<string, unknown>;
  /** The latest `content` text: each update's content replaces the last (ACP update semantics). */
  text: string;
  end?: GrokOutcome & { line: number; timestamp?: string };
}

/**
 * Reads one Grok Build `updates.jsonl` into tool calls by replaying it: a `tool_call` opens a call,
 * `tool_call_update`s fill it in, and its first update with status `completed` or `failed` ends it. A
 * `rewind_marker` (target_prompt_index N) drops every call of turn N and later: Grok never truncates the file,
 * the rewound turns stay in it. A call that never ended was cut off (interrupted). Bad lines are counted and
 * listed; only an unreadable file throws.
 */
export async function parseGrokSession(file: SessionFile, options: ParseOptions = {}): Promise<ParsedSession> {
  const replay = new GrokReplay(file);
  try {
    for await (const item of readJsonLines(file.path, options.signal)) replay.notes.take(item, (line, value) => replay.read(line, value));
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw Object.assign(new Error(`Cannot read Grok session ${file.path}: ${describeFsError(error)}`, { cause: error }), {
      code: (error as NodeJS.ErrnoException)?.code,
      path: file.path,
    });
  }
  return replay.finish();
}

class GrokReplay {
  private calls: GrokCallState[] = [];
  private readonly byId = new Map<string, GrokCallState>();
  readonly notes: LineNotes;
  private promptIndex = -1;
  private previousWasUser = false;
  private startedAt?: string;
  private recordedSessionId?: string;

  constructor(private readonly file: SessionFile) {
    this.notes = new LineNotes(file.path, SKIP_REASONS);
  }

  read(line: number, value: unknown): void {
    const parsed = readGrokLine(value);
    if (parsed === undefined) {
      this.notes.skip(line, 'not a Grok session update (no params.update.sessionUpdate)');
      return;
    }
    this.startedAt ??= parsed.timestamp;
    this.recordedSessionId ??= parsed.sessionId;
    const update = parsed.update;
    this.trackTurn(update);
    switch (update.sessionUpdate) {
      case 'tool_call':
        this.open(update, line, parsed.timestamp);
        break;
      case 'tool_call_update':
        this.advance(update, line, parsed.timestamp);
        break;
      case 'rewind_marker':
        this.rewind(update.target_prompt_index);
        break;
      default:
        break; // message chunks, plans, turn ends, housekeeping: no calls
    }
  }

  private trackTurn(update: GrokUpdate): void {
    const stamped = promptIndexOf(update);
    const isUser = update.sessionUpdate === 'user_message_chunk';
    if (stamped !== undefined) this.promptIndex = stamped;
    else if (isUser && !this.previousWasUser) this.promptIndex += 1;
    this.previousWasUser = isUser;
  }

  private open(update: GrokUpdate, line: number, timestamp: string | undefined): void {
    const id = update.toolCallId;
    if (id === undefined || id === '') {
      this.notes.skip(line, 'tool_call without toolCallId');
      return;
    }
    if (this.byId.has(id)) {
      this.advance(update, line, timestamp); // a repeated tool_call refreshes the same call
      return;
    }
    const input = update.rawInput;
    const call: GrokCallState = {
      id,
      line,
      timestamp,
      promptIndex: this.promptIndex,
      name: grokToolName(update),
      title: update.title,
      kind: update.kind,
      input: typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {},
      text: '',
    };
    this.calls.push(call);
    this.byId.set(id, call);
    this.advance(update, line, timestamp);
  }

  private advance(update: GrokUpdate, line: number, timestamp: string | undefined): void {
    const call = update.toolCallId === undefined ? undefined : this.byId.get(update.toolCallId);
    if (call === undefined || call.end !== undefined) return; // unknown (rewound away) or already ended
    call.name ??= grokToolName(update);
    call.kind ??= update.kind;
    if (update.rawInput !== undefined && typeof update.rawInput === 'object' && update.rawInput !== null && !Array.isArray(update.rawInput)) {
      call.input = update.rawInput as Record<string, unknown>;
    }
    if (update.content !== undefined) call.text = grokContentText(update.content);
    if (update.status === 'completed' || update.status === 'failed') {
      call.end = { ...grokToolOutcome(update.status, call.text), line, timestamp };
    }
  }

  /** Last marker wins: every call of turn `target` and later is gone. */
  private rewind(target: number | undefined): void {
    if (target === undefined) return;
    const kept = this.calls.filter((call) => call.promptIndex < target);
    for (const call of this.calls) if (!kept.includes(call)) this.byId.delete(call.id);
    this.calls = kept;
    this.promptIndex = Math.min(this.promptIndex, target - 1);
  }

  finish(): ParsedSession {
    const sessionId = this.file.sessionId ?? this.recordedSessionId ?? path.basename(path.dirname(this.file.path));
    return {
      sessionId,
      file: this.file.path,
      subagent: this.file.subagent,
      startedAt: this.startedAt,
      calls: this.calls.map((call, index) => this.toolCall(call, index, sessionId)),
      skippedLines: this.notes.skipped,
      warnings: this.notes.warnings.list(),
    };
  }

  private toolCall(call: GrokCallState, index: number, sessionId: string): ToolCall {
    const tool = normaliseGrokTool(call.name, call.kind);
    const end = call.end ?? { outcome: 'interrupted' as const, line: call.line, timestamp: undefined };
    const views = grokToolCallViews(tool, call.input);
    const toolCall: ToolCall = {
      agent: GROK_AGENT,
      sessionId,
      file: this.file.path,
      line: end.line,
      index,
      callId: call.id,
      timestamp: call.timestamp ?? end.timestamp,
      tool,
      originalTool: call.name ?? call.title ?? call.kind ?? 'unknown',
      input: call.input,
      output: call.end ? safeExcerpt(call.text) : '',
      outputBytes: call.end ? utf8Bytes(call.text) : 0,
      outcome: end.outcome,
      subagent: this.file.subagent,
    };
    if (views.command !== undefined) toolCall.command = views.command;
    if (views.path !== undefined) toolCall.path = views.path;
    if (views.pattern !== undefined) toolCall.pattern = views.pattern;
    if ('errorKind' in end && end.errorKind !== undefined) toolCall.errorKind = end.errorKind;
    return toolCall;
  }
}
