import type { NormalisedTool, ToolCall } from '../model/toolCall.js';
import { pathOf, patternOf } from './callViews.js';
import { editDistance } from './editDistance.js';
import type { IntentMatch } from './intent.js';
import { SEARCH_PATTERN_EDIT_DISTANCE_DIVISOR, SEARCH_PATTERN_MIN_EDIT_DISTANCE } from './thresholds.js';

export const SEARCH_TOOLS: ReadonlySet<NormalisedTool> = new Set(['Grep', 'Glob']);

/** The search tools' own "nothing found" replies (Claude Grep/Glob, Gemini search_file_content/glob). */
const EMPTY_SEARCH_REPLY = /^\s*(No files found|No matches found|Found 0 (?:files|matches)|No files matching)/i;

/** A Grep/Glob that ran but found nothing: as useless as a failure for learning where to search. */
export function isEmptySearch(call: ToolCall): boolean {
  return call.outcome === 'ok' && SEARCH_TOOLS.has(call.tool) && EMPTY_SEARCH_REPLY.test(call.output);
}

/** Where a search looked: its path ('.' when none, i.e. the working directory) plus any file filter. */
export function searchScope(call: ToolCall): string {
  const base = pathOf(call) ?? '.';
  const filters = ['glob', 'type', 'include']
    .map((key) => call.input[key])
    .filter((value): value is string => typeof value === 'string' && value.length > 0);
  return filters.length > 0 ? `${base} (${filters.join(', ')})` : base;
}

/** Two patterns close enough to be one pattern corrected (an escaped paren, a fixed case, a typo). */
export function nearPattern(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const allowed = Math.max(SEARCH_PATTERN_MIN_EDIT_DISTANCE, Math.floor(Math.max(a.length, b.length) / SEARCH_PATTERN_EDIT_DISTANCE_DIVISOR));
  return editDistance(a, b) <= allowed;
}

/** Grep / Glob: same pattern in another scope, or the same scope with a corrected pattern. */
export function sameSearchIntent(failed: ToolCall, candidate: ToolCall): IntentMatch {
  if (!SEARCH_TOOLS.has(failed.tool) || failed.tool !== candidate.tool) return undefined;
  const patternA = patternOf(failed);
  const patternB = patternOf(candidate);
  if (patternA === undefined || patternB === undefined) return undefined;
  const scopeA = searchScope(failed);
  const scopeB = searchScope(candidate);
  if (patternA === patternB) return scopeA === scopeB ? 'retry' : { kind: 'search_scope', from: scopeA, to: scopeB };
  if (scopeA === scopeB && nearPattern(patternA, patternB)) return { kind: 'search_pattern', from: patternA, to: patternB };
  return undefined;
}
