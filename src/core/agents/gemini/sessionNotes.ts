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
