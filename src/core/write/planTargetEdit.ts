import { findFencedLines } from './codeFences.js';
import { findMarkerPairs, pairFor } from './findMarkerPairs.js';
import { MarkerError } from './markerError.js';
import { detectLineEnding, splitLines, UTF8_BOM, type LineEnding } from './textLines.js';

export interface TargetEditOptions {
  /** Named in errors. */
  file: string;
  /** The project whose tagged pair to replace (shared files); undefined for the plain pair. */
  project?: string;
}

/**
 * The file's new text with `section` (a rendered marker section) in place:
 * - no file: the section and a line break;
 * - no marker pair for this section: the file unchanged, then line breaks so exactly one blank
 *   line separates it from the appended section, then the section and a line break;
 * - a pair: exactly the bytes from its start marker to its end marker are replaced.
 * Everything outside the markers keeps its bytes: BOM, line endings, trailing spaces, the final
 * line break or its absence. The section is written with the file's line ending (LF for a
 * new file). Broken markers, or a file that ends inside an open code fence (an appended section
 * would land inside it), throw MarkerError.
 */
export function planTargetEdit(current: string | undefined, section: string, options: TargetEditOptions): string {
  if (current === undefined) return `${withLineEnding(section, '\n')}\n`;
  const eol = detectLineEnding(current);
  const body = withLineEnding(section, eol);
  const pair = pairFor(findMarkerPairs(current, options.file), options.project);
  if (pair) return `${current.slice(0, pair.start)}${body}${current.slice(pair.end)}`;

  const unclosed = findFencedLines(splitLines(current)).unclosed;
  if (unclosed) {
    throw new MarkerError(options.file, [unclosed.line], `the file ends inside a code block opened with ${unclosed.fence}, so a section appended at the end would be code; close the block`);
  }
  if (current === '' || current === UTF8_BOM) return `${current}${body}${eol}`;
  return `${current}${separator(current, eol)}${body}${eol}`;
}

/** Line breaks needed after the existing text so one blank line precedes the section. */
function separator(text: string, eol: LineEnding): string {
  const trailing = /(?:\r\n|\n|\r)*$/.exec(text)?.[0] ?? '';
  const breaks = (trailing.match(/\r\n|\n|\r/g) ?? []).length;
  return eol.repeat(Math.max(0, 2 - breaks));
}

function withLineEnding(section: string, eol: LineEnding): string {
  return section.split(/\r\n|\n|\r/).join(eol);
}
