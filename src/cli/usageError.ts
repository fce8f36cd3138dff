/** Bad command-line input: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** A failure the user can act on: printed as one line, exit code 1. */
export class CliError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
