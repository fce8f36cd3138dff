/** One line of a text file with the exact line ending that followed it ('' for a last line without one). */
export interface TextLine {
  /** 1-based line number. */
  number: number;
  /** Offset of the line's first character in the text. */
  start: number;
  /** The line without its ending. */
  text: string;
  eol: '' | '\n' | '\r\n' | '\r';
}

export const UTF8_BOM = '\uFEFF';

export type LineEnding = '\n' | '\r\n';

/** Splits a text into lines, keeping every line ending, so joining text + eol gives back the input exactly. */
export function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  const pattern = /\r\n|\n|\r/g;
  let start = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    lines.push({ number: lines.length + 1, start, text: text.slice(start, match.index), eol: match[0] as TextLine['eol'] });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ number: lines.length + 1, start, text: text.slice(start), eol: '' });
  return lines;
}

/** The file's line ending: that of its first line break; LF for a text without one. */
export function detectLineEnding(text: string): LineEnding {
  const match = /\r\n|\n/.exec(text);
  return match?.[0] === '\r\n' ? '\r\n' : '\n';
}

/** The line's text as Markdown sees it: without a leading byte-order mark. */
export function lineContent(line: TextLine): string {
  return line.number === 1 && line.text.startsWith(UTF8_BOM) ? line.text.slice(1) : line.text;
}
