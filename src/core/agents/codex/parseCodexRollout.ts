import type { ParsedSession, ParseOptions, SessionFile } from '../plugin.js';
import { readJsonLines } from '../../logs/readJsonLines.js';
import { ENVELOPE_TYPES, RESPONSE_ITEM_TYPES, envelopeSchema, headerlessHeaderSchema, sessionMetaSchema, turnContextSchema } from './codexRecords.js';
import { CodexSessionBuilder } from './codexSessionBuilder.js';
import { readEventMsg } from './readEventMsg.js';
import { environmentContextCwd, readResponseItem, type ItemVerdict } from './readResponseItem.js';
import { isSubagentSource } from './sessionSource.js';
import { SKIP_REASONS, SkippedLines } from './skippedLines.js';
import { sessionIdFromFileName } from './sessionFileName.js';
import { unreadableSessionError } from './unreadableSessionError.js';

/**
 * Parses a Codex rollout JSONL file, streaming it line by line. Handles both
 * generations (log-formats.md §2.2): the envelope format (`{timestamp, type,
 * payload}` per line) and the headerless mid-2025 format (a header line without
 * `type`, then bare Responses items and `record_type` filler lines).
 */
export async function parseCodexRollout(agent: string, file: SessionFile, options: ParseOptions = {}): Promise<ParsedSession> {
  const builder = new CodexSessionBuilder(agent, file.path);
  const skipped = new SkippedLines(file.path);
  let sessionId: string | undefined;
  let startedAt: string | undefined;
  let sessionCwd: string | undefined;
  let currentCwd: string | undefined;
  let subagent = file.subagent;

  const setCwd = (cwd: string | undefined): void => {
    if (!cwd) return;
    sessionCwd ??= cwd;
    currentCwd = cwd;
  };
  const judge = (line: number, verdict: ItemVerdict | 'used' | 'ignored'): void => {
    if (typeof verdict === 'object') skipped.skip(line, verdict.invalid);
  };
  const readItem = (item: unknown, line: number, timestamp: string | undefined): void => {
    const cwd = environmentContextCwd(item);
    if (cwd) setCwd(cwd);
    judge(line, readResponseItem(builder, item, line, timestamp, currentCwd));
  };

  try {
    for await (const entry of readJsonLines(file.path, options.signal)) {
      if (entry.kind === 'skipped') {
        skipped.skip(entry.line, SKIP_REASONS[entry.reason]);
        continue;
      }
      const { value, line } = entry;
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        skipped.skip(line, 'not a JSON object');
        continue;
      }
      const record = value as Record<string, unknown>;
      const envelope = 'payload' in record ? envelopeSchema.safeParse(record) : undefined;
      if (envelope?.success) {
        const { type, payload, timestamp } = envelope.data;
        switch (type) {
          case 'session_meta': {
            // A resumed or forked file can hold several; the first is canonical.
            const meta = sessionMetaSchema.safeParse(payload);
            if (!meta.success) skipped.skip(line, 'session_meta without the expected fields');
            else if (sessionId === undefined) {
              sessionId = meta.data.id;
              startedAt = meta.data.timestamp ?? timestamp;
              setCwd(meta.data.cwd);
              subagent ||= isSubagentSource(meta.data.source);
            }
            break;
          }
          case 'turn_context': {
            const context = turnContextSchema.safeParse(payload);
            if (context.success) setCwd(context.data.cwd);
            break;
          }
          case 'response_item':
            readItem(payload, line, timestamp);
            break;
          case 'event_msg':
            judge(line, readEventMsg(builder, payload, line));
            break;
          default:
            if (!ENVELOPE_TYPES.has(type)) skipped.skip(line, `unknown record type "${type}"`);
        }
        continue;
      }
      if (typeof record.record_type === 'string') continue; // headerless filler, e.g. {"record_type":"state"}
      if (typeof record.type === 'string') {
        if (RESPONSE_ITEM_TYPES.has(record.type)) readItem(record, line, typeof record.timestamp === 'string' ? record.timestamp : undefined);
        else skipped.skip(line, `unknown record type "${record.type}"`);
        continue;
      }
      const header = headerlessHeaderSchema.safeParse(record);
      if (header.success && sessionId === undefined) {
        sessionId = header.data.id;
        startedAt = header.data.timestamp;
        setCwd(header.data.cwd);
        continue;
      }
      skipped.skip(line, 'unknown record (no type)');
    }
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw unreadableSessionError(file.path, error);
  }

  const id = sessionId ?? sessionIdFromFileName(file.path) ?? file.sessionId ?? file.path;
  const session: ParsedSession = {
    sessionId: id,
    file: file.path,
    subagent,
    calls: builder.finish(id, subagent),
    skippedLines: skipped.count,
    warnings: skipped.list(),
  };
  if (sessionCwd !== undefined) session.cwd = sessionCwd;
  if (startedAt !== undefined) session.startedAt = startedAt;
  return session;
}
