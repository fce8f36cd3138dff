/** A run of Markdown inline text: either a code span (with its backticks) or ordinary text. */
export interface InlineSegment {
  code: boolean;
  text: string;
}

/**
 * Splits one line of Markdown into code spans and the text between them, as CommonMark
 * does: a run of N backticks opens a span that ends at the next run of exactly N
 * backticks; a run that is never closed is literal text.
 */
export function splitCodeSpans(line: string): InlineSegment[] {
  const segments: InlineSegment[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    const runLength = backtickRun(line, i);
    const close = findClosingRun(line, i + runLength, runLength);
    if (close === -1) {
      i += runLength;
      continue;
    }
    if (i > plainStart) segments.push({ code: false, text: line.slice(plainStart, i) });
    segments.push({ code: true, text: line.slice(i, close + runLength) });
    i = close + runLength;
    plainStart = i;
  }
  if (plainStart < line.length) segments.push({ code: false, text: line.slice(plainStart) });
  return segments;
}

function backtickRun(line: string, from: number): number {
  let end = from;
  while (line[end] === '`') end++;
  return end - from;
}

function findClosingRun(line: string, from: number, length: number): number {
  let i = from;
  while (i < line.length) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    const run = backtickRun(line, i);
    if (run === length) return i;
    i += run;
  }
  return -1;
}
