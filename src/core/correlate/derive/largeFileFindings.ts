import type { Correction } from '../../model/finding.js';
import { toCallRef } from '../callRef.js';
import { pathOf } from '../callViews.js';
import type { LargeFileDetails } from '../findingDetails.js';
import { groupBy, type FindingDraft } from '../findingDraft.js';
import { isOutsideProject, type DeriveContext } from './deriveContext.js';

/**
 * Known large files: full reads that failed as too large, per file, with the ranged reads that
 * then worked and the file's size in lines now. Stale when the file is gone; none for a file outside the project.
 */
export function largeFileFindings(corrections: readonly Correction[], ctx: DeriveContext): FindingDraft[] {
  const tooLarge = ctx.calls.all().filter((call) => call.tool === 'Read' && call.outcome === 'failed' && call.errorKind === 'file_too_large');
  const groups = groupBy(tooLarge, (call) => ctx.relative(pathOf(call) ?? '', toCallRef(call)));
  const ranged = corrections.filter((c) => c.kind === 'read_range');
  return [...groups.entries()]
    .filter(([file]) => file.length > 0 && !isOutsideProject(file))
    .map(([file, calls]) => {
      const fixes = ranged.filter((c) => ctx.relative(c.change?.to ?? '', c.fixed) === file);
      const exists = ctx.files.exists(file);
      const details: LargeFileDetails = {
        path: file,
        lines: exists ? ctx.files.lineCount(file) : undefined,
        failures: calls.length,
        rangedReads: fixes.length,
        stale: exists ? undefined : `${file} does not exist in the project now`,
      };
      return {
        category: 'large_file',
        key: file,
        occurrences: calls.length,
        evidence: [...calls.map(toCallRef), ...fixes.map((c) => c.fixed)],
        userStated: false,
        details,
      };
    });
}
