import { isUtf8 } from 'node:buffer';

/**
 * The warning for a session file with bytes that are not UTF-8: they are read as U+FFFD, which would
 * otherwise reach a quote or a rule silently. Given once per file, at the first such line.
 */
export function invalidUtf8Warning(file: string, line: number): string {
  return `${file}:${line}: ${INVALID_UTF8_REASON}`;
}

/** The reason part of invalidUtf8Warning, for warning lists that add the file and line themselves. */
export const INVALID_UTF8_REASON = 'invalid UTF-8 (read as U+FFFD; later lines of this file are not reported)';

/** The 1-based line of the first bytes that are not UTF-8 in a whole file's contents, or undefined when all are. */
export function firstInvalidUtf8Line(bytes: Buffer): number | undefined {
  if (isUtf8(bytes)) return undefined;
  let line = 1;
  let start = 0;
  for (;;) {
    const newline = bytes.indexOf(10, start);
    const end = newline === -1 ? bytes.length : newline;
    if (!isUtf8(bytes.subarray(start, end))) return line;
    if (newline === -1) return line;
    line += 1;
    start = newline + 1;
  }
}
