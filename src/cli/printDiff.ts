import { structuredPatch } from 'diff';
import type { painter } from './output.js';

type Paint = ReturnType<typeof painter>;

/** What printDiff needs of a proposal (core's TargetProposal fits). */
export interface DiffableFile {
  path: string;
  exists: boolean;
  currentText?: string;
  proposedText?: string;
  changed: boolean;
}

/** Lines of context around each change. */
const DIFF_CONTEXT_LINES = 3;

/**
 * A coloured unified diff of one file: a header saying "new file" or how many lines change,
 * then the hunks. Empty when nothing changes. Carriage returns and a byte-order mark are not
 * shown (they are kept in the file; the diff is for reading).
 */
export function formatFileDiff(file: DiffableFile, paint: Paint): string {
  if (!file.changed || file.proposedText === undefined) return '';
  const before = forDisplay(file.currentText ?? '');
  const after = forDisplay(file.proposedText);
  const patch = structuredPatch(file.path, file.path, before, after, undefined, undefined, { context: DIFF_CONTEXT_LINES });
  const lines = patch.hunks.flatMap((hunk) => hunk.lines);
  const added = lines.filter((line) => line.startsWith('+')).length;
  const removed = lines.filter((line) => line.startsWith('-')).length;
  const out: string[] = [paint('bold', headerLine(file, added, removed))];
  out.push(paint('dim', file.exists ? `--- ${file.path}` : '--- /dev/null'), paint('dim', `+++ ${file.path}`));
  for (const hunk of patch.hunks) {
    out.push(paint('cyan', hunkHeader(hunk)));
    for (const line of hunk.lines) out.push(colourLine(line, paint));
  }
  return `${out.join('\n')}\n`;
}

/** Writes formatFileDiff's text to a stream; nothing for an unchanged file. */
export function printDiff(stream: NodeJS.WritableStream, file: DiffableFile, paint: Paint): void {
  const text = formatFileDiff(file, paint);
  if (text) stream.write(`${text}\n`);
}

/** `@@ -a,b +c,d @@`; an empty range starts at the line before it, as in `diff -u` (jsdiff's formatPatch does the same). */
function hunkHeader(hunk: { oldStart: number; oldLines: number; newStart: number; newLines: number }): string {
  const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
  const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
  return `@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@`;
}

function headerLine(file: DiffableFile, added: number, removed: number): string {
  if (!file.exists) return `new file: ${file.path} (${added} line${added === 1 ? '' : 's'})`;
  const changed = Math.max(added, removed);
  return `${file.path}: ${changed} line${changed === 1 ? '' : 's'} changed (+${added} -${removed})`;
}

function colourLine(line: string, paint: Paint): string {
  if (line.startsWith('+')) return paint('green', line);
  if (line.startsWith('-')) return paint('red', line);
  if (line.startsWith('\\')) return paint('dim', line);
  return line;
}

function forDisplay(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
}
