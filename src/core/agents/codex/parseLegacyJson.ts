import { promises as fs } from 'node:fs';
import { firstInvalidUtf8Line, invalidUtf8Warning } from '../../logs/invalidUtf8.js';
import type { ParsedSession, ParseOptions, SessionFile } from '../plugin.js';
import { legacyDocumentSchema } from './codexRecords.js';
import { CodexSessionBuilder } from './codexSessionBuilder.js';
import { environmentContextCwd, readResponseItem } from './readResponseItem.js';
import { sessionIdFromFileName } from './sessionFileName.js';
import { SkippedLines } from './skippedLines.js';
import { unreadableSessionError } from './unreadableSessionError.js';
import { readRegularFile } from '../../logs/regularFile.js';

/**
 * The legacy TypeScript CLI's sessions are one pretty-printed JSON document
 * (`{session: {timestamp, id, instructions}, items: […]}`), rewritten after each
 * turn, so it can only be read whole. Those files are small; one larger than
 * this is skipped with a warning rather than loaded.
 */
const MAX_LEGACY_JSON_BYTES = 64 * 1024 * 1024;

export async function parseLegacyJson(agent: string, file: SessionFile, options: ParseOptions = {}): Promise<ParsedSession> {
  const skipped = new SkippedLines(file.path);
  const fallbackId = sessionIdFromFileName(file.path) ?? file.sessionId ?? file.path;
  const empty = (): ParsedSession => ({ sessionId: fallbackId, file: file.path, subagent: file.subagent, calls: [], skippedLines: skipped.count, warnings: skipped.list() });

  let text: string;
  try {
    options.signal?.throwIfAborted();
    const stat = await fs.stat(file.path);
    if (stat.isFile() && stat.size > MAX_LEGACY_JSON_BYTES) {
      skipped.skip(1, `legacy session document of ${stat.size} bytes is larger than ${MAX_LEGACY_JSON_BYTES}`);
      return empty();
    }
    const bytes = await readRegularFile(file.path);
    const invalidLine = firstInvalidUtf8Line(bytes);
    if (invalidLine !== undefined) skipped.note(invalidUtf8Warning(file.path, invalidLine));
    text = bytes.toString('utf8');
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw unreadableSessionError(file.path, error);
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    skipped.skip(1, 'not a JSON document (truncated or corrupt legacy session)');
    return empty();
  }
  const document = legacyDocumentSchema.safeParse(value);
  if (!document.success) {
    skipped.skip(1, 'not a Codex session document ({session, items} expected)');
    return empty();
  }

  const builder = new CodexSessionBuilder(agent, file.path);
  let cwd: string | undefined;
  document.data.items.forEach((item, index) => {
    const position = index + 1;
    if (!item || typeof item !== 'object') {
      skipped.skip(position, 'item is not an object');
      return;
    }
    cwd ??= environmentContextCwd(item);
    const verdict = readResponseItem(builder, item, position, undefined, cwd);
    if (typeof verdict === 'object') skipped.skip(position, verdict.invalid);
  });

  const sessionId = document.data.session.id ?? fallbackId;
  const session: ParsedSession = {
    sessionId,
    file: file.path,
    subagent: file.subagent,
    calls: builder.finish(sessionId, file.subagent),
    skippedLines: skipped.count,
    warnings: skipped.list(),
  };
  if (cwd !== undefined) session.cwd = cwd;
  if (document.data.session.timestamp !== undefined) session.startedAt = document.data.session.timestamp;
  return session;
}
