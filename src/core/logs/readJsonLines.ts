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

/** A line as read, before decoding: `bytes` undefined when it was longer than MAX_LINE_BYTES (dropped as it streamed). */
interface RawLine extends LinePlace {
  bytes: Buffer | undefined;
}

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
 * readJsonLines, the lines of each chunk read (256 KB) handed over together, each parsed as it is taken: the same
 * lines in the same order, with one step of the asynchronous iteration per chunk instead of per line (a transcript
 * has thousands of short lines). A batch is read once (it is a generator), in order, like the lines of a file.
 */
export async function* readJsonLineBatches(path: string, signal?: AbortSignal, options: ReadJsonLinesOptions = {}): AsyncGenerator<Iterable<JsonLine>> {
  const from = options.from;
  const decoder = new LineDecoder(options.unreadKeys ?? [], from?.invalidUtf8Seen ?? false);
  const handle = await openRegularFile(path);
  const chunkBytes = options.chunkBytes ?? 256 * 1024;
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let line = from?.line ?? 0;
  /** Byte offset of the start of the chunk being read. */
  let chunkStart = from?.offset ?? 0;
  /** Byte offset just after the line being finished. */
  let lineEnd = chunkStart;

  /** A line's bytes and place, decoded and parsed only when the consumer takes it (LineDecoder). */
  const finish = (last: boolean): RawLine => {
    line += 1;
    const raw: RawLine = { line, end: lineEnd, terminated: !last, bytes: oversized ? undefined : parts.length === 1 ? parts[0] : Buffer.concat(parts, size) };
    parts = [];
    size = 0;
    oversized = false;
    return raw;
  };

  /**
   * A chunk's lines, each parsed as it is taken: a parsed record dies young (before the next line is parsed)
   * instead of living, with the chunk's other records, until the whole batch is handed over.
   */
  function* decoded(raws: RawLine[]): Generator<JsonLine> {
    for (const raw of raws) {
      const item = decoder.decode(raw);
      if (item) yield item;
    }
  }

  // FileHandle.read into a fresh buffer: a read stream's machinery cost more than the reads (0.6-0.85 s against
  // 0.3-0.5 s for 524 MB in 256 KB chunks). Fresh, because a line's bytes may be held to the next chunk. The next
  // chunk is asked for before this one's lines are split and parsed, so the disk works while this thread does.
  const readAt = (offset: number): Promise<Buffer> => {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const read = handle.read(buffer, 0, chunkBytes, offset).then(({ bytesRead }) => (bytesRead === chunkBytes ? buffer : buffer.subarray(0, bytesRead)));
    // A read that fails while this thread is busy elsewhere is not an unhandled rejection: it is thrown when awaited.
    read.catch(() => undefined);
    return read;
  };
  let next: Promise<Buffer> | undefined;
  try {
    next = readAt(chunkStart);
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const chunk = await next;
      next = undefined;
      if (chunk.length === 0) break;
      next = readAt(chunkStart + chunk.length);
      const batch: RawLine[] = [];
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
        batch.push(finish(false));
        start = newline + 1;
      }
      chunkStart += chunk.length;
      if (batch.length > 0) yield decoded(batch);
    }
    if (size > 0 || oversized) {
      lineEnd = chunkStart;
      yield decoded([finish(true)]);
    }
  } finally {
    // A read still under way (the consumer stopped early, or the run was stopped) ends before its file is closed.
    await next?.catch(() => undefined);
    await handle.close();
  }
}

/** Decodes and parses raw lines in order, reporting the file's first line that is not UTF-8 once. */
class LineDecoder {
  private readonly unread: Array<{ key: Buffer; quoted: Buffer }>;

  constructor(
    unreadKeys: readonly string[],
    private invalidUtf8Seen: boolean,
  ) {
    this.unread = unreadKeys.map((key) => ({ key: Buffer.from(key, 'utf8'), quoted: Buffer.from(JSON.stringify(key), 'utf8') }));
  }

  decode(raw: RawLine): JsonLine | undefined {
    const place = { line: raw.line, end: raw.end, terminated: raw.terminated };
    const buffer = raw.bytes;
    if (buffer === undefined) return { kind: 'skipped', ...place, reason: 'oversized' };
    // The unread member is cut from the bytes when the line can be followed up to it; JSON.parse checks the rest.
    let kept = buffer;
    for (const { key, quoted } of this.unread) if (kept.includes(quoted)) kept = withoutTopLevelKey(kept, key) ?? kept;
    const text = kept.toString('utf8').trim();
    if (text === '') return undefined;
    try {
      const value: unknown = JSON.parse(text);
      if (this.invalidUtf8Seen || isUtf8(buffer)) return { kind: 'record', ...place, value };
      this.invalidUtf8Seen = true;
      return { kind: 'record', ...place, value, firstInvalidUtf8: true };
    } catch {
      return { kind: 'skipped', ...place, reason: raw.terminated ? 'not_json' : 'truncated' };
    }
  }
}
