import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';

/** A temporary file a writer that died left behind is removed once it is this old. */
export const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/** Writes a temporary file beside `target` and renames it over: a reader sees the old file or the new one, never half. */
export async function writeAtomically(target: string, data: Buffer | string): Promise<void> {
  const temporary = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, data, { flag: 'wx' });
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
