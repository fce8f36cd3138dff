import { NotRegularFileError, readRegularFile } from '../logs/regularFile.js';
import { decodeTarget, RefusedTargetError, resolveTargetFile } from '../fs/targetFile.js';

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

export interface ReadTextFileOptions {
  /** The folder the file must stay inside once links are resolved (see resolveTargetFile); unchecked when absent. */
  root?: string;
}

/**
 * A file's text as the planner and the atomic writer see it; undefined when it does not exist (an agent file
 * not created yet). Decoded by the rule in core/fs/textEncoding.ts (UTF-8, UTF-16 with a BOM; any other encoding is refused).
 * A link leading outside `root`, a FIFO, device or socket, or an encoding headroom does not edit is a
 * RefusedTargetError (that file is skipped, never read: a FIFO would block). Any other failure is an
 * UnreadableFileError: guessing "empty" would plan over the user's text.
 */
export async function readTextFile(file: string, options: ReadTextFileOptions = {}): Promise<string | undefined> {
  try {
    const real = options.root === undefined ? file : await resolveTargetFile(file, options.root);
    return decodeTarget(file, await readRegularFile(real)).text;
  } catch (error) {
    if (error instanceof RefusedTargetError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR' || (error instanceof NotRegularFileError && error.kind === 'a folder')) {
      throw new UnreadableFileError(file, 'EISDIR', `${file} is a folder, but the agent reads it as a file; move the folder away and run again.`);
    }
    if (error instanceof NotRegularFileError) throw new RefusedTargetError(file, `${file} is ${error.kind}, not a regular file; skipped, nothing was read from or written to it.`);
    throw new UnreadableFileError(file, code, `Cannot read ${file} (${code ?? (error as Error).message}); check its permissions and run again.`);
  }
}
