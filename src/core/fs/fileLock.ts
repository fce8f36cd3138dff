import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { lock } from 'proper-lockfile';

/** How long a lock may go without its holder refreshing it before another process takes it over (a crashed run). */
const STALE_MS = 10_000;

/** The lock of a file: a hidden folder beside it (made atomically by mkdir), removed when the write is done. */
function lockPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.headroom-lock`);
}

/**
 * Runs `action` while holding an advisory lock on `file`, so two headroom runs (two projects sharing
 * ~/.codex/instructions.md, the CLI and the extension) never read-modify-write the same file at once. Uses
 * proper-lockfile (a lock folder made with mkdir, which is atomic on every platform and on network drives, kept
 * fresh while held, taken over once stale, so a killed run does not block the next). Waits up to about 30
 * seconds for another holder, then fails with a message that names the lock.
 */
export async function withFileLock<T>(file: string, action: () => Promise<T>): Promise<T> {
  const lockfilePath = lockPathFor(file);
  // The lock sits beside the file, whose folder may not exist yet (Claude's memory folder before its first file).
  await fs.mkdir(path.dirname(file), { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lock(file, {
      realpath: false,
      lockfilePath,
      stale: STALE_MS,
      retries: { retries: 300, factor: 1.2, minTimeout: 10, maxTimeout: 100, randomize: true },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    throw new Error(`${file} is locked by another headroom run (${lockfilePath}); nothing was written to it. Run again when it has finished.`, { cause: error });
  }
  try {
    return await action();
  } finally {
    await release().catch(() => undefined);
  }
}
