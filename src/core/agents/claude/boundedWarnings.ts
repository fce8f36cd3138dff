/** Keeps the first `max` warnings of a file and counts the rest, so a broken log cannot flood the report. */
export class BoundedWarnings {
  private readonly kept: string[] = [];
  private dropped = 0;

  constructor(private readonly max = 20) {}

  add(message: string): void {
    if (this.kept.length < this.max) this.kept.push(message);
    else this.dropped += 1;
  }

  list(): string[] {
    return this.dropped === 0 ? [...this.kept] : [...this.kept, `… and ${this.dropped} more problems in the same file`];
  }
}
