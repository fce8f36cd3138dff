/**
 * The comments that delimit the section headroom manages. Project-scoped files use the
 * plain pair; a file shared by several projects (Codex instructions.md) holds one pair per
 * project, tagged with the project's absolute path.
 */
const START_MARKER = '<!-- headroom:learn:start -->';
const END_MARKER = '<!-- headroom:learn:end -->';

/** Any line whose content starts like this must be a well-formed marker, or the file is refused. */
const MARKER_PREFIX = '<!-- headroom:learn:';

export interface ParsedMarker {
  type: 'start' | 'end';
  /** The project path of a tagged marker, decoded. */
  project?: string;
}

const MARKER_LINE = /^<!-- headroom:learn:(start|end)(?: project="([^"]*)")? -->$/;

/** `"`, `<`, `>` and `&` cannot appear raw inside the attribute, so `-->` in a path cannot end the comment. */
function encodeProjectTag(projectPath: string): string {
  return projectPath.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function decodeProjectTag(encoded: string): string {
  return encoded.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function startMarker(project?: string): string {
  return project === undefined ? START_MARKER : `<!-- headroom:learn:start project="${encodeProjectTag(project)}" -->`;
}

export function endMarker(project?: string): string {
  return project === undefined ? END_MARKER : `<!-- headroom:learn:end project="${encodeProjectTag(project)}" -->`;
}

/** True when a line (without its ending) claims to be a marker. */
export function looksLikeMarker(content: string): boolean {
  return content.trim().startsWith(MARKER_PREFIX);
}

/** The marker on a line, or undefined when the line claims to be one but is malformed. */
export function parseMarker(content: string): ParsedMarker | undefined {
  const match = MARKER_LINE.exec(content.trim());
  if (!match) return undefined;
  const type = match[1] as 'start' | 'end';
  return match[2] === undefined ? { type } : { type, project: decodeProjectTag(match[2]) };
}
