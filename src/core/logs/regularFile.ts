import { constants, promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/** A path that is there but is not a regular file: a FIFO, a device, a socket (or a folder). */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError';
  readonly code = 'ENOTREG';
  constructor(
    readonly file: string,
    /** What it is instead, in words: "a named pipe (FIFO)", "a device", … */
    readonly kind: string,
  ) {
    super(`${file} is ${kind}, not a regular file`);
  }
}

/** What a non-regular file is, in words for a message. */
export function describeFileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Opens a file for reading only when it is a regular file. The open itself never blocks: O_NONBLOCK (where the
 * platform has it) makes opening a FIFO with no writer return at once instead of waiting forever, and the
 * handle's own fstat decides (no window between a stat and the open in which the path could be swapped).
 * Anything else is closed again and refused with NotRegularFileError; open errors (ENOENT, EACCES) pass through.
 */
export async function openRegularFile(file: string): Promise<FileHandle> {
  const handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  let stats: Stats;
  try {
    stats = await handle.stat();
  } catch (error) {
    await handle.close();
    throw error;
  }
  if (!stats.isFile()) {
    await handle.close();
    throw new NotRegularFileError(file, describeFileKind(stats));
  }
  return handle;
}

/** A regular file's bytes (NotRegularFileError for anything else; see openRegularFile). */
export async function readRegularFile(file: string): Promise<Buffer> {
  const handle = await openRegularFile(file);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** A regular file's text as UTF-8 (as fs.readFile(file, 'utf8') reads it), refusing anything that is not a regular file. */
export async function readRegularTextFile(file: string): Promise<string> {
  return (await readRegularFile(file)).toString('utf8');
}

/** The NotRegularFileError behind an error (itself, or the cause a reader wrapped it in), if any. */
export function notRegularCause(error: unknown): NotRegularFileError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof NotRegularFileError) return e;
  }
  return undefined;
}
