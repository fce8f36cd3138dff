import * as path from 'node:path';
import type { CallRef, Category, Correction, Learning } from '../../core/model/finding.js';
import type { ExistingRuleItem, ReviewProject, ReviewTarget } from '../review/reviewModel.js';

/**
 * The review tree's elements: project → Files → file → the rules it gets; project → category → rule (a learning
 * or a rule already in the files) → evidence → call. A rule is one item per project whatever files it goes to.
 */
export type ReviewNode = ProjectNode | FilesNode | TargetNode | FileRuleNode | CategoryNode | LearningNode | ExistingRuleNode | EvidenceNode | CallNode;

export interface ProjectNode {
  readonly kind: 'project';
  readonly id: string;
  readonly project: ReviewProject;
}
/** The group of the project's files: where the diff and Apply act. */
interface FilesNode {
  readonly kind: 'files';
  readonly id: string;
  readonly project: ReviewProject;
}
export interface TargetNode {
  readonly kind: 'target';
  readonly id: string;
  readonly target: ReviewTarget;
}
/** A checked rule routed to one file (or an existing rule in it): where it can be excluded from that file only. */
export interface FileRuleNode {
  readonly kind: 'fileRule';
  readonly id: string;
  readonly target: ReviewTarget;
  readonly ruleId: string;
  readonly text: string;
}
export interface CategoryNode {
  readonly kind: 'category';
  readonly id: string;
  readonly project: ReviewProject;
  readonly category: Category;
}
export interface LearningNode {
  readonly kind: 'learning';
  readonly id: string;
  readonly project: ReviewProject;
  readonly learning: Learning;
}
/** A rule already in the project's files that no learning of this run supports (checked = keep it). */
export interface ExistingRuleNode {
  readonly kind: 'rule';
  readonly id: string;
  readonly project: ReviewProject;
  readonly rule: ExistingRuleItem;
}
/** One failed (or rejected) call, with the call that fixed it when there was one. */
export interface EvidenceNode {
  readonly kind: 'evidence';
  readonly id: string;
  readonly parentId: string;
  readonly project: ReviewProject;
  readonly call: CallRef;
  readonly fix?: CallRef;
}
export interface CallNode {
  readonly kind: 'call';
  readonly id: string;
  readonly parentId: string;
  readonly project: ReviewProject;
  readonly call: CallRef;
  readonly role: 'failed' | 'fixed';
}

function refKey(ref: CallRef): string {
  return `${ref.file}:${ref.line}:${ref.index}`;
}

/** A learning's evidence as failure → fix pairs (from the run's corrections); other calls stand alone. */
export function evidencePairs(learning: Learning, corrections: readonly Correction[]): Array<{ call: CallRef; fix?: CallRef }> {
  const byFailed = new Map(corrections.map((correction) => [refKey(correction.failed), correction]));
  const fixes = new Set<string>();
  const pairs: Array<{ call: CallRef; fix?: CallRef }> = [];
  for (const ref of learning.evidence) {
    if (ref.outcome === 'ok') continue;
    const correction = byFailed.get(refKey(ref));
    if (correction) fixes.add(refKey(correction.fixed));
    pairs.push({ call: ref, fix: correction?.fixed ?? learning.evidence.find((other) => other.outcome === 'ok' && !fixes.has(refKey(other)) && sameIntent(ref, other)) });
    const fix = pairs[pairs.length - 1]!.fix;
    if (fix) fixes.add(refKey(fix));
  }
  for (const ref of learning.evidence) {
    if (ref.outcome === 'ok' && !fixes.has(refKey(ref))) pairs.push({ call: ref });
  }
  return pairs;
}

/** The fix of a failure when the correlator did not pair them (e.g. a launcher learned across sessions): same tool, same session, later. */
function sameIntent(failed: CallRef, other: CallRef): boolean {
  return failed.sessionId === other.sessionId && failed.tool === other.tool && other.index > failed.index;
}

const SUBJECT_KEYS = ['command', 'cmd', 'file_path', 'path', 'absolute_path', 'notebook_path', 'pattern', 'query', 'url', 'dir_path'];

/** "Read services/api/app/order.py", "Bash python3 -m pytest": a call in a few words (project-relative paths). */
export function callSummary(ref: CallRef, projectPath: string, max = 90): string {
  let subject = '';
  for (const key of SUBJECT_KEYS) {
    const value = ref.input[key];
    if (typeof value === 'string' && value.trim()) {
      subject = value;
      break;
    }
    if (Array.isArray(value) && value.every((part) => typeof part === 'string')) {
      subject = value.join(' ');
      break;
    }
  }
  if (!subject) subject = JSON.stringify(ref.input);
  if (path.isAbsolute(subject) && subject.startsWith(projectPath + path.sep)) subject = path.relative(projectPath, subject);
  subject = subject.replace(/\s+/g, ' ').trim();
  const text = `${ref.tool} ${subject}`;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Rule markdown as plain text for a tree label: no ** or backticks, one line. */
export function plainRule(text: string): string {
  return text.replace(/\*\*/g, '').replace(/`/g, '').replace(/\s+/g, ' ').trim();
}
