import type { CheckpointedSession, ParseCheckpoint, ParsedSession, ParseOptions, SessionFile } from '../plugin.js';
import { invalidUtf8Warning } from '../../logs/invalidUtf8.js';
import type { JsonLine } from '../../logs/readJsonLines.js';
import { readJsonLinesCheckpointed, resumePoint } from '../readJsonLinesCheckpointed.js';
import { codexParseStateSchema, type CodexParseState } from './codexParseState.js';
import { ENVELOPE_TYPES, RESPONSE_ITEM_TYPES, envelopeSchema, headerlessHeaderSchema, sessionMetaSchema, turnContextSchema } from './codexRecords.js';
import { CodexSessionBuilder } from './codexSessionBuilder.js';
import { readEventMsg } from './readEventMsg.js';
import { environmentContextCwd, readResponseItem, type ItemVerdict } from './readResponseItem.js';
import { isSubagentSource } from './sessionSource.js';
import { SKIP_REASONS, SkippedLines } from './skippedLines.js';
import { sessionIdFromFileName } from './sessionFileName.js';
import { unreadableSessionError } from './unreadableSessionError.js';

/** What one rollout file has said so far: the session's header fields, its working folder, its calls. */
class RolloutState {
  readonly builder: CodexSessionBuilder;
  readonly skipped: SkippedLines;
  sessionId: string | undefined;
  startedAt: string | undefined;
  sessionCwd: string | undefined;
  currentCwd: string | undefined;
  subagent: boolean;

  /** A new parse, or (`saved`) one going on from a checkpoint's state (toState). */
  constructor(
    agent: string,
    private readonly file: SessionFile,
    saved?: CodexParseState,
  ) {
    this.builder = saved ? CodexSessionBuilder.fromState(agent, file.path, saved.builder) : new CodexSessionBuilder(agent, file.path);
    this.skipped = saved ? SkippedLines.fromState(file.path, saved.skipped) : new SkippedLines(file.path);
    this.subagent = saved ? saved.subagent : file.subagent;
    this.sessionId = saved?.sessionId;
    this.startedAt = saved?.startedAt;
    this.sessionCwd = saved?.sessionCwd;
    this.currentCwd = saved?.currentCwd;
  }

  /** Everything read so far, as plain JSON (a checkpoint's state). */
  toState(): CodexParseState {
    return {
      builder: this.builder.toState(),
      skipped: this.skipped.toState(),
      sessionId: this.sessionId,
      startedAt: this.startedAt,
      sessionCwd: this.sessionCwd,
      currentCwd: this.currentCwd,
      subagent: this.subagent,
    };
  }

  setCwd(cwd: string | undefined): void {
    if (!cwd) return;
    this.sessionCwd ??= cwd;
    this.currentCwd = cwd;
  }

  judge(line: number, verdict: ItemVerdict | 'used' | 'ignored'): void {
    if (typeof verdict === 'object') this.skipped.skip(line, verdict.invalid);
  }

  readItem(item: unknown, line: number, timestamp: string | undefined): void {
    const cwd = environmentContextCwd(item);
    if (cwd) this.setCwd(cwd);
    this.judge(line, readResponseItem(this.builder, item, line, timestamp, this.currentCwd));
  }

  session(): ParsedSession {
    const id = this.sessionId ?? sessionIdFromFileName(this.file.path) ?? this.file.sessionId ?? this.file.path;
    const session: ParsedSession = {
      sessionId: id,
      file: this.file.path,
      subagent: this.subagent,
      calls: this.builder.finish(id, this.subagent),
      skippedLines: this.skipped.count,
      warnings: this.skipped.list(),
    };
    if (this.sessionCwd !== undefined) session.cwd = this.sessionCwd;
    if (this.startedAt !== undefined) session.startedAt = this.startedAt;
    return session;
  }
}

