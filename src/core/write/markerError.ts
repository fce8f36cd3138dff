/** The marker comments in a file are broken; nothing is written to it until the user fixes them. */
export class MarkerError extends Error {
  override readonly name = 'MarkerError';

  constructor(
    /** The file, as given to the planner. */
    readonly file: string,
    /** 1-based line numbers of the markers (or fence) involved. */
    readonly lines: readonly number[],
    /** What is wrong, without the file name. */
    readonly problem: string,
  ) {
    super(`${file}: ${problem} (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}). Fix or remove the headroom:learn markers by hand; nothing was written.`);
  }
}
