import { promises as fs } from 'node:fs';

/** The file's key as stat gives it now. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** Size and mtime of a regular file; undefined for anything else or when stat fails (the parser reports why). */
export async function stampOf(file: string): Promise<FileStamp | undefined> {
  try {
    const stats = await fs.stat(file);
    return stats.isFile() ? { size: stats.size, mtimeMs: stats.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}
