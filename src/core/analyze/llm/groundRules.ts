import { createHash } from 'node:crypto';
import type { CallRef, Finding, Learning } from '../../model/finding.js';
import type { ExistingRule } from '../backend.js';
import type { ProposedRule } from './answerSchema.js';
import { findDangerousAction } from '../../redact/dangerousActions.js';
import { safeSessionText } from '../../redact/safeSessionText.js';
import { mentionedPaths } from './mentionedPaths.js';
import { evidenceStrings } from './renderEvidence.js';

export interface GroundingContext {
  /** The evidence ids we sent, each to its finding. */
  evidenceById: ReadonlyMap<string, Finding>;
  existingRules: readonly ExistingRule[];
  pathExists(path: string): boolean;
  /** The project's absolute path: a rule may not write outside it. */
  projectPath?: string;
}

export interface GroundingResult {
  learnings: Learning[];
  dropped: Array<{ text: string; why: string }>;
  notes: string[];
}

/**
 * Keeps only rules the evidence supports: each must cite at least one id we sent, and every path it
 * names must exist in the project or appear in the evidence we sent. Rules with markup are dropped,
 * since rule text ends up inside a marker section, and so are rules that mention a dangerous action at all
 * (findDangerousAction: remote code, safety turned off, writing outside the project), even to forbid it:
 * free text gives no sure way to tell "never use `--no-verify`" from an instruction to use it.
 */
export function groundRules(rules: readonly ProposedRule[], context: GroundingContext): GroundingResult {
  const learnings: Learning[] = [];
  const dropped: GroundingResult['dropped'] = [];
  const notes: string[] = [];
  const seenTexts = new Set<string>();
  const sentEvidenceStrings = [...context.evidenceById.values()].flatMap(evidenceStrings);

  for (const rule of rules) {
    // An LLM's text is untrusted like the sessions it read: no control characters, secrets masked (the gate then drops such a rule).
    const text = safeSessionText(rule.text).replace(/^\s*[-*]\s+/, '').trim();
    const cited = unique(rule.evidenceIds).filter((id) => context.evidenceById.has(id));
    if (cited.length === 0) {
      dropped.push({ text, why: `cites no evidence id we sent (cited: ${rule.evidenceIds.join(', ') || 'none'})` });
      continue;
    }
    if (containsMarkup(text)) {
      dropped.push({ text, why: 'contains HTML or a marker comment' });
      continue;
    }
    const dangerous = findDangerousAction(text, { projectPath: context.projectPath });
    if (dangerous) {
      dropped.push({ text, why: dangerous });
      continue;
    }
    const findings = cited.map((id) => context.evidenceById.get(id) as Finding);
    const unknownPath = mentionedPaths(text).find((path) => !isGroundedPath(path, sentEvidenceStrings, context.pathExists));
    if (unknownPath !== undefined) {
      dropped.push({ text, why: `names ${unknownPath}, which exists neither in the project nor in the evidence` });
      continue;
    }
    const key = normaliseWhitespace(text);
    if (seenTexts.has(key)) continue;
    seenTexts.add(key);

    const replaces = rule.replaces ? matchExistingRule(rule.replaces, context.existingRules) : undefined;
    if (rule.replaces && replaces === undefined) {
      notes.push(`A rule named an existing rule to replace that is not in the file ("${safeSessionText(rule.replaces).slice(0, 80)}"); it is proposed as a new rule.`);
    }
    const findingIds = unique(findings.map((finding) => finding.id));
    learnings.push({
      id: learningId(rule.category, findingIds, text),
      category: rule.category,
      target: rule.target,
      text,
      findingIds,
      evidence: mergeEvidence(findings),
      ...(replaces !== undefined ? { replaces } : {}),
      source: 'llm',
    });
  }
  return { learnings, dropped, notes };
}

function isGroundedPath(path: string, strings: readonly string[], pathExists: (path: string) => boolean): boolean {
  const variants = unique([path, path.replace(/^\.\//, ''), path.replace(/\/+$/, '')]).filter((variant) => variant.length > 0);
  if (variants.some((variant) => pathExists(variant))) return true;
  return variants.some((variant) => strings.some((text) => text.includes(variant)));
}

function containsMarkup(text: string): boolean {
  return /<!--|-->|<\/?[A-Za-z][\w-]*(\s[^>]*)?\/?>/.test(text);
}

function matchExistingRule(replaces: string, existing: readonly ExistingRule[]): string | undefined {
  const wanted = normaliseWhitespace(replaces.replace(/^\s*[-*]\s+/, ''));
  return existing.find((rule) => normaliseWhitespace(rule.text) === wanted)?.text;
}

function mergeEvidence(findings: readonly Finding[]): CallRef[] {
  const byPlace = new Map<string, CallRef>();
  for (const call of findings.flatMap((finding) => finding.evidence)) {
    const place = `${call.file}:${call.line}:${call.index}`;
    if (!byPlace.has(place)) byPlace.set(place, call);
  }
  return [...byPlace.values()];
}

function learningId(category: string, findingIds: readonly string[], text: string): string {
  const digest = createHash('sha256').update([category, [...findingIds].sort().join(','), text].join('\n')).digest('hex');
  return `llm-${digest.slice(0, 12)}`;
}

function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
