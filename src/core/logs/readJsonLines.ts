import { isUtf8 } from 'node:buffer';
import { openRegularFile } from './regularFile.js';
import { withoutTopLevelKey } from './withoutTopLevelKey.js';

/** chunkBytes for a reader of a file's first records only (a session's header): not the default 256 KB per file. */
export const HEAD_CHUNK_BYTES = 16 * 1024;

/** Lines longer than this are skipped without being held in memory. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/**
 * Where a line sits in the file: `end` is the byte offset just after it (after its newline when `terminated`);
 * a resumed read (ReadFrom) starts at the `end` of a terminated line.
 */
interface LinePlace {
  line: number;
  end: number;
  /** False only for a last line without a newline (a log cut, or still being written). */
  terminated: boolean;
}

export type JsonLine =
  /** `firstInvalidUtf8`: this is the file's first line with bytes that are not UTF-8 (read as U+FFFD); reported once per file. */
  | (LinePlace & { kind: 'record'; value: unknown; firstInvalidUtf8?: true })
  | (LinePlace & { kind: 'skipped'; reason: 'not_json' | 'oversized' | 'truncated' });

/** Resumes a read after a terminated line seen earlier: its `end`, its number, and whether invalid UTF-8 was reported before it. */
interface ReadFrom {
  offset: number;
  line: number;
  invalidUtf8Seen: boolean;
}

export interface ReadJsonLinesOptions {
  /**
   * Top-level keys whose values the caller never reads: they are cut from each line's bytes before decoding and
   * parsing (withoutTopLevelKey), so a bulky field costs neither. The record is otherwise the same.
   */
  unreadKeys?: readonly string[];
  /** Resume after a line seen earlier (the scan cache's checkpoint); unset: from the start. */
  from?: ReadFrom;
  /** Bytes read at a time (default 256 KB); a reader that wants only the first records asks for less. */
  chunkBytes?: number;
}

/**
 * Streams a JSONL file record by record. Never loads the whole file: a line is
 * buffered only up to MAX_LINE_BYTES, and longer lines are dropped as they stream.
 * Blank lines are ignored. A last line without a newline that is not valid JSON
 * is reported as truncated (a log cut while being written). Only a regular file is read: a FIFO or a
 * device named like a log throws NotRegularFileError instead of blocking the run.
 */
export async function* readJsonLines(path: string, signal?: AbortSignal, options: ReadJsonLinesOptions = {}): AsyncGenerator<JsonLine> {
  for await (const batch of readJsonLineBatches(path, signal, options)) yield* batch;
}

/**
 * readJsonLines, the lines of each chunk read (256 KB) handed over together: the same lines in the same order, with
 * one step of the asynchronous iteration per chunk instead of per line (a transcript has thousands of short lines).
 */
export async function* readJsonLineBatches(path: string, signal?: AbortSignal, options: ReadJsonLinesOptions = {}): AsyncGenerator<JsonLine[]> {
  const unread = (options.unreadKeys ?? []).map((key) => ({ key: Buffer.from(key, 'utf8'), quoted: Buffer.from(JSON.stringify(key), 'utf8') }));
  const from = options.from;
  const handle = await openRegularFile(path);
  const stream = handle.createReadStream({ highWaterMark: options.chunkBytes ?? 256 * 1024, start: from?.offset ?? 0 });
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let line = from?.line ?? 0;
  let invalidUtf8Seen = from?.invalidUtf8Seen ?? false;
  /** Byte offset of the start of the chunk being read. */
  let chunkStart = from?.offset ?? 0;
  /** Byte offset just after the line being finished. */
  let lineEnd = chunkStart;

  const finish = (last: boolean): JsonLine | undefined => {
    line += 1;
    const place = { line, end: lineEnd, terminated: !last };
    const wasOversized = oversized;
    const buffer = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    oversized = false;
    if (wasOversized) return { kind: 'skipped', ...place, reason: 'oversized' };
    // The unread member is cut from the bytes when the line can be followed up to it; JSON.parse checks the rest.
    let kept = buffer;
    for (const { key, quoted } of unread) if (kept.includes(quoted)) kept = withoutTopLevelKey(kept, key) ?? kept;
    const text = kept.toString('utf8').trim();
    if (text === '') return undefined;
    try {
      const value: unknown = JSON.parse(text);
      if (invalidUtf8Seen || isUtf8(buffer)) return { kind: 'record', ...place, value };
      invalidUtf8Seen = true;
      return { kind: 'record', ...place, value, firstInvalidUtf8: true };
    } catch {
      return { kind: 'skipped', ...place, reason: last ? 'truncated' : 'not_json' };
    }
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const batch: JsonLine[] = [];
      let start = 0;
      for (;;) {
        const newline = chunk.indexOf(10, start);
        const end = newline === -1 ? chunk.length : newline;
        if (!oversized) {
          if (size + (end - start) > MAX_LINE_BYTES) {
            oversized = true;
            parts = [];
            size = 0;
          } else if (end > start) {
            parts.push(chunk.subarray(start, end));
            size += end - start;
          }
        }
        if (newline === -1) break;
        lineEnd = chunkStart + newline + 1;
        const result = finish(false);
        if (result) batch.push(result);
        start = newline + 1;
      }
      chunkStart += chunk.length;
      if (batch.length > 0) yield batch;
    }
    if (size > 0 || oversized) {
      lineEnd = chunkStart;
      const result = finish(true);
      if (result) yield [result];
    }
  } finally {
    stream.destroy();
  }
}
