import { INVALID_UTF8_REASON } from '../../logs/invalidUtf8.js';
import { MAX_LINE_BYTES, type JsonLine } from '../../logs/readJsonLines.js';

/** Most warnings kept per session file; the rest are counted in one closing note. */
export const MAX_WARNINGS_PER_FILE = 20;

/** Skipped records of one session file and a bounded list of warnings about them. */
export class SessionNotes {
  skipped = 0;
  private readonly kept: string[] = [];
  private dropped = 0;

  constructor(private readonly file: string) {}

  /** Counts one unusable line or record and notes why, as `file:line: reason`. */
  skip(line: number | undefined, reason: string): void {
    this.skipped += 1;
    this.warn(line, reason);
  }

  /** Notes something about the file without counting a skipped record. */
  warn(line: number | undefined, reason: string): void {
    if (this.kept.length < MAX_WARNINGS_PER_FILE) this.kept.push(`${this.file}${line === undefined ? '' : `:${line}`}: ${reason}`);
    else this.dropped += 1;
  }

  warnings(): string[] {
    return this.dropped === 0 ? [...this.kept] : [...this.kept, `${this.file}: … and ${this.dropped} more`];
  }
}

const SKIP_REASONS = {
  not_json: 'not JSON; skipped',
  truncated: 'truncated last line (log cut while being written); skipped',
  oversized: `line longer than ${MAX_LINE_BYTES / (1024 * 1024)} MB; skipped`,
} as const;

/**
 * The records of a JSON-lines stream, for a replay that keeps its notes in SessionNotes: each unusable line is
 * counted and noted with its reason, and the file's first line of invalid UTF-8 is noted once.
 */
export async function* notedRecords(lines: AsyncIterable<JsonLine>, notes: SessionNotes): AsyncGenerator<{ line: number; value: unknown }> {
  for await (const item of lines) {
    if (item.kind === 'skipped') {
      notes.skip(item.line, SKIP_REASONS[item.reason]);
      continue;
    }
    if (item.firstInvalidUtf8) notes.warn(item.line, INVALID_UTF8_REASON);
    yield { line: item.line, value: item.value };
  }
}
