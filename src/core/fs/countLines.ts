import * as fs from 'node:fs';

/** Files larger than this are not counted (the rule then names the file without its size): counting is synchronous. */
const LINE_COUNT_MAX_BYTES = 512 * 1024 * 1024;

const CHUNK_BYTES = 64 * 1024;

/**
 * The number of lines of a regular file (a last line without a newline counts), read in 64 KiB chunks so memory
 * stays bounded whatever the size. Undefined for anything that is not a regular file (a FIFO or /dev/zero is never
 * read: the open does not block and the handle's fstat refuses it), for a file over `maxBytes`, and on any error.
 * Synchronous because the findings that use it are; the size cap bounds the time it takes.
 */
export function countLinesSync(file: string, maxBytes = LINE_COUNT_MAX_BYTES): number | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile() || stats.size > maxBytes) return undefined;
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let newlines = 0;
    let total = 0;
    let last = -1;
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) return undefined;
      for (let i = buffer.indexOf(10, 0); i !== -1 && i < read; i = buffer.indexOf(10, i + 1)) newlines++;
      last = buffer[read - 1];
    }
    if (total === 0) return 0;
    return last === 10 ? newlines : newlines + 1;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}
