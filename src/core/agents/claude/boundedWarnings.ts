import { invalidUtf8Warning } from '../../logs/invalidUtf8.js';
import type { JsonLine } from '../../logs/readJsonLines.js';

/** Keeps the first `max` warnings of a file and counts the rest, so a broken log cannot flood the report. */
export class BoundedWarnings {
  private readonly kept: string[] = [];
  private dropped = 0;

  constructor(private readonly max = 20) {}

  add(message: string): void {
    if (this.kept.length < this.max) this.kept.push(message);
    else this.dropped += 1;
  }

  /** What it holds, as plain JSON (a parse checkpoint), and back. */
  toState(): { kept: string[]; dropped: number } {
    return { kept: [...this.kept], dropped: this.dropped };
  }

  static fromState(state: { kept: readonly string[]; dropped: number }): BoundedWarnings {
    const warnings = new BoundedWarnings();
    warnings.kept.push(...state.kept);
    warnings.dropped = state.dropped;
    return warnings;
  }

  list(): string[] {
    return this.dropped === 0 ? [...this.kept] : [...this.kept, `… and ${this.dropped} more problems in the same file`];
  }
}

type SkipReason = Extract<JsonLine, { kind: 'skipped' }>['reason'];

/** What a JSON-lines builder notes for a line readJsonLines skipped, by its reason (Claude Code's wording). */
export const SKIPPED_LINE_REASONS: Readonly<Record<SkipReason, string>> = {
  not_json: 'not JSON',
  truncated: 'truncated last line',
  oversized: 'line longer than 8 MB',
};

/**
 * The unusable lines of one JSON-lines session log, counted, and a bounded list of warnings as
 * `file:line: reason; skipped`: the notes of Claude Code's, CodeBuddy's and Grok's builders.
 */
export class LineNotes {
  skipped = 0;

  constructor(
    private readonly file: string,
    private readonly reasons: Readonly<Record<SkipReason, string>> = SKIPPED_LINE_REASONS,
    readonly warnings = new BoundedWarnings(),
  ) {}

  /** Counts one unusable line or record and notes why. */
  skip(line: number, reason: string): void {
    this.skipped += 1;
    this.warnings.add(`${this.file}:${line}: ${reason}; skipped`);
  }

  warn(message: string): void {
    this.warnings.add(message);
  }

  /** One item of readJsonLines: a skipped line noted with its reason, a record handed to `read` (the file's first invalid UTF-8 noted once). */
  take(item: JsonLine, read: (line: number, value: unknown) => void): void {
    if (item.kind === 'skipped') this.skip(item.line, this.reasons[item.reason]);
    else {
      if (item.firstInvalidUtf8) this.warn(invalidUtf8Warning(this.file, item.line));
      read(item.line, item.value);
    }
  }
}
