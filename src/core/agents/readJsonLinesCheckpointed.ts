import { z } from 'zod';
import type { ParseCheckpoint } from './plugin.js';
import { readJsonLineBatches, type JsonLine } from '../logs/readJsonLines.js';

/** What a checkpoint of readJsonLinesCheckpointed holds: the reader's own flag, and the parser's state. */
const checkpointStateSchema = z.object({ invalidUtf8Seen: z.boolean(), parser: z.unknown() });

/** A checkpoint's parts: where to read on from, and the parser's state there (still to be validated by the parser). */
export interface ResumePoint {
  from: { offset: number; line: number; invalidUtf8Seen: boolean };
  parserState: unknown;
}

/** The checkpoint's reading position and parser state, or undefined when it is not one this reader wrote. */
export function resumePoint(checkpoint: ParseCheckpoint | undefined): ResumePoint | undefined {
  if (!checkpoint) return undefined;
  const state = checkpointStateSchema.safeParse(checkpoint.state);
  if (!state.success || !Number.isSafeInteger(checkpoint.offset) || !Number.isSafeInteger(checkpoint.line)) return undefined;
  if (checkpoint.offset < 0 || checkpoint.line < 0) return undefined;
  return { from: { offset: checkpoint.offset, line: checkpoint.line, invalidUtf8Seen: state.data.invalidUtf8Seen }, parserState: state.data.parser };
}

/**
 * Streams a JSONL file (readJsonLines) into `read`, from `from` or from its start, and returns the checkpoint
 * after its last complete line: there, `snapshot()` is taken (before a last line without a newline is read, so
 * a line still being written is read again, whole, next time). `snapshot` returns the parser's state as plain
 * JSON; it is cloned when more is read after it, so the parser may go on changing its own objects.
 */
export async function readJsonLinesCheckpointed(
  path: string,
  from: ResumePoint['from'] | undefined,
  signal: AbortSignal | undefined,
  read: (item: JsonLine) => void,
  snapshot: () => unknown,
  unreadKeys?: readonly string[],
): Promise<ParseCheckpoint> {
  let offset = from?.offset ?? 0;
  let line = from?.line ?? 0;
  let invalidUtf8Seen = from?.invalidUtf8Seen ?? false;
  let taken: ParseCheckpoint | undefined;
  for await (const batch of readJsonLineBatches(path, signal, { from, unreadKeys })) {
    for (const item of batch) {
      if (!item.terminated) {
        taken = { offset, line, state: { invalidUtf8Seen, parser: structuredClone(snapshot()) } };
      } else {
        offset = item.end;
        line = item.line;
      }
      if (item.kind === 'record' && item.firstInvalidUtf8) invalidUtf8Seen = true;
      read(item);
    }
  }
  return taken ?? { offset, line, state: { invalidUtf8Seen, parser: snapshot() } };
}
