import * as path from 'node:path';
import type { CheckpointedSession, ParseCheckpoint, ParsedSession, ParseOptions, SessionFile } from '../plugin.js';
import { utf8Bytes, type ToolCall } from '../../model/toolCall.js';
import { safeExcerpt } from '../../redact/safeSessionText.js';
import { readJsonLinesCheckpointed, resumePoint } from '../readJsonLinesCheckpointed.js';
import { describeFsError } from '../fsWalk.js';
import {
  blockType,
  ClaudeRecordSchema,
  ClaudeToolResultBlockSchema,
  ClaudeToolUseBlockSchema,
  type ClaudeRecord,
  type ClaudeToolResultBlock,
  type ClaudeToolUseBlock,
} from './claudeRecords.js';
import { claudeResultText } from './claudeResultText.js';
import { claudeToolOutcome, type ClaudeOutcome } from './claudeToolOutcome.js';
import { claudeToolCallViews, normaliseClaudeTool } from './normaliseClaudeTool.js';
import { BoundedWarnings, LineNotes, SKIPPED_LINE_REASONS } from './boundedWarnings.js';
import { claudeParseStateSchema, type ClaudeParseState } from './claudeParseState.js';

export const CLAUDE_AGENT = 'claude';

interface ClaudeCallUse {
  block: ClaudeToolUseBlock;
  line: number;
  timestamp?: string;
  cwd?: string;
  sidechain: boolean;
  /** The assistant message that issued the call (its tool_use blocks were issued together). */
  turn?: string;
}

interface ClaudeCallResult extends ClaudeOutcome {
  line: number;
  timestamp?: string;
  output: string;
  outputBytes: number;
}

/**
 * Top-level fields ClaudeRecordSchema never reads that hold most of a transcript's bytes, cut from each line's
 * bytes unparsed by readJsonLines. A user record's `toolUseResult` is the tool's structured result (stdout, stderr,
 * file contents, patches) repeating what its tool_result block says (42% of the development corpus' bytes); a
 * progress record's `data` carries hook and subagent progress (up to 22%). `toolUseResult` is a top-level field of
 * tool-result user records, beside `message` (research/log-formats.md §1; the v2.1.1 session schema in
 * oneryalcin/agent-schemas claude-code/README.md: "v2.1.1 adds to UserMessage: toolUseResult"). Claude Code's
 * source is not public, so the samples and the development corpus are the reference; the outcome never comes
 * from it (claudeToolOutcome reads the tool_result block).
 */
const CLAUDE_UNREAD_KEYS = ['toolUseResult', 'data'];


/**
 * Reads one Claude Code transcript, streaming, into tool calls: each tool_use block
 * joined to its tool_result by id. Replayed records (resumed or compacted sessions)
 * are deduplicated by tool_use id, first one wins. Bad lines are counted and listed,
 * never fatal; only a file that cannot be read at all makes it throw.
 */
export async function parseClaudeSession(file: SessionFile, options: ParseOptions = {}): Promise<ParsedSession> {
  return (await parseClaudeSessionFrom(file, undefined, options)).session;
}

/**
 * parseClaudeSession, read on from a checkpoint it returned earlier for the same transcript (ResumableParser):
 * Claude Code only ever appends to a transcript, so the lines before the checkpoint need not be read again. A
 * checkpoint whose state is not one this parser wrote is ignored (the file is read from its start).
 */
export async function parseClaudeSessionFrom(file: SessionFile, from: ParseCheckpoint | undefined, options: ParseOptions = {}): Promise<CheckpointedSession> {
  const resume = resumePoint(from);
  const state = resume && claudeParseStateSchema.safeParse(resume.parserState);
  const session = state?.success ? ClaudeSessionBuilder.fromState(file, state.data) : new ClaudeSessionBuilder(file);
  try {
    const checkpoint = await readJsonLinesCheckpointed(
      file.path,
      state?.success ? resume?.from : undefined,
      options.signal,
      (item) => session.notes.take(item, (line, value) => session.read(line, value)),
      () => session.toState(),
      CLAUDE_UNREAD_KEYS,
    );
    return { session: session.finish(), checkpoint };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw unreadableSessionError(file.path, error);
  }
}

/** An error that names the file and keeps the fs error code (scanSessions reports it). */
function unreadableSessionError(filePath: string, error: unknown): Error {
  const reason = describeFsError(error);
  return Object.assign(new Error(`Cannot read Claude Code session ${filePath}: ${reason}`, { cause: error }), {
    code: (error as NodeJS.ErrnoException)?.code,
    path: filePath,
  });
}

class ClaudeSessionBuilder {
  private readonly uses: ClaudeCallUse[] = [];
  private readonly usedIds = new Set<string>();
  private readonly results = new Map<string, ClaudeCallResult>();
  readonly notes: LineNotes;
  private recordedSessionId?: string;
  private cwd?: string;
  private startedAt?: string;

  constructor(
    private readonly file: SessionFile,
    notes?: LineNotes,
  ) {
    this.notes = notes ?? new LineNotes(file.path);
  }

