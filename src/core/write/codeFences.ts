import { lineContent, type TextLine } from './textLines.js';

interface OpenFence {
  /** Line where the still-open fence starts. */
  line: number;
  fence: string;
}

export interface FenceScan {
  /**
   * Line numbers that are code: inside a fenced code block (fence lines included), or indented by four or more
   * columns (an indented code block).
   */
  fenced: Set<number>;
  /** A fence opened and never closed (it runs to the end of the file), if any. */
  unclosed?: OpenFence;
}

const OPENING = /^\s*(`{3,}|~{3,})(.*)$/;
/** Four spaces, or a tab after at most three: CommonMark's indented code block. */
const INDENTED_CODE = /^(?: {0,3}\t| {4})/;

/**
 * Finds the lines inside ``` and ~~~ fenced code blocks, following CommonMark: a fence is
 * three or more backticks or tildes, a backtick fence's info string has no backtick, and the
 * block ends at a line holding only a fence of the same character at least as long. Unlike
 * CommonMark, any indentation is accepted, so fences nested in list items count too (the safe
 * direction: marker text there is never taken for a marker). A line indented by four or more columns outside a
 * fence is code too (an indented code block), also where CommonMark would read it as a paragraph's continuation
 * or list content: headroom writes its markers at the start of a line, so an indented one is never its own.
 */
export function findFencedLines(lines: readonly TextLine[]): FenceScan {
  const fenced = new Set<number>();
  let open: OpenFence | undefined;
  for (const line of lines) {
    const content = lineContent(line);
    if (open) {
      fenced.add(line.number);
      if (closes(content, open.fence)) open = undefined;
      continue;
    }
    const match = OPENING.exec(content);
    if (!match) {
      if (INDENTED_CODE.test(content)) fenced.add(line.number);
      continue;
    }
    const [, fence, info] = match;
    if (fence.startsWith('`') && info.includes('`')) continue;
    open = { line: line.number, fence };
    fenced.add(line.number);
  }
  return { fenced, unclosed: open };
}

function closes(content: string, fence: string): boolean {
  const trimmed = content.trim();
  return trimmed.length >= fence.length && trimmed === fence[0].repeat(trimmed.length);
}
