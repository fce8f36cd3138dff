import type { Correction } from '../../model/finding.js';
import type { SearchScopeDetails } from '../findingDetails.js';
import { groupBy, rankByCount, type FindingDraft } from '../findingDraft.js';
import { evidenceOf, type DeriveContext } from './deriveContext.js';

/** A scope is "path" or "path (glob)" or several paths; only a single plain path is made relative. */
export function relativeScope(scope: string, ctx: DeriveContext, ref: Correction['failed']): string {
  const match = /^(\S+)( \(.*\))?$/.exec(scope);
  if (!match) return scope;
  return `${ctx.relative(match[1], ref)}${match[2] ?? ''}`;
}

function scopePath(scope: string): string | undefined {
  return /^(\S+)( \(.*\))?$/.exec(scope)?.[1];
}

/**
 * Search scope: where a search failed or found nothing, and where the same search then worked;
 * and, in one scope, a pattern that was corrected.
 */
export function searchScopeFindings(corrections: readonly Correction[], ctx: DeriveContext): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const scopes = corrections.filter((c) => c.kind === 'search_scope' && c.change);
  for (const [wrong, group] of groupBy(scopes, (c) => relativeScope(c.change!.from, ctx, c.failed))) {
    const ranked = rankByCount(group.map((c) => relativeScope(c.change!.to, ctx, c.fixed)));
    const right = ranked[0].value;
    const rightPath = scopePath(right);
    const details: SearchScopeDetails = {
      mode: 'scope',
      from: wrong,
      to: right,
      alternatives: ranked,
      stale: rightPath && !ctx.files.exists(rightPath) ? `${rightPath} does not exist in the project now` : undefined,
    };
    drafts.push({ category: 'search_scope', key: `scope:${wrong}`, occurrences: group.length, evidence: evidenceOf(group), userStated: false, details });
  }
  const patterns = corrections.filter((c) => c.kind === 'search_pattern' && c.change);
  const scopeOf = (c: Correction) => relativeScope(String(c.failed.input.path ?? '.'), ctx, c.failed);
  for (const [key, group] of groupBy(patterns, (c) => `${scopeOf(c)}\u0000${c.change!.from}`)) {
    const ranked = rankByCount(group.map((c) => c.change!.to));
    const details: SearchScopeDetails = {
      mode: 'pattern',
      from: group[0].change!.from,
      to: ranked[0].value,
      scope: scopeOf(group[0]),
      alternatives: ranked,
    };
    drafts.push({ category: 'search_scope', key: `pattern:${key}`, occurrences: group.length, evidence: evidenceOf(group), userStated: false, details });
  }
  return drafts;
}
