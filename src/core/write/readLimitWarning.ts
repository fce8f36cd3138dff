import { findMarkerPairs, pairFor } from './findMarkerPairs.js';

/**
 * A warning when the agent reads only the first `limit` lines of a file (Claude Code's
 * MEMORY.md: 200) and the marker section would not fit in them; undefined when it fits.
 */
export function readLimitWarning(text: string, file: string, project: string | undefined, limit: number): string | undefined {
  const pair = pairFor(findMarkerPairs(text, file), project);
  if (!pair || pair.endLine <= limit) return undefined;
  const where =
    pair.startLine > limit
      ? `starts at line ${pair.startLine}, so the agent would not read any of it`
      : `ends at line ${pair.endLine}, so the rules after line ${limit} would not be read`;
  return `${file}: the agent reads only the first ${limit} lines of this file; the learned section ${where}. Move the section up or shorten the file.`;
}
