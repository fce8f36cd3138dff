import type { ExistingRule } from '../analyze/backend.js';
import type { Category, CallRef } from '../model/finding.js';
import type { RuleToRender } from './renderMarkerSection.js';
import { unsafeRuleReason } from './ruleSafetyGate.js';
import { sanitizeRuleText } from './sanitizeRuleText.js';
import { normalizeRuleText, pathsNamedBy, ruleSubject } from './ruleSubject.js';

/** A rule from this run; a Learning fits. */
export interface NewRule {
  category: Category;
  text: string;
  /** Text of an existing rule this one rewrites or corrects. */
  replaces?: string;
  evidence?: readonly Pick<CallRef, 'sessionId'>[];
}

type MergeAction = 'kept' | 'added' | 'removed';

/** One line of the dry run's "what would change" report. */
export interface MergeEntry {
  action: MergeAction;
  category: Category | 'unknown';
  text: string;
  reason: string;
}

export interface MergeInput {
  existing: readonly ExistingRule[];
  learnings: readonly NewRule[];
  /** Whether a path named by a rule (project-relative or absolute) exists now. */
  pathExists: (path: string) => boolean;
  /**
   * Rule texts the user rejected (compared with `ruleTextKey`, any category): an existing rule with one of these
   * texts is removed ("rejected by the user") even when this run derived it again, and no new rule with one is added.
   */
  rejected?: Iterable<string>;
  /** Rules to retire (by `ruleTextKey`) with the reason reported: removed from the section like rejected ones. */
  retired?: ReadonlyMap<string, string>;
}

export interface MergeResult {
  /** Rules for the new section: kept ones in their old order, then the added ones in the order given. */
  rules: RuleToRender[];
  report: MergeEntry[];
}

interface Candidate extends NewRule {
  key: string;
}

/** The reason mergeRules reports for an existing rule in `rejected`. */
const REJECTED_BY_USER = 'rejected by the user';

/** What two rule texts are compared by (rejections, matching a learning to a rule in the file): sanitised, whitespace-normalised. */
export function ruleTextKey(text: string): string {
  return normalizeRuleText(sanitizeRuleText(text));
}

/**
 * Merges the rules already in a section with this run's rules, pure and deterministic:
 * - an existing rule this run derived again is kept (still supported);
 * - an existing rule is removed when a new rule says it `replaces` it, when a new rule of the
 *   same category is about the same subject (same bold label or first code span) but says
 *   something else (contradicted by newer evidence), when a path it depends on no longer
 *   exists, when it repeats an earlier rule, or when it sits under a heading headroom does not write;
 * - an existing rule whose text the user rejected is removed, even when this run derived it again;
 * - a rule naming personal data or a machine path is never written: an existing one is removed, a new one skipped;
 * - any other existing rule is kept: not seeing a fact again is not evidence against it;
 * - a new rule not already present is added.
 */
export function mergeRules(input: MergeInput): MergeResult {
  const rejected = new Set([...(input.rejected ?? [])].map(ruleTextKey));
  const candidates = uniqueCandidates(input.learnings).filter((candidate) => !rejected.has(ruleTextKey(candidate.text)) && !input.retired?.has(ruleTextKey(candidate.text)));
  const matched = new Set<Candidate>();
  const seen = new Set<string>();
  const rules: RuleToRender[] = [];
  const report: MergeEntry[] = [];

  for (const rule of input.existing) {
    const text = sanitizeRuleText(rule.text);
    const removal = (reason: string) => report.push({ action: 'removed', category: rule.category, text, reason });
    if (rule.category === 'unknown') {
      removal('under a heading headroom does not write');
      continue;
    }
    const key = `${rule.category}\u0000${normalizeRuleText(text)}`;
    if (seen.has(key)) {
      removal('repeats a rule above');
      continue;
    }
    seen.add(key);
    const leak = unsafeRuleReason(text);
    if (leak) {
      removal(leak);
      continue;
    }
    if (rejected.has(ruleTextKey(text))) {
      removal(REJECTED_BY_USER);
      continue;
    }
    const retired = input.retired?.get(ruleTextKey(text));
    if (retired !== undefined) {
      removal(`retired: ${retired}`);
      continue;
    }
    const same = candidates.find((candidate) => candidate.key === key);
    if (same) {
      matched.add(same);
      rules.push({ category: rule.category, text });
      report.push({ action: 'kept', category: rule.category, text, reason: `still supported${sessionsNote(same)}` });
      continue;
    }
    const replacement = candidates.find((c) => c.replaces !== undefined && normalizeRuleText(sanitizeRuleText(c.replaces)) === normalizeRuleText(text));
    if (replacement) {
      removal(`replaced by: ${replacement.text}`);
      continue;
    }
    const subject = ruleSubject(text);
    const contradiction =
      subject === undefined ? undefined : candidates.find((c) => c.category === rule.category && ruleSubject(c.text) === subject);
    if (contradiction) {
      removal(`contradicted by newer evidence: ${contradiction.text}`);
      continue;
    }
    const missing = pathsNamedBy(rule.category, text).find((path) => !input.pathExists(path));
    if (missing !== undefined) {
      removal(`${missing} no longer exists`);
      continue;
    }
    rules.push({ category: rule.category, text });
    report.push({ action: 'kept', category: rule.category, text, reason: 'not seen in this run, nothing contradicts it' });
  }

  for (const candidate of candidates) {
    if (matched.has(candidate)) continue;
    rules.push({ category: candidate.category, text: candidate.text });
    report.push({ action: 'added', category: candidate.category, text: candidate.text, reason: `new${sessionsNote(candidate)}` });
  }
  return { rules, report };
}

function uniqueCandidates(learnings: readonly NewRule[]): Candidate[] {
  const byKey = new Map<string, Candidate>();
  for (const learning of learnings) {
    const text = sanitizeRuleText(learning.text);
    // The pipeline reports such rules as dropped before they get here; this keeps any other caller from writing one.
    if (text.length === 0 || unsafeRuleReason(text)) continue;
    const key = `${learning.category}\u0000${normalizeRuleText(text)}`;
    if (!byKey.has(key)) byKey.set(key, { ...learning, text, key });
  }
  return [...byKey.values()];
}

function sessionsNote(rule: NewRule): string {
  const sessions = new Set((rule.evidence ?? []).map((ref) => ref.sessionId)).size;
  return sessions === 0 ? '' : ` (seen in ${sessions} session${sessions === 1 ? '' : 's'})`;
}
