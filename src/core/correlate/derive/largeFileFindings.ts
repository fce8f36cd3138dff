import type { Correction } from '../../model/finding.js';
import type { ToolCall } from '../../model/toolCall.js';
import { toCallRef } from '../callRef.js';
import { pathOf } from '../callViews.js';
import type { LargeFileDetails } from '../findingDetails.js';
import { groupBy, type FindingDraft } from '../findingDraft.js';
import { isOutsideProject, type DeriveContext } from './deriveContext.js';

/** The start of the reason a large-file finding is dropped (stageDrops tells it from the others). */
const SELF_CORRECTED = 'the too-large error says to read a range, and the very next call did';

/**
 * Whether every failed full read was followed, as the session's next call, by a read of the same file that worked:
 * the tool's own error ("use offset and limit") taught the agent at once, for one small error and no detour, so a
 * rule would cost every session's context to save that. An independent review of the corpus judged such a rule noise.
 */
function correctedAtOnce(failures: readonly ToolCall[], ctx: DeriveContext): boolean {
  return failures.every((failure) => {
    const ordered = ctx.calls.bySession().find((calls) => calls.includes(failure)) ?? [];
    const next = ordered[ordered.indexOf(failure) + 1];
    return next !== undefined && next.tool === 'Read' && next.outcome === 'ok' && pathOf(next) === pathOf(failure);
  });
}

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
        dropped: correctedAtOnce(calls, ctx) ? `${SELF_CORRECTED} (${calls.length} of ${calls.length} times)` : undefined,
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
