/** Counts unusable lines of one file and keeps a bounded list of notes about them. */
export const MAX_WARNINGS_PER_FILE = 20;

export class SkippedLines {
  count = 0;
  readonly warnings: string[] = [];
  private unlisted = 0;

  constructor(private readonly file: string) {}

  /** What it holds, as plain JSON (a parse checkpoint), and back. */
  toState(): { count: number; warnings: string[]; unlisted: number } {
    return { count: this.count, warnings: [...this.warnings], unlisted: this.unlisted };
  }

  static fromState(file: string, state: { count: number; warnings: readonly string[]; unlisted: number }): SkippedLines {
    const skipped = new SkippedLines(file);
    skipped.count = state.count;
    skipped.warnings.push(...state.warnings);
    skipped.unlisted = state.unlisted;
    return skipped;
  }

  skip(line: number, reason: string): void {
    this.count += 1;
    if (this.warnings.length < MAX_WARNINGS_PER_FILE) this.warnings.push(`${this.file}:${line}: ${reason}; skipped.`);
    else this.unlisted += 1;
  }

  /** A note about the file that skips no line. */
  note(message: string): void {
    if (this.warnings.length < MAX_WARNINGS_PER_FILE) this.warnings.push(message);
    else this.unlisted += 1;
  }

  /** The notes, with a last one saying how many were left out. */
  list(): string[] {
    return this.unlisted > 0 ? [...this.warnings, `${this.file}: … and ${this.unlisted} more skipped lines.`] : [...this.warnings];
  }
}

export const SKIP_REASONS = {
  not_json: 'not JSON',
  truncated: 'truncated last line (not valid JSON)',
  oversized: 'line longer than 8 MB',
} as const;
