import { boundedLine } from '../model/boundedLine.js';
import type { CallRef } from '../model/finding.js';
import type { ToolCall } from '../model/toolCall.js';
import { redactSecrets } from '../redact/redactSecrets.js';

/**
 * Why a candidate did not become a rule. Stage one (findFindings) finds most of them while pairing failures with
 * fixes and counting; stage two (analyzeAndPlan) adds the analyzer's and the personal-data gate's.
 */
export const DROP_REASONS = [
  'single_rejection',
  'user_rejected',
  'nothing_specific',
  'already_routine',
  'fixed_in_session',
  'self_corrected',
  'hidden_outcome',
  'edit_was_fix',
  'reran_check',
  'checks_less',
  'other_directory',
  'meant_to_fail',
  'personal_data',
  'not_whole',
  'contradicts_rule',
  'below_threshold',
  'contradiction',
  'stale',
  'analyzer',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** What each reason means, in the words the report uses. */
export const DROP_REASON_LABELS: Readonly<Record<DropReason, string>> = {
  single_rejection: 'rejection without a stated preference',
  user_rejected: 'the user rejected running it',
  nothing_specific: 'nothing specific to say (no check failed in two sessions)',
  already_routine: 'the agent already does it in most sessions',
  fixed_in_session: 'the agent caught and fixed it itself within the session',
  self_corrected: "the tool's error said what to do and the next call did it",
  hidden_outcome: 'outcome hidden (exit code behind | tail, ; echo, || true)',
  edit_was_fix: 'the edit was the fix, not the command',
  reran_check: 'same check re-run with other tests or output flags',
  checks_less: 'passed only by checking less (--skip, -k "not …", || true)',
  other_directory: 'passed only in another directory',
  meant_to_fail: 'meant to fail (TDD red step, reproduction)',
  personal_data: 'personal data or a machine path',
  not_whole: 'names a command or path too long to state whole',
  contradicts_rule: 'contradicts a better-supported rule',
  below_threshold: 'below threshold',
  contradiction: 'contradicted (the opposite change was seen too)',
  stale: 'no longer true in the project',
  analyzer: 'dropped by the analyzer',
};

/** A candidate that did not become a rule, with why: one entry per reason and subject. */
export interface DroppedCandidate {
  reason: DropReason;
  /** What it was about: the rule it would have been, or the call that failed (secrets redacted, one line). */
  subject: string;
  /** The reason made specific: "1 occurrence in 1 session", the analyzer's words, the hidden pipe. */
  detail?: string;
  occurrences: number;
  sessions: number;
  /** Where it was seen (at most MAX_DROPPED_EVIDENCE calls). */
  evidence: CallRef[];
  /** The finding it was, when it got that far. */
  findingId?: string;
}

/** Evidence kept per dropped candidate: enough to look one up, not a copy of the log. */
export const MAX_DROPPED_EVIDENCE = 6;
/** Longest subject kept. */
const SUBJECT_MAX_CHARS = 300;

/** One observation of a dropped candidate, before equal ones are merged. */
export interface DropObservation {
  reason: DropReason;
  subject: string;
  detail?: string;
  evidence: readonly CallRef[];
  occurrences?: number;
  findingId?: string;
}

/** Text from logs made safe to show: secrets redacted, control characters gone, one line, bounded. */
export function safeSubject(text: string, max = SUBJECT_MAX_CHARS): string {
  const clean = redactSecrets(text)
    // eslint-disable-next-line no-control-regex -- removing control and invisible characters is the point
    .text.replace(/[\u0000-\u001F\u007F\u200B-\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]+/g, ' ');
  return boundedLine(clean, max);
}

const CALL_SUBJECT_KEYS = ['command', 'cmd', 'file_path', 'absolute_path', 'path', 'notebook_path', 'dir_path', 'pattern', 'query', 'url'];

/** A call in a few words: "Bash go test ./...", "Read src/app.ts" (secrets redacted). */
export function describeCall(call: Pick<ToolCall, 'tool' | 'input'>, max = 160): string {
  let subject = '';
  for (const key of CALL_SUBJECT_KEYS) {
    const value = call.input[key];
    if (typeof value === 'string' && value.trim()) subject = value;
    else if (Array.isArray(value) && value.length > 0 && value.every((part) => typeof part === 'string')) subject = value.join(' ');
    if (subject) break;
  }
  if (!subject) subject = JSON.stringify(call.input) ?? '';
  return safeSubject(`${call.tool} ${subject}`, max);
}

/** Merges observations of the same reason and subject, in DROP_REASONS order then most occurrences first. */
export function mergeDropped(observations: readonly DropObservation[]): DroppedCandidate[] {
  const merged = new Map<string, DroppedCandidate & { refs: Map<string, CallRef>; sessionKeys: Set<string> }>();
  for (const seen of observations) {
    const subject = safeSubject(seen.subject);
    const key = `${seen.reason}\u0000${subject}\u0000${seen.findingId ?? ''}`;
    let entry = merged.get(key);
    if (!entry) {
      entry = { reason: seen.reason, subject, detail: seen.detail, occurrences: 0, sessions: 0, evidence: [], findingId: seen.findingId, refs: new Map(), sessionKeys: new Set() };
      merged.set(key, entry);
    }
    entry.occurrences += seen.occurrences ?? 1;
    for (const ref of seen.evidence) {
      entry.sessionKeys.add(`${ref.agent}\u0000${ref.sessionId}`);
      entry.refs.set(`${ref.agent}\u0000${ref.file}\u0000${ref.index}`, ref);
    }
  }
  return [...merged.values()]
    .map(({ refs, sessionKeys, ...entry }) => ({
      ...entry,
      sessions: sessionKeys.size,
      evidence: [...refs.values()].slice(0, MAX_DROPPED_EVIDENCE),
    }))
    .map(withoutUndefined)
    .sort(byReason);
}

function withoutUndefined(entry: DroppedCandidate): DroppedCandidate {
  const copy = { ...entry };
  if (copy.detail === undefined) delete copy.detail;
  if (copy.findingId === undefined) delete copy.findingId;
  return copy;
}

/** How many candidates were dropped for each reason, reasons in DROP_REASONS order (only those seen). */
export function countByReason(dropped: readonly DroppedCandidate[]): Array<{ reason: DropReason; count: number }> {
  return DROP_REASONS.map((reason) => ({ reason, count: dropped.filter((d) => d.reason === reason).length })).filter((r) => r.count > 0);
}

/** Two lists of dropped candidates as one, in the order mergeDropped gives. */
export function combineDropped(a: readonly DroppedCandidate[], b: readonly DroppedCandidate[]): DroppedCandidate[] {
  return [...a, ...b].sort(byReason);
}

function byReason(a: DroppedCandidate, b: DroppedCandidate): number {
  return DROP_REASONS.indexOf(a.reason) - DROP_REASONS.indexOf(b.reason) || b.occurrences - a.occurrences || a.subject.localeCompare(b.subject);
}