/** One `{timestamp, type, payload}` line of the envelope format. */
function readEnvelope(state: RolloutState, envelope: { type: string; payload: unknown; timestamp?: string }, line: number): void {
  const { type, payload, timestamp } = envelope;
  switch (type) {
    case 'session_meta': {
      // A resumed or forked file can hold several; the first is canonical.
      const meta = sessionMetaSchema.safeParse(payload);
      if (!meta.success) state.skipped.skip(line, 'session_meta without the expected fields');
      else if (state.sessionId === undefined) {
        state.sessionId = meta.data.id;
        state.startedAt = meta.data.timestamp ?? timestamp;
        state.setCwd(meta.data.cwd);
        state.subagent ||= isSubagentSource(meta.data.source);
      }
      break;
    }
    case 'turn_context': {
      const context = turnContextSchema.safeParse(payload);
      if (context.success) state.setCwd(context.data.cwd);
      break;
    }
    case 'response_item':
      state.readItem(payload, line, timestamp);
      break;
    case 'event_msg':
      state.judge(line, readEventMsg(state.builder, payload, line));
      break;
    default:
      if (!ENVELOPE_TYPES.has(type)) state.skipped.skip(line, `unknown record type "${type}"`);
  }
}

/** A line of the headerless format: filler, a bare Responses item, or the header. */
function readHeaderless(state: RolloutState, record: Record<string, unknown>, line: number): void {
  if (typeof record.record_type === 'string') return; // headerless filler, e.g. {"record_type":"state"}
  if (typeof record.type === 'string') {
    if (RESPONSE_ITEM_TYPES.has(record.type)) state.readItem(record, line, typeof record.timestamp === 'string' ? record.timestamp : undefined);
    else state.skipped.skip(line, `unknown record type "${record.type}"`);
    return;
  }
  const header = headerlessHeaderSchema.safeParse(record);
  if (header.success && state.sessionId === undefined) {
    state.sessionId = header.data.id;
    state.startedAt = header.data.timestamp;
    state.setCwd(header.data.cwd);
    return;
  }
  state.skipped.skip(line, 'unknown record (no type)');
}

/**
 * Parses a Codex rollout JSONL file, streaming it line by line. Handles both
 * generations (log-formats.md §2.2): the envelope format (`{timestamp, type,
 * payload}` per line) and the headerless mid-2025 format (a header line without
 * `type`, then bare Responses items and `record_type` filler lines).
 */
export async function parseCodexRollout(agent: string, file: SessionFile, options: ParseOptions = {}): Promise<ParsedSession> {
  return (await parseCodexRolloutFrom(agent, file, undefined, options)).session;
}

/**
 * parseCodexRollout, read on from a checkpoint it returned earlier for the same rollout (ResumableParser): Codex
 * appends to a rollout (codex-rs/core/src/rollout/recorder.rs writes one JSON line per item and never rewrites),
 * so the lines before the checkpoint need not be read again. A checkpoint whose state is not one this parser
 * wrote is ignored (the file is read from its start).
 */
export async function parseCodexRolloutFrom(agent: string, file: SessionFile, from: ParseCheckpoint | undefined, options: ParseOptions = {}): Promise<CheckpointedSession> {
  const resume = resumePoint(from);
  const saved = resume && codexParseStateSchema.safeParse(resume.parserState);
  const state = new RolloutState(agent, file, saved?.success ? saved.data : undefined);
  try {
    const checkpoint = await readJsonLinesCheckpointed(
      file.path,
      saved?.success ? resume?.from : undefined,
      options.signal,
      (entry) => readRolloutLine(state, file, entry),
      () => state.toState(),
    );
    return { session: state.session(), checkpoint };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw unreadableSessionError(file.path, error);
  }
}

function readRolloutLine(state: RolloutState, file: SessionFile, entry: JsonLine): void {
  if (entry.kind === 'skipped') {
    state.skipped.skip(entry.line, SKIP_REASONS[entry.reason]);
    return;
  }
  const { value, line } = entry;
  if (entry.firstInvalidUtf8) state.skipped.note(invalidUtf8Warning(file.path, line));
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    state.skipped.skip(line, 'not a JSON object');
    return;
  }
  const record = value as Record<string, unknown>;
  const envelope = 'payload' in record ? envelopeSchema.safeParse(record) : undefined;
  if (envelope?.success) readEnvelope(state, envelope.data, line);
  else readHeaderless(state, record, line);
}
