import { promises as fs } from 'node:fs';
import { describeFsError } from '../fsWalk.js';
import { openRegularFile } from '../../logs/regularFile.js';

/** An error reading a session file, naming the file and keeping the fs error code. */
export function unreadableSessionError(file: string, error: unknown): Error {
  const cause = error as NodeJS.ErrnoException;
  return Object.assign(new Error(`Cannot read Gemini CLI session ${file}: ${describeFsError(error)}`), { code: cause?.code, cause });
}

/** Size of a session file; throws an error naming the file when it cannot be read. */
export async function sessionFileSize(file: string): Promise<number> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    return stat.size;
  } catch (error) {
    throw unreadableSessionError(file, error);
  }
}

/** The first bytes of a file (to tell a pretty-printed JSON document from JSONL). */
export async function readFileStart(file: string, bytes: number): Promise<string> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await openRegularFile(file);
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch (error) {
    throw unreadableSessionError(file, error);
  } finally {
    await handle?.close();
  }
}

/** True when the text starts like Gemini's pretty-printed session document (`{` alone on the first line). */
export function looksLikeJsonDocument(start: string): boolean {
  return /^\uFEFF?\s*\{\s*\r?\n/.test(start);
}
