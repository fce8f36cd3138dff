import type { ParsedSession } from '../agents/plugin.js';
import { CATEGORIES, type Correction, type Finding } from '../model/finding.js';
import { buildFinding } from './buildFinding.js';
import { callLookup } from './callLookup.js';
import { dropContradictions } from './contradictions.js';
import { commandPatternFindings } from './derive/commandPatternFindings.js';
import { deriveContext } from './derive/deriveContext.js';
import { environmentFindings } from './derive/environmentFindings.js';
import { filePathFindings } from './derive/filePathFindings.js';
import { folderFindings } from './derive/folderFindings.js';
import { gateFindings, withoutGateRetries } from './derive/gateFindings.js';
import { largeFileFindings } from './derive/largeFileFindings.js';
import { nameFindings } from './derive/nameFindings.js';
import { permissionFindings } from './derive/permissionFindings.js';
import { retryFindings } from './derive/retryFindings.js';
import { searchedFileAsPath } from './derive/searchedFileCorrections.js';
import { relativeScope, searchScopeFindings } from './derive/searchScopeFindings.js';
import { workingFolderFindings } from './derive/workingFolderFindings.js';
import { mergeDrafts } from './mergeFindings.js';
import type { ProjectFiles } from './projectFiles.js';
import { MIN_OCCURRENCES, MIN_OCCURRENCES_USER_STATED, MIN_SESSIONS } from './thresholds.js';
import { estimateWaste, findingWastedTokens, type WasteEstimate } from './wasteEstimate.js';
import type { FindingDraft } from './findingDraft.js';

export interface DerivedFindings {
  /** Findings that met the thresholds, most valuable first within each category; stale ones are flagged in details.stale. */
  findings: Finding[];
  /** Corrections dropped because the opposite correction (B → A) was also seen. */
  contradictions: Correction[];
  /** Findings seen too rarely to be proposed. */
  belowThreshold: number;
  /** Those findings themselves (for the report's "not proposed" list). */
  belowThresholdFindings: Finding[];
  waste: WasteEstimate;
}

export interface DeriveOptions {
  /** Occurrences a finding needs (the user's evidence threshold); defaults to MIN_OCCURRENCES. */
  minOccurrences?: number;
}

/** Sessions the evidence comes from. */
function sessionsOf(draft: Pick<FindingDraft, 'evidence'>): number {
  return new Set(draft.evidence.map((ref) => `${ref.agent}\u0000${ref.sessionId}`)).size;
}

/**
 * Enough evidence for a rule: MIN_OCCURRENCES in MIN_SESSIONS sessions, or the user's own words. A user who
 * lowers the occurrence threshold below the session threshold accepts single-session findings too.
 */
export function meetsThreshold(draft: Pick<FindingDraft, 'occurrences' | 'userStated' | 'evidence'>, minOccurrences = MIN_OCCURRENCES): boolean {
  if (draft.userStated && draft.occurrences >= MIN_OCCURRENCES_USER_STATED) return true;
  return draft.occurrences >= minOccurrences && sessionsOf(draft) >= Math.min(MIN_SESSIONS, minOccurrences);
}

export function isStale(finding: Pick<Finding, 'details'>): boolean {
  return typeof finding.details.stale === 'string';
}

/** Why a finding that met the thresholds is still no rule (e.g. a rejection without a stated preference), or undefined. */
export function droppedReason(finding: Pick<Finding, 'details'>): string | undefined {
  const reason = (finding.details as { dropped?: unknown }).dropped;
  return typeof reason === 'string' ? reason : undefined;
}

/** Most valuable first: category order of the spec, then occurrences, then sessions. */
export function byValue(a: Finding, b: Finding): number {
  return (
    CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) ||
    b.occurrences - a.occurrences ||
    b.sessions - a.sessions ||
    a.key.localeCompare(b.key)
  );
}

/** Corrections and counts → the seven kinds of findings, each with its evidence. */
export function deriveFindings(
  sessions: readonly ParsedSession[],
  corrections: readonly Correction[],
  files: ProjectFiles,
  options: DeriveOptions = {},
): DerivedFindings {
  const calls = callLookup(sessions);
  const ctx = deriveContext(files, calls);
  const comparable = (value: string, c: Correction) =>
    c.kind === 'path' ? ctx.relative(value, c.failed) : c.kind === 'search_scope' ? relativeScope(value, ctx, c.failed) : value;
  const { kept, dropped } = dropContradictions(corrections, comparable);
  const located = kept.map((c) => searchedFileAsPath(c, ctx));
  const folders = folderFindings(located, ctx);
  const gates = gateFindings(ctx);
  const drafts = mergeDrafts(withoutGateRetries([
    ...gates,
    ...environmentFindings(kept, ctx),
    ...folders.drafts,
    ...filePathFindings(folders.rest, ctx),
    ...searchScopeFindings(folders.rest, ctx),
    ...commandPatternFindings(kept, ctx),
    ...nameFindings(kept, ctx),
    ...largeFileFindings(kept, ctx),
    ...retryFindings(
      sessions.map((s) => s.calls),
      kept,
      ctx,
    ),
    ...permissionFindings(ctx),
    ...workingFolderFindings(
      sessions.map((s) => s.calls),
      ctx,
    ),
  ], gates.filter((gate) => meetsThreshold(gate, options.minOccurrences))));
  const findings = drafts
    .filter((draft) => meetsThreshold(draft, options.minOccurrences))
    .map(buildFinding)
    .map((finding) => ({ ...finding, wastedTokens: findingWastedTokens(calls, finding) }))
    .sort(byValue);
  const belowThresholdFindings = drafts.filter((draft) => !meetsThreshold(draft, options.minOccurrences)).map(buildFinding).sort(byValue);
  return {
    findings,
    contradictions: dropped,
    belowThreshold: belowThresholdFindings.length,
    belowThresholdFindings,
    waste: estimateWaste(calls, findings.filter((f) => !isStale(f) && droppedReason(f) === undefined)),
  };
}
