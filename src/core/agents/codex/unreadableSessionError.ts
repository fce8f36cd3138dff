import { describeFsError } from '../fsWalk.js';

/** A session file that could not be read at all; the message names the file, the code is kept. */
export function unreadableSessionError(file: string, cause: unknown): Error {
  const error = new Error(`Cannot read Codex session ${file}: ${describeFsError(cause)}`, { cause });
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code) (error as NodeJS.ErrnoException).code = code;
  return error;
}
