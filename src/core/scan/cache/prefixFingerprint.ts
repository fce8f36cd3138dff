import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';

/** Bytes compared at each end of a file's resumed prefix. */
const WINDOW_BYTES = 4096;

/**
 * A digest of the first and the last WINDOW_BYTES of a file's first `length` bytes: how the scan cache tells a
 * log that only grew (the same digest over the old length) from one that was rewritten. Undefined when the file
 * is shorter than `length` or cannot be read.
 */
export async function prefixFingerprint(file: string, length: number): Promise<string | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const head = Buffer.alloc(Math.min(WINDOW_BYTES, length));
    const tail = Buffer.alloc(Math.min(WINDOW_BYTES, length));
    const headRead = await handle.read(head, 0, head.length, 0);
    const tailRead = await handle.read(tail, 0, tail.length, length - tail.length);
    if (headRead.bytesRead !== head.length || tailRead.bytesRead !== tail.length) return undefined;
    return createHash('sha256').update(String(length)).update(head).update(tail).digest('hex');
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
