import type { CorrelationDrop } from '../correlate/correlateFailures.js';
import { droppedReason, isStale } from '../correlate/deriveFindings.js';
import { gateDropKind } from '../correlate/derive/gateFindings.js';
import { callKey, toCallRef } from '../correlate/callRef.js';
import { MIN_OCCURRENCES, MIN_SESSIONS } from '../correlate/thresholds.js';
import type { Correction, Finding, Learning } from '../model/finding.js';
import { describeCall, mergeDropped, type DropObservation, type DroppedCandidate, type DropReason } from './droppedCandidates.js';

function times(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What the agent said it expected of a run (Bash description, Codex justification), for a run meant to fail. */
function purposeOf(drop: CorrelationDrop): string | undefined {
  const purpose = drop.failed.input.description ?? drop.failed.input.justification;
  return typeof purpose === 'string' ? `“${purpose}”` : undefined;
}

function correlationObservation(drop: CorrelationDrop): DropObservation {
  const fixed = drop.fixed ? describeCall(drop.fixed, 100) : undefined;
  const detail =
    drop.reason === 'meant_to_fail'
      ? purposeOf(drop)
      : drop.reason === 'hidden_outcome'
        ? `then ${fixed}: its exit code is hidden and its output shows no result`
        : fixed && `then ${fixed} worked`;
  return { reason: drop.reason, subject: describeCall(drop.failed), detail, evidence: [toCallRef(drop.failed), ...(drop.fixed ? [toCallRef(drop.fixed)] : [])] };
}

function weakFindingObservation(finding: Finding, minOccurrences: number): DropObservation {
  const counts = `${times(finding.occurrences, 'occurrence')} in ${times(finding.sessions, 'session')}`;
  const rejection = (finding.details as { mode?: unknown }).mode === 'user_prefers_manual';
  const needs = `needs ${minOccurrences} in ${Math.min(MIN_SESSIONS, minOccurrences)}`;
  return {
    reason: rejection ? 'single_rejection' : 'below_threshold',
    subject: finding.rule,
    detail: rejection ? `${finding.sessions === 1 ? 'rejected in one session' : counts}, no stated preference` : `${counts} (${needs})`,
    evidence: finding.evidence,
    occurrences: finding.occurrences,
    findingId: finding.id,
  };
}

/** Why a finding that met the thresholds is no rule, as a reason of the report. */
function findingDropReason(finding: Finding): DropReason {
  const d = finding.details as { mode?: unknown };
  if (finding.category === 'large_file') return 'self_corrected';
  return d.mode === 'gate' ? gateDropKind(droppedReason(finding) ?? '') : 'single_rejection';
}

/**
 * Stage one's dropped candidates: failures that taught nothing (meant to fail, fixed by an edit, outcome hidden …),
 * corrections contradicted by their opposite, findings below the thresholds, and findings that met them but are
 * still no rule (a rejection without a stated preference, a path gone from the project).
 */
export function findingStageDrops(input: {
  correlation: readonly CorrelationDrop[];
  contradictions: readonly Correction[];
  belowThreshold: readonly Finding[];
  findings: readonly Finding[];
  minOccurrences?: number;
}): DroppedCandidate[] {
  const observations: DropObservation[] = [
    ...input.correlation.map(correlationObservation),
    ...input.contradictions.map((c): DropObservation => ({
      reason: 'contradiction',
      subject: `${c.kind}: ${c.change?.from ?? ''} → ${c.change?.to ?? ''}`,
      evidence: [c.failed, c.fixed],
    })),
    ...input.belowThreshold.map((f) => weakFindingObservation(f, input.minOccurrences ?? MIN_OCCURRENCES)),
    ...input.findings.flatMap((f): DropObservation[] => {
      const base = { subject: f.rule, evidence: f.evidence, occurrences: f.occurrences, findingId: f.id };
      if (isStale(f)) return [{ ...base, reason: 'stale', detail: String(f.details.stale) }];
      const dropped = droppedReason(f);
      return dropped ? [{ ...base, reason: findingDropReason(f), detail: dropped }] : [];
    }),
  ];
  // A failure that taught no command correction may still be evidence of a rule (a working folder, a gate): not "dropped".
  const evidenced = new Set(input.findings.filter((f) => !isStale(f) && droppedReason(f) === undefined).flatMap((f) => f.evidence.map(callKey)));
  return mergeDropped(observations.filter((o) => !o.evidence.some((ref) => evidenced.has(callKey(ref)))));
}

/**
 * Stage two's dropped candidates: rules the personal-data gate took out, and findings the analyzer made no rule
 * of (stale and single-rejection findings are stage one's already).
 */
export function analysisStageDrops(input: {
  findings: readonly Finding[];
  analyzed: readonly Learning[];
  kept: readonly Learning[];
  gate: ReadonlyArray<{ text: string; why: string; reason?: DropReason }>;
  analyzerDropped: ReadonlyArray<{ text: string; why: string }>;
}): DroppedCandidate[] {
  const observations: DropObservation[] = [];
  for (const learning of input.analyzed) {
    if (input.kept.includes(learning)) continue;
    const gate = input.gate.find((d) => d.text === learning.text);
    observations.push({ reason: gate?.reason ?? 'personal_data', subject: learning.text, detail: gate?.why, evidence: learning.evidence, findingId: learning.findingIds[0] });
  }
  const cited = new Set(input.analyzed.flatMap((l) => l.findingIds));
  for (const finding of input.findings) {
    if (cited.has(finding.id) || isStale(finding) || droppedReason(finding) !== undefined) continue;
    const why = input.analyzerDropped.find((d) => d.text === finding.rule)?.why ?? 'the analyzer wrote no rule from it';
    observations.push({ reason: 'analyzer', subject: finding.rule, detail: why, evidence: finding.evidence, occurrences: finding.occurrences, findingId: finding.id });
  }
  return mergeDropped(observations);
}
