import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { withFileLock } from '../core/fs/fileLock.js';
import { readRegularFile } from '../core/logs/regularFile.js';
import { decodeTarget, RefusedTargetError, resolveTargetFile } from '../core/fs/targetFile.js';
import { encodeText, type TextEncodingName } from '../core/fs/textEncoding.js';

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
  /** The folder the file must stay inside once links are resolved (see resolveTargetFile); unchecked when absent. */
  root?: string;
  /**
   * When the file no longer holds `expectedText`: the text to write instead, planned again on what it holds now
   * (a shared file another project wrote its own section to meanwhile), or undefined to refuse with FileChangedError.
   */
  replan?: (current: string | undefined) => string | undefined;
}

/**
 * Replaces a file's content in one step: writes a temporary file in the same folder, then
 * renames it over the file, so a reader sees the old or the new text, never half of it.
 * - under an advisory lock (core/fs/fileLock.ts), the file is re-read and compared with `expectedText`; a file
 *   that changed is planned again with `replan` or refused with FileChangedError (checked again right before
 *   the rename, for editors that do not take the lock);
 * - refuses (RefusedTargetError) a link that leads outside `root`, a FIFO, device or socket, and an encoding it
 *   does not edit (anything but UTF-8 and UTF-16 with its BOM);
 * - writes in the encoding the file has (UTF-8, UTF-16 with its BOM); a new file is UTF-8;
 * - keeps the file's permission bits; a new file gets the default mode, and missing parent
 *   folders are created (e.g. Claude Code's memory folder);
 * - follows a symbolic link (inside `root`) and replaces the file it points to, so the link stays a link.
 */
export async function writeFileAtomically(file: string, text: string, options: AtomicWriteOptions): Promise<void> {
  const target = options.root === undefined ? await resolveLinks(file) : await resolveTargetFile(file, options.root);
  const folder = path.dirname(target);
  await fs.mkdir(folder, { recursive: true });
  await withFileLock(target, async () => {
    const current = await readCurrent(target, file);
    let next = text;
    if (current?.text !== options.expectedText) {
      const replanned = options.replan?.(current?.text);
      if (replanned === undefined) throw new FileChangedError(file);
      next = replanned;
    }
    const encoding = current?.encoding ?? 'utf8';
    await replaceFile(target, file, encodeText(next, encoding), current);
  });
}

async function replaceFile(target: string, shownAs: string, bytes: Buffer, before: { text: string; encoding: TextEncodingName } | undefined): Promise<void> {
  const folder = path.dirname(target);
  const mode = await existingMode(target);
  const temporary = path.join(folder, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temporary, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(bytes);
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if ((await readCurrent(target, shownAs))?.text !== before?.text) throw new FileChangedError(shownAs);
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

/** The file's text and encoding now; undefined when it does not exist. Only a regular file is read. */
async function readCurrent(target: string, shownAs: string): Promise<{ text: string; encoding: TextEncodingName } | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if ((error as NodeJS.ErrnoException).code === 'ENOTREG') throw new RefusedTargetError(shownAs, `${shownAs}: ${(error as Error).message}; skipped, nothing was written to it.`);
    throw error;
  }
  return decodeTarget(shownAs, bytes);
}

async function existingMode(target: string): Promise<number | undefined> {
  try {
    return (await fs.stat(target)).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
