import { findFencedLines } from './codeFences.js';
import { MarkerError } from './markerError.js';
import { looksLikeMarker, parseMarker, type ParsedMarker } from './markerSyntax.js';
import { lineContent, splitLines, type TextLine } from './textLines.js';

/** One well-formed start/end pair and exactly where it sits in the text. */
export interface MarkerPair {
  /** Project path of a tagged pair; undefined for the plain pair. */
  project?: string;
  startLine: number;
  endLine: number;
  /** Offset of the start marker's `<`. */
  start: number;
  /** Offset just after the end marker's `>` (its line ending is not part of the pair). */
  end: number;
}

interface MarkerAt extends ParsedMarker {
  line: TextLine;
}

/**
 * Every marker pair in a text. A marker is a line (outside code blocks, fenced or indented) holding only a
 * marker comment; a line that starts like one but is malformed, and unbalanced, nested,
 * mismatched or repeated markers, throw a MarkerError naming the lines. Marker text inside
 * ``` / ~~~ fences, in a line indented by four or more columns, or in the middle of a line (e.g. in inline
 * code) is ordinary text.
 */
export function findMarkerPairs(text: string, file: string): MarkerPair[] {
  const lines = splitLines(text);
  const { fenced } = findFencedLines(lines);
  const pairs: MarkerPair[] = [];
  let open: MarkerAt | undefined;
  for (const line of lines) {
    if (fenced.has(line.number)) continue;
    const content = lineContent(line);
    if (!looksLikeMarker(content)) continue;
    const parsed = parseMarker(content);
    if (!parsed) throw new MarkerError(file, [line.number], `malformed headroom:learn marker "${content.trim().slice(0, 80)}"`);
    const marker: MarkerAt = { ...parsed, line };
    if (marker.type === 'start') {
      if (open) throw new MarkerError(file, [open.line.number, line.number], 'a start marker inside another marked section (nested markers)');
      open = marker;
      continue;
    }
    if (!open) throw new MarkerError(file, [line.number], 'an end marker without a start marker before it');
    if (open.project !== marker.project) {
      throw new MarkerError(file, [open.line.number, line.number], `start and end markers name different projects (${describe(open.project)} vs ${describe(marker.project)})`);
    }
    const repeated = pairs.find((pair) => pair.project === marker.project);
    if (repeated) {
      throw new MarkerError(
        file,
        [repeated.startLine, repeated.endLine, open.line.number, line.number],
        `more than one marked section for ${describe(marker.project)} (repeated markers)`,
      );
    }
    pairs.push({
      project: marker.project,
      startLine: open.line.number,
      endLine: line.number,
      start: markerStart(open.line),
      end: markerEnd(line),
    });
    open = undefined;
  }
  if (open) throw new MarkerError(file, [open.line.number], 'a start marker without an end marker after it');
  return pairs;
}

/** The pair that belongs to a project (tagged) or to the file (plain, project undefined). */
export function pairFor(pairs: readonly MarkerPair[], project: string | undefined): MarkerPair | undefined {
  return pairs.find((pair) => pair.project === project);
}

function describe(project: string | undefined): string {
  return project === undefined ? 'the untagged section' : `project "${project}"`;
}

function markerStart(line: TextLine): number {
  return line.start + line.text.indexOf('<!--');
}

function markerEnd(line: TextLine): number {
  return line.start + line.text.lastIndexOf('-->') + 3;
}
