import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describeFileKind } from '../logs/regularFile.js';
import { decodeText, detectTextEncoding, type TextEncodingName } from './textEncoding.js';

/**
 * A target file headroom will not read or write: a link that leads outside the folder it belongs in, something
 * that is not a regular file, or an encoding it cannot edit without changing bytes. Only this file is skipped;
 * the message says why and what to do.
 */
export class RefusedTargetError extends Error {
  override readonly name = 'RefusedTargetError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * The real path of a file, links resolved, also when it does not exist yet (its nearest existing folder resolved,
 * the rest appended). A link whose target does not exist is refused: writing through it would create a file
 * wherever it points.
 */
async function realPathOf(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const link = await fs.lstat(file).catch((error: unknown) => {
    if (isMissing(error)) return undefined;
    throw error;
  });
  if (link?.isSymbolicLink()) {
    throw new RefusedTargetError(file, `${file} is a symbolic link to ${await fs.readlink(file)}, which does not exist; headroom does not create files through links. Nothing was written to it.`);
  }
  const parent = path.dirname(file);
  if (parent === file) return file;
  return path.join(await realPathOf(parent), path.basename(file));
}

function isInside(child: string, folder: string): boolean {
  const relative = path.relative(folder, child);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

/**
 * Where a target file really is, checked: links are followed only when the real path stays inside `root` (the
 * project for the project's files, the agent's home for its own), and only a regular file (or none yet) passes.
 * Returns the real path to read and write; RefusedTargetError otherwise.
 */
export async function resolveTargetFile(file: string, root: string): Promise<string> {
  const absolute = path.resolve(file);
  const realRoot = await realPathOf(path.resolve(root));
  const real = await realPathOf(absolute);
  if (!isInside(real, realRoot)) {
    throw new RefusedTargetError(
      file,
      `${file} leads to ${real}, outside ${root}; headroom writes only inside the folder the file belongs to, so nothing was written to it. Replace the link with a regular file to let headroom write there.`,
    );
  }
  let stats;
  try {
    stats = await fs.stat(real);
  } catch (error) {
    if (isMissing(error)) return real;
    throw error;
  }
  if (!stats.isFile() && !stats.isDirectory()) {
    throw new RefusedTargetError(file, `${file} is ${describeFileKind(stats)}, not a regular file; skipped, nothing was read from or written to it.`);
  }
  return real;
}

/** A target's text and the encoding it came in. */
export interface DecodedTarget {
  text: string;
  encoding: TextEncodingName;
}

/** Decodes a target's bytes by the rule in textEncoding.ts; RefusedTargetError for an encoding headroom does not edit. */
export function decodeTarget(file: string, bytes: Uint8Array): DecodedTarget {
  const detected = detectTextEncoding(bytes);
  if (!detected.ok) {
    throw new RefusedTargetError(file, `${file} was left untouched: ${detected.reason}. Convert it to UTF-8 to let headroom write its section there.`);
  }
  return { text: decodeText(bytes, detected.encoding), encoding: detected.encoding };
}

/** The message for a section that the file's encoding cannot hold. */
