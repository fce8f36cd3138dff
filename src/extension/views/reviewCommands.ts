import * as vscode from 'vscode';
import type { CallRef } from '../../core/model/finding.js';
import type { ApplyFlow } from '../apply/applyFlow.js';
import { Commands } from '../commands.js';
import { DiffPanel } from '../diff/diffPanel.js';
import { openNativeDiff } from '../diff/proposedContentProvider.js';
import type { ReviewModel, ReviewTarget } from '../review/reviewModel.js';
import type { ReviewView } from './reviewView.js';
import type { HostRegistrations } from '../activation/hostRegistrations.js';
import { plainRule, type FileRuleNode, type LearningNode, type ReviewNode } from './reviewNodes.js';
import type { SessionExcerptProvider } from './sessionExcerptProvider.js';
import type { TimelineDocuments, TimelineRequest } from './timelineDocument.js';

export interface ReviewCommandParts {
  /** Where the commands' handlers go (the entry registered the commands at activation). */
  readonly host: Pick<HostRegistrations, 'registerCommand'>;
  readonly review: ReviewModel;
  readonly view: ReviewView;
  readonly apply: ApplyFlow;
  readonly excerpts: SessionExcerptProvider;
  readonly timelines: TimelineDocuments;
  /** Opens (or moves) the diff panel to a target. */
  readonly showDiff: (target: ReviewTarget) => Promise<DiffPanel>;
}

/**
 * The file a command acts on: the node it was run on, else the selected file (or a file's rule), else the file
 * the diff panel shows, else the first file with changes, else the first file.
 */
function targetOf(parts: Pick<ReviewCommandParts, 'review' | 'view'>, node?: ReviewNode): ReviewTarget | undefined {
  const onFile = (n: ReviewNode): n is ReviewNode & { target: ReviewTarget } => n.kind === 'target' || n.kind === 'fileRule';
  if (node && onFile(node)) return node.target;
  const selected = parts.view.selection.find(onFile);
  if (selected) return selected.target;
  const open = DiffPanel.open && parts.review.target(DiffPanel.open.targetId);
  const targets = parts.review.targets();
  return open || targets.find((t) => t.proposal.changed) || targets[0];
}

/** The learning a command acts on: the node it was run on, else the selected one. */
function learningOf(view: ReviewView, node?: ReviewNode): LearningNode | undefined {
  return node?.kind === 'learning' ? node : view.selection.find((n): n is LearningNode => n.kind === 'learning');
}

/**
 * What a timeline command shows: the rule of a learning node, or of an evidence (or call) node's learning; a
 * request passed as it is (tests, other features).
 */
function timelineRequest(view: ReviewView, arg?: ReviewNode | TimelineRequest): TimelineRequest | undefined {
  if (arg && !('kind' in arg)) return arg;
  let node: ReviewNode | undefined = arg ?? view.selection[0];
  while (node && node.kind !== 'learning' && (node.kind === 'evidence' || node.kind === 'call')) node = view.tree.getParent(node);
  if (node?.kind !== 'learning') return undefined;
  return { projectPath: node.project.projectPath, title: node.learning.text, evidence: node.learning.evidence };
}

/** The raw log lines of an evidence call: a CallRef, or an evidence / call node of the tree (its failed call). */
function rawRef(arg: CallRef | ReviewNode): CallRef | undefined {
  if (!('kind' in arg)) return arg;
  return arg.kind === 'evidence' || arg.kind === 'call' ? arg.call : undefined;
}

/** The review's commands on files (diff, native diff, Apply, exclude/include a rule), on rules and on evidence. */
export function registerReviewCommands(parts: ReviewCommandParts): vscode.Disposable[] {
  const { host, review, view, apply, excerpts, timelines } = parts;
  const onTarget = (act: (target: ReviewTarget) => Promise<unknown>) => async (node?: ReviewNode) => {
    const target = targetOf(parts, node);
    if (target) await act(target);
    else void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to review yet: run Headroom: Learn first.'));
  };
  const onFileRule = (excluded: boolean) => async (node?: ReviewNode) => {
    const rule = node?.kind === 'fileRule' ? node : view.selection.find((n): n is FileRuleNode => n.kind === 'fileRule');
    if (rule) await review.setExcluded(rule.target, rule.ruleId, excluded);
  };
  return [
    host.registerCommand(Commands.reviewDiff, onTarget(parts.showDiff)),
    host.registerCommand(Commands.openNativeDiff, onTarget(openNativeDiff)),
    host.registerCommand(Commands.applyFile, onTarget((target) => apply.applyFile(target))),
    host.registerCommand(Commands.applySelected, () => apply.applySelected()),
    host.registerCommand(Commands.excludeFromFile, onFileRule(true)),
    host.registerCommand(Commands.includeInFile, onFileRule(false)),
    host.registerCommand(Commands.refreshReview, async () => {
      for (const project of review.projects()) await review.replanAll(project);
    }),
    host.registerCommand(Commands.copyRule, async (node?: ReviewNode) => {
      const learning = learningOf(view, node);
      if (!learning) return;
      await vscode.env.clipboard.writeText(`- ${learning.learning.text}`);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied: {0}', plainRule(learning.learning.text).slice(0, 60)), 3000);
    }),
    host.registerCommand(Commands.showEvidence, async (node?: ReviewNode) => {
      const learning = learningOf(view, node);
      if (!learning) return;
      const [first] = view.tree.getChildren(learning);
      if (first) await view.treeView.reveal(first, { expand: true, focus: true, select: true });
      return timelines.open(timelineRequest(view, learning)!);
    }),
    host.registerCommand(Commands.openTimeline, async (arg?: ReviewNode | TimelineRequest) => {
      const request = timelineRequest(view, arg);
      return request ? timelines.open(request) : undefined;
    }),
    host.registerCommand(Commands.openEvidence, async (arg: CallRef | ReviewNode) => {
      const ref = rawRef(arg);
      return ref ? excerpts.open(ref) : undefined;
    }),
  ];
}
