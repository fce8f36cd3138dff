import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The file is not what the change was planned from: someone edited, created or deleted it since. */
export class FileChangedError extends Error {
  override readonly name = 'FileChangedError';
  constructor(readonly file: string) {
    super(`${file} changed since it was read; nothing was written to it. Run the command again to see the new diff.`);
  }
}

export interface AtomicWriteOptions {
  /** The text the new content was planned from; undefined when the file did not exist. */
  expectedText: string | undefined;
}

/**
 * Replaces a file's content in one step: writes a temporary file in the same folder, then
 * renames it over the file, so a reader sees the old or the new text, never half of it.
 * - refuses with FileChangedError when the file no longer holds `expectedText` (checked before
 *   writing and again right before the rename);
 * - keeps the file's permission bits; a new file gets the default mode, and missing parent
 *   folders are created (e.g. Claude Code's memory folder);
 * - follows a symbolic link and replaces the file it points to, so the link stays a link.
 */
export async function writeFileAtomically(file: string, text: string, options: AtomicWriteOptions): Promise<void> {
  const target = await resolveLinks(file);
  await assertUnchanged(target, file, options.expectedText);
  const folder = path.dirname(target);
  await fs.mkdir(folder, { recursive: true });
  const mode = await existingMode(target);
  const temporary = path.join(folder, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temporary, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(text, 'utf8');
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await assertUnchanged(target, file, options.expectedText);
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

async function resolveLinks(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path.resolve(file);
    throw error;
  }
}

async function assertUnchanged(target: string, shownAs: string, expected: string | undefined): Promise<void> {
  let actual: string | undefined;
  try {
    actual = await fs.readFile(target, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (actual !== expected) throw new FileChangedError(shownAs);
}

async function existingMode(target: string): Promise<number | undefined> {
  try {
    return (await fs.stat(target)).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
