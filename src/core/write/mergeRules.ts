import type { ExistingRule } from '../analyze/backend.js';
import type { Category, CallRef } from '../model/finding.js';
import type { RuleToRender } from './renderMarkerSection.js';
import { overCapReason } from './ruleCaps.js';
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

/** 'not_added': a rule of this run the file does not take (over its cap). */
type MergeAction = 'kept' | 'added' | 'removed' | 'not_added';

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
  /** At most this many rules in the section, the strongest; the others are reported as over the cap of `file`. */
  cap?: { maxRules: number; file: string };
}

export interface MergeResult {
  /** Rules for the new section, strongest first where that moves no kept rule (see placeRules). */
  rules: RuleToRender[];
  report: MergeEntry[];
}

interface Candidate extends NewRule {
  key: string;
  /** Its place in the learnings given (strongest first): 0 is the strongest. */
  rank: number;
}

/** A rule of the new section, before the cap: its report entry is settled once the cap is known. */
interface PlacedRule {
  rule: RuleToRender;
  /** The rank of the learning behind it; undefined for an existing rule this run did not derive again. */
  rank?: number;
  entry: MergeEntry;
}

/** The reason mergeRules reports for an existing rule in `rejected`. */
const REJECTED_BY_USER = 'rejected by the user';

/** What two rule texts are compared by (rejections, matching a learning to a rule in the file): sanitised, whitespace-normalised. */
export function ruleTextKey(text: string): string {
  return normalizeRuleText(sanitizeRuleText(text));
}

/**
 * Merges the rules already in a section with this run's rules (given strongest first), pure and deterministic:
 * - an existing rule this run derived again is kept (still supported);
 * - an existing rule is removed when a new rule says it `replaces` it, when a new rule of the
 *   same category is about the same subject (same bold label or first code span) but says
 *   something else (contradicted by newer evidence), when a path it depends on no longer
 *   exists, when it repeats an earlier rule, or when it sits under a heading headroom does not write;
 * - an existing rule whose text the user rejected is removed, even when this run derived it again;
 * - a rule naming personal data or a machine path is never written: an existing one is removed, a new one skipped;
 * - any other existing rule is kept: not seeing a fact again is not evidence against it;
 * - a new rule not already present is added;
 * - the order and the cap follow placeRules and capRules.
 */
export function mergeRules(input: MergeInput): MergeResult {
  const rejected = new Set([...(input.rejected ?? [])].map(ruleTextKey));
  const candidates = uniqueCandidates(input.learnings).filter((candidate) => !rejected.has(ruleTextKey(candidate.text)) && !input.retired?.has(ruleTextKey(candidate.text)));
  const matched = new Set<Candidate>();
  const seen = new Set<string>();
  const kept: PlacedRule[] = [];
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
      const entry: MergeEntry = { action: 'kept', category: rule.category, text, reason: `still supported${sessionsNote(same)}` };
      report.push(entry);
      kept.push({ rule: { category: rule.category, text }, rank: same.rank, entry });
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
    const entry: MergeEntry = { action: 'kept', category: rule.category, text, reason: 'not seen in this run, nothing contradicts it' };
    report.push(entry);
    kept.push({ rule: { category: rule.category, text }, entry });
  }

  const added: PlacedRule[] = [];
  for (const candidate of candidates) {
    if (matched.has(candidate)) continue;
    const entry: MergeEntry = { action: 'added', category: candidate.category, text: candidate.text, reason: `new${sessionsNote(candidate)}` };
    report.push(entry);
    added.push({ rule: { category: candidate.category, text: candidate.text }, rank: candidate.rank, entry });
  }
  const placed = placeRules(kept, added);
  return { rules: (input.cap ? capRules(placed, input.cap) : placed).map((placedRule) => placedRule.rule), report };
}

/**
 * The section's order: a kept rule this run derived again keeps its place among the other kept ones (the user
 * reviewed that order, and a stable section gives a small diff); a new rule goes right after the last of them that
 * is stronger, so it rises above weaker ones (strongest first); kept rules this run did not derive again have no
 * evidence now and follow, in their old order.
 */
function placeRules(kept: readonly PlacedRule[], added: readonly PlacedRule[]): PlacedRule[] {
  const supported = kept.filter((rule) => rule.rank !== undefined);
  const unsupported = kept.filter((rule) => rule.rank === undefined);
  const newRules = [...added].sort((a, b) => a.rank! - b.rank!);
  // Before which supported rule a new one goes: the one after the last stronger (smaller rank) supported rule.
  const slotOf = (rule: PlacedRule) => lastIndexOf(supported, (other) => other.rank! < rule.rank!) + 1;
  const order: PlacedRule[] = [];
  let next = 0;
  for (let slot = 0; slot <= supported.length; slot++) {
    while (next < newRules.length && slotOf(newRules[next]) <= slot) order.push(newRules[next++]);
    if (slot < supported.length) order.push(supported[slot]);
  }
  return [...order, ...unsupported];
}

function lastIndexOf<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

/**
 * At most `cap.maxRules` rules, in their placed order: the strongest by rank (kept and new alike; a kept rule with
 * no evidence in this run counts as the weakest). A kept rule left out is reported removed, a new one not added,
 * each "over the cap of N for FILE", so nothing is lost without a word.
 */
function capRules(placed: readonly PlacedRule[], cap: { maxRules: number; file: string }): PlacedRule[] {
  const byStrength = placed
    .map((rule, position) => ({ rule, position }))
    .sort((a, b) => (a.rule.rank ?? Infinity) - (b.rule.rank ?? Infinity) || a.position - b.position);
  const inside = new Set(byStrength.slice(0, cap.maxRules).map(({ rule }) => rule));
  for (const rule of placed) {
    if (inside.has(rule)) continue;
    rule.entry.action = rule.entry.action === 'added' ? 'not_added' : 'removed';
    rule.entry.reason = overCapReason(cap);
  }
  return placed.filter((rule) => inside.has(rule));
}

function uniqueCandidates(learnings: readonly NewRule[]): Candidate[] {
  const byKey = new Map<string, Candidate>();
  for (const learning of learnings) {
    const text = sanitizeRuleText(learning.text);
    // The pipeline reports such rules as dropped before they get here; this keeps any other caller from writing one.
    if (text.length === 0 || unsafeRuleReason(text)) continue;
    const key = `${learning.category}\u0000${normalizeRuleText(text)}`;
    if (!byKey.has(key)) byKey.set(key, { ...learning, text, key, rank: byKey.size });
  }
  return [...byKey.values()];
}

function sessionsNote(rule: NewRule): string {
  const sessions = new Set((rule.evidence ?? []).map((ref) => ref.sessionId)).size;
  return sessions === 0 ? '' : ` (seen in ${sessions} session${sessions === 1 ? '' : 's'})`;
}
