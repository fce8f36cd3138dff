import { z } from 'zod';
import { HEAD_CHUNK_BYTES, readJsonLines } from '../../logs/readJsonLines.js';
import { envelopeSchema, headerlessHeaderSchema, sessionMetaSchema, turnContextSchema } from './codexRecords.js';
import { cwdInEnvironmentContext, environmentContextCwd } from './readResponseItem.js';
import { isLegacyJsonFileName } from './sessionFileName.js';
import { isSubagentSource } from './sessionSource.js';
import { unreadableSessionError } from './unreadableSessionError.js';
import * as path from 'node:path';
import { openRegularFile } from '../../logs/regularFile.js';

/** What the first records of a session say: where it started, which thread it is. */
export interface SessionHead {
  /** The directory the session started in (session_meta / header / first turn_context / environment_context). */
  cwd?: string;
  sessionId?: string;
  subagent: boolean;
  /** The git branch session_meta records, when it records one. */
  branch?: string;
}

/** What readSessionHead gives, under this name in a SessionHeadCache (a new name when it changes). */
export const SESSION_HEAD_KIND = 'codex-session-head-1';

/** A SessionHead as a SessionHeadCache keeps it: `subagent`, the other fields each a string when present, nothing else. */
const keptHeadSchema = z.strictObject({ cwd: z.string().optional(), sessionId: z.string().optional(), subagent: z.boolean(), branch: z.string().optional() });

/** A value is a SessionHead (one a SessionHeadCache kept). */
export function isSessionHead(value: unknown): value is SessionHead {
  return keptHeadSchema.safeParse(value).success;
}

/** Records read at most before giving up on finding the cwd (it is on line 1 in every known format but the oldest). */
const HEAD_RECORDS = 50;
/** Bytes read at most from a legacy JSON document when looking for an environment_context. */
const LEGACY_HEAD_BYTES = 256 * 1024;

/** Reads only the head of a session file. Throws (naming the file) when it cannot be read. */
export async function readSessionHead(file: string): Promise<SessionHead> {
  return isLegacyJsonFileName(path.basename(file)) ? readLegacyHead(file) : readRolloutHead(file);
}

async function readRolloutHead(file: string): Promise<SessionHead> {
  const head: SessionHead = { subagent: false };
  let records = 0;
  try {
    for await (const entry of readJsonLines(file, undefined, { chunkBytes: HEAD_CHUNK_BYTES })) {
      if (entry.kind !== 'record') continue;
      records += 1;
      readHeadRecord(entry.value, head);
      if (head.cwd !== undefined || records >= HEAD_RECORDS) break;
    }
  } catch (error) {
    throw unreadableSessionError(file, error);
  }
  return head;
}

function readHeadRecord(value: unknown, head: SessionHead): void {
  const envelope = envelopeSchema.safeParse(value);
  if (envelope.success) {
    const { type, payload } = envelope.data;
    if (type === 'session_meta') {
      const meta = sessionMetaSchema.safeParse(payload);
      if (meta.success && head.sessionId === undefined) {
        head.sessionId = meta.data.id;
        head.cwd ??= meta.data.cwd;
        head.subagent = isSubagentSource(meta.data.source);
        const branch = meta.data.git?.branch;
        if (branch) head.branch = branch;
      }
    } else if (type === 'turn_context') {
      const context = turnContextSchema.safeParse(payload);
      if (context.success) head.cwd ??= context.data.cwd;
    } else if (type === 'response_item') {
      head.cwd ??= environmentContextCwd(payload);
    }
    return;
  }
  const header = headerlessHeaderSchema.safeParse(value);
  if (header.success && (value as { type?: unknown }).type === undefined) {
    head.sessionId ??= header.data.id;
    head.cwd ??= header.data.cwd;
    return;
  }
  head.cwd ??= environmentContextCwd(value);
}

/**
 * A legacy document has no cwd field. The only place one can appear is an
 * `<environment_context>` message, looked for in the first LEGACY_HEAD_BYTES of
 * the raw text (where it is JSON-escaped). Without one the session cannot be
 * attributed to a project.
 */
async function readLegacyHead(file: string): Promise<SessionHead> {
  let text: string;
  try {
    const handle = await openRegularFile(file);
    try {
      const buffer = Buffer.alloc(LEGACY_HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, LEGACY_HEAD_BYTES, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadableSessionError(file, error);
  }
  const match = /<environment_context>[\s\S]*?<cwd>((?:[^<"\\]|\\.)*)<\/cwd>/.exec(text);
  if (!match) return { subagent: false };
  const cwd = cwdInEnvironmentContext(`<environment_context><cwd>${unescapeJsonString(match[1])}</cwd>`);
  return { cwd, subagent: false };
}

function unescapeJsonString(escaped: string): string {
  try {
    return JSON.parse(`"${escaped}"`) as string;
  } catch {
    return escaped;
  }
}
