import type { Correction } from '../../model/finding.js';
import type { FilePathDetails } from '../findingDetails.js';
import { groupBy, rankByCount, type FindingDraft } from '../findingDraft.js';
import { evidenceOf, type DeriveContext } from './deriveContext.js';

/**
 * File path corrections: wrong path → the right path seen most often for it, both relative to
 * the project root. Stale (not proposed) when the right path is gone or the wrong one now exists.
 */
export function filePathFindings(corrections: readonly Correction[], ctx: DeriveContext): FindingDraft[] {
  const paths = corrections.filter((c) => c.kind === 'path' && c.change);
  const byWrong = groupBy(paths, (c) => ctx.relative(c.change!.from, c.failed));
  return [...byWrong.entries()].map(([wrong, group]) => {
    const ranked = rankByCount(group.map((c) => ctx.relative(c.change!.to, c.fixed)));
    const right = ranked[0].value;
    const details: FilePathDetails = {
      from: wrong,
      to: right,
      alternatives: ranked.map(({ value, count }) => ({ path: value, count })),
      stale: !ctx.files.exists(right)
        ? `${right} does not exist in the project now`
        : ctx.files.exists(wrong)
          ? `${wrong} exists now`
          : undefined,
    };
    return { category: 'file_path', key: wrong, occurrences: group.length, evidence: evidenceOf(group), userStated: false, details };
  });
}
