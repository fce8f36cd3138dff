import { isUtf8 } from 'node:buffer';
import { openRegularFile } from './regularFile.js';
import { withoutTopLevelKey } from './withoutTopLevelKey.js';

/** Lines longer than this are skipped without being held in memory. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

export type JsonLine =
  /** `firstInvalidUtf8`: this is the file's first line with bytes that are not UTF-8 (read as U+FFFD); reported once per file. */
  | { kind: 'record'; line: number; value: unknown; firstInvalidUtf8?: true }
  | { kind: 'skipped'; line: number; reason: 'not_json' | 'oversized' | 'truncated' };

export interface ReadJsonLinesOptions {
  /**
   * Top-level keys whose values the caller never reads: they are cut from each line's bytes before decoding and
   * parsing (withoutTopLevelKey), so a bulky field costs neither. The record is otherwise the same.
   */
  unreadKeys?: readonly string[];
}

/**
 * Streams a JSONL file record by record. Never loads the whole file: a line is
 * buffered only up to MAX_LINE_BYTES, and longer lines are dropped as they stream.
 * Blank lines are ignored. A last line without a newline that is not valid JSON
 * is reported as truncated (a log cut while being written). Only a regular file is read: a FIFO or a
 * device named like a log throws NotRegularFileError instead of blocking the run.
 */
export async function* readJsonLines(path: string, signal?: AbortSignal, options: ReadJsonLinesOptions = {}): AsyncGenerator<JsonLine> {
  const unread = (options.unreadKeys ?? []).map((key) => ({ key: Buffer.from(key, 'utf8'), quoted: Buffer.from(JSON.stringify(key), 'utf8') }));
  const handle = await openRegularFile(path);
  const stream = handle.createReadStream({ highWaterMark: 256 * 1024 });
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let line = 0;
  let invalidUtf8Seen = false;

  const finish = (last: boolean): JsonLine | undefined => {
    line += 1;
    const wasOversized = oversized;
    const buffer = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    oversized = false;
    if (wasOversized) return { kind: 'skipped', line, reason: 'oversized' };
    // The unread member is cut from the bytes when the line can be followed up to it; JSON.parse checks the rest.
    let kept = buffer;
    for (const { key, quoted } of unread) if (kept.includes(quoted)) kept = withoutTopLevelKey(kept, key) ?? kept;
    const text = kept.toString('utf8').trim();
    if (text === '') return undefined;
    try {
      const value: unknown = JSON.parse(text);
      if (invalidUtf8Seen || isUtf8(buffer)) return { kind: 'record', line, value };
      invalidUtf8Seen = true;
      return { kind: 'record', line, value, firstInvalidUtf8: true };
    } catch {
      return { kind: 'skipped', line, reason: last ? 'truncated' : 'not_json' };
    }
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
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
        const result = finish(false);
        if (result) yield result;
        start = newline + 1;
      }
    }
    if (size > 0 || oversized) {
      const result = finish(true);
      if (result) yield result;
    }
  } finally {
    stream.destroy();
  }
}
