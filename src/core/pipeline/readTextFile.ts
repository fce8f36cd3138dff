import { promises as fs } from 'node:fs';

/**
 * An agent's file exists but cannot be read as text: a folder where the agent expects a file, or no permission.
 * The message says what to do; the CLI shows it as it is, the extension as a failed run.
 */
export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
  constructor(
    readonly file: string,
    /** The file system's error code (EISDIR, EACCES, …), when there is one. */
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A file's text as the planner and the atomic writer see it; undefined when it does not exist (an agent file
 * not created yet). Any other failure is an UnreadableFileError: guessing "empty" would plan over the user's text.
 */
export async function readTextFile(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR') throw new UnreadableFileError(file, code, `${file} is a folder, but the agent reads it as a file; move the folder away and run again.`);
    throw new UnreadableFileError(file, code, `Cannot read ${file} (${code ?? (error as Error).message}); check its permissions and run again.`);
  }
}
