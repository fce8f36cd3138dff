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
