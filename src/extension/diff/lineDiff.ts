import { diffLines } from 'diff';
import type { DiffLine } from '../../webview/protocol/diffProtocol.js';

function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Line diff of two texts (the current and the proposed marker section), every line kept for context. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const part of diffLines(before.replace(/\r\n?/g, '\n'), after.replace(/\r\n?/g, '\n'))) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'context';
    for (const text of splitLines(part.value)) lines.push({ kind, text });
  }
  return lines;
}