  /** A builder that goes on from a checkpoint's state (toState). */
  static fromState(file: SessionFile, state: ClaudeParseState): ClaudeSessionBuilder {
    const builder = new ClaudeSessionBuilder(file, new LineNotes(file.path, SKIPPED_LINE_REASONS, BoundedWarnings.fromState(state.warnings)));
    builder.uses.push(...state.uses);
    for (const use of state.uses) builder.usedIds.add(use.block.id);
    for (const [id, result] of state.results) builder.results.set(id, result);
    builder.notes.skipped = state.skippedLines;
    builder.recordedSessionId = state.recordedSessionId;
    builder.cwd = state.cwd;
    builder.startedAt = state.startedAt;
    return builder;
  }

  /** Everything read so far, as plain JSON (a checkpoint's state). */
  toState(): ClaudeParseState {
    return {
      uses: [...this.uses],
      results: [...this.results],
      warnings: this.notes.warnings.toState(),
      skippedLines: this.notes.skipped,
      recordedSessionId: this.recordedSessionId,
      cwd: this.cwd,
      startedAt: this.startedAt,
    };
  }

  read(line: number, value: unknown): void {
    const parsed = ClaudeRecordSchema.safeParse(value);
    if (!parsed.success) {
      this.notes.skip(line, 'not a Claude Code record (no "type")');
      return;
    }
    const record = parsed.data;
    this.recordedSessionId ??= record.sessionId;
    this.cwd ??= record.cwd;
    this.startedAt ??= record.timestamp;
    const content = record.message?.content;
    if (!Array.isArray(content)) return;
    let malformed = 0;
    if (record.type === 'assistant') malformed = this.readToolUses(line, record, content);
    else if (record.type === 'user') malformed = this.readToolResults(line, record, content);
    // Every other record type (progress, system, summary, snapshots, …) carries no calls.
    if (malformed > 0) this.notes.skip(line, `${malformed} malformed tool block(s)`);
  }

  private readToolUses(line: number, record: ClaudeRecord, content: unknown[]): number {
    let malformed = 0;
    for (const raw of content) {
      if (blockType(raw) !== 'tool_use') continue;
      const block = ClaudeToolUseBlockSchema.safeParse(raw);
      if (!block.success) {
        malformed += 1;
        continue;
      }
      if (this.usedIds.has(block.data.id)) continue; // replayed record: the first one wins
      this.usedIds.add(block.data.id);
      this.uses.push({
        block: block.data,
        line,
        timestamp: record.timestamp,
        cwd: record.cwd,
        sidechain: record.isSidechain === true,
        turn: record.message?.id ?? record.requestId ?? (record.uuid ? `record:${record.uuid}` : undefined),
      });
    }
    return malformed;
  }

  private readToolResults(line: number, record: ClaudeRecord, content: unknown[]): number {
    let malformed = 0;
    for (const raw of content) {
      if (blockType(raw) !== 'tool_result') continue;
      const block = ClaudeToolResultBlockSchema.safeParse(raw);
      if (!block.success) {
        malformed += 1;
        continue;
      }
      if (this.results.has(block.data.tool_use_id)) continue; // replayed record: the first one wins
      this.results.set(block.data.tool_use_id, resultOf(block.data, line, record.timestamp));
    }
    return malformed;
  }

  finish(): ParsedSession {
    const sessionId = this.sessionId();
    const calls = this.uses.map((use, index) => this.toolCall(use, index, sessionId));
    return {
      sessionId,
      file: this.file.path,
      subagent: this.file.subagent,
      cwd: this.cwd,
      startedAt: this.startedAt,
      calls,
      skippedLines: this.notes.skipped,
      warnings: this.notes.warnings.list(),
    };
  }

  /** Main sessions are named by their id; a subagent's records carry its parent's id. */
  private sessionId(): string {
    const fromName = path.basename(this.file.path, '.jsonl');
    if (this.file.subagent) return this.recordedSessionId ?? this.file.sessionId ?? fromName;
    return this.file.sessionId ?? fromName;
  }

  private toolCall(use: ClaudeCallUse, index: number, sessionId: string): ToolCall {
    const tool = normaliseClaudeTool(use.block.name);
    // A call without a result in the file was cut off (Esc, crash, or the log ends).
    const result: ClaudeCallResult = this.results.get(use.block.id) ?? {
      outcome: 'interrupted',
      line: use.line,
      output: '',
      outputBytes: 0,
    };
    const call: ToolCall = {
      agent: CLAUDE_AGENT,
      sessionId,
      file: this.file.path,
      line: result.line,
      index,
      callId: use.block.id,
      timestamp: use.timestamp ?? result.timestamp,
      tool,
      originalTool: use.block.name,
      input: use.block.input,
      ...definedOnly(claudeToolCallViews(tool, use.block.input)),
      output: result.output,
      outputBytes: result.outputBytes,
      outcome: result.outcome,
      subagent: this.file.subagent || use.sidechain,
    };
    if (result.errorKind !== undefined) call.errorKind = result.errorKind;
    if (result.exitCode !== undefined) call.exitCode = result.exitCode;
    if (result.userFeedback !== undefined) call.userFeedback = result.userFeedback;
    if (use.cwd !== undefined) call.cwd = use.cwd;
    if (use.turn !== undefined) call.turn = use.turn;
    return call;
  }
}

function resultOf(block: ClaudeToolResultBlock, line: number, timestamp: string | undefined): ClaudeCallResult {
  const text = claudeResultText(block.content);
  return {
    ...claudeToolOutcome(text, block.is_error === true),
    line,
    timestamp,
    output: safeExcerpt(text),
    outputBytes: utf8Bytes(text),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
