import { lifecycleNote } from '../review/ruleHistory.js';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CATEGORY_HEADINGS } from '../../core/model/finding.js';
import { ruleTextKey } from '../../core/write/mergeRules.js';
import { joinOverCapReasons } from '../../core/write/ruleCaps.js';
import { Commands } from '../commands.js';
import { filesOfRule, readerNames, type ReviewProject, type ReviewTarget } from '../review/reviewModel.js';
import { figureSentence, figureShort } from '../review/ruleBacktest.js';
import { callItem, evidenceItem } from './evidenceTreeItems.js';
import {
  plainRule,
  type CategoryNode,
  type ExistingRuleNode,
  type FileRuleNode,
  type LearningNode,
  type ReviewNode,
  type TargetNode,
} from './reviewNodes.js';

/** The tree item of a review node (labels and tooltips from logs or a model are plain text or escaped Markdown). */
export function reviewTreeItem(node: ReviewNode, scope: 'project' | 'all'): vscode.TreeItem {
  switch (node.kind) {
    case 'project':
      return projectItem(node.project, scope);
    case 'files':
      return filesItem(node.project);
    case 'target':
      return targetItem(node);
    case 'fileRule':
      return fileRuleItem(node);
    case 'category':
      return categoryItem(node);
    case 'learning':
      return learningItem(node);
    case 'rule':
      return existingRuleItem(node);
    case 'evidence':
      return evidenceItem(node);
    case 'call':
      return callItem(node);
  }
}

/** Markdown that shows untrusted text as written: no commands, no HTML. */
function untrustedMarkdown(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(text);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}

function projectItem(project: ReviewProject, scope: 'project' | 'all'): vscode.TreeItem {
  const item = new vscode.TreeItem(path.basename(project.projectPath), vscode.TreeItemCollapsibleState.Expanded);
  const sessions = project.result.agents.reduce((sum, agent) => sum + agent.stats.sessions, 0);
  const agents = project.result.agents.map((agent) => agent.displayName).join(', ');
  // Learn All Projects lists several: the path tells them apart. One project: which agents and how much was read.
  item.description = scope === 'all' ? project.projectPath : vscode.l10n.t('{0} sessions · {1}', sessions, agents);
  const tooltip = new vscode.MarkdownString().appendText(project.projectPath);
  for (const agent of project.result.agents) {
    tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('{0}: {1} sessions · {2} failed calls', agent.displayName, agent.stats.sessions, agent.stats.failed));
  }
  item.tooltip = tooltip;
  item.iconPath = new vscode.ThemeIcon('folder');
  item.contextValue = 'headroom.project';
  return item;
}

function filesItem(project: ReviewProject): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Files'), vscode.TreeItemCollapsibleState.Expanded);
  const changed = project.targets.filter((target) => target.proposal.changed && !target.proposal.error).length;
  item.description = changed === 1 ? vscode.l10n.t('1 to update') : vscode.l10n.t('{0} to update', changed);
  item.tooltip = vscode.l10n.t('The files the agents read. Click one to review its diff; Apply writes it.');
  item.iconPath = new vscode.ThemeIcon('files');
  item.contextValue = 'headroom.files';
  return item;
}

function targetDescription(target: ReviewTarget): string {
  const { proposal } = target;
  let description: string;
  if (proposal.error) description = vscode.l10n.t('broken markers (lines {0})', proposal.error.lines.join(', '));
  else if (!proposal.exists) description = vscode.l10n.t('new file');
  else if (!proposal.changed) description = vscode.l10n.t('up to date');
  else {
    const changes = proposal.merge.filter((entry) => entry.action === 'added' || entry.action === 'removed').length;
    description = changes === 1 ? vscode.l10n.t('1 change') : vscode.l10n.t('{0} changes', changes);
  }
  return target.excluded.size > 0 ? vscode.l10n.t('{0} · {1} excluded', description, target.excluded.size) : description;
}

function targetItem(node: TargetNode): vscode.TreeItem {
  const { target } = node;
  const { proposal } = target;
  const item = new vscode.TreeItem(path.basename(target.path), vscode.TreeItemCollapsibleState.Collapsed);
  item.resourceUri = target.uri;
  item.description = targetDescription(target);
  item.iconPath = new vscode.ThemeIcon(proposal.error ? 'error' : proposal.exists ? 'file' : 'new-file');
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(target.path);
  tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Read by {0}', readerNames(target)));
  if (target.outsideWorkspace) tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Outside the workspace: {0} reads this file from there.', readerNames(target)));
  if (proposal.error) tooltip.appendMarkdown('\n\n').appendText(proposal.error.message);
  for (const warning of proposal.warnings) if (warning !== proposal.error?.message) tooltip.appendMarkdown('\n\n').appendText(warning);
  item.tooltip = tooltip;
  item.contextValue = `headroom.target${proposal.changed && !proposal.error ? '.changed' : ''}`;
  item.command = { command: Commands.reviewDiff, title: vscode.l10n.t('Review Diff'), arguments: [node] };
  return item;
}

function fileRuleItem(node: FileRuleNode): vscode.TreeItem {
  const excluded = node.target.excluded.has(node.ruleId);
  const item = new vscode.TreeItem(plainRule(node.text), vscode.TreeItemCollapsibleState.None);
  item.description = excluded ? vscode.l10n.t('excluded from this file') : undefined;
  item.iconPath = new vscode.ThemeIcon(excluded ? 'circle-slash' : 'pass');
  item.tooltip = untrustedMarkdown(node.text)
    .appendMarkdown('\n\n')
    .appendText(
      excluded
        ? vscode.l10n.t('Left out of {0} only; the other files still get it.', path.basename(node.target.path))
        : vscode.l10n.t('Written to {0}. Exclude it to leave it out of this file only.', path.basename(node.target.path)),
    );
  item.contextValue = excluded ? 'headroom.fileRule.excluded' : 'headroom.fileRule';
  return item;
}

function categoryItem(node: CategoryNode): vscode.TreeItem {
  const { project, category } = node;
  const learnings = project.result.learnings.filter((learning) => learning.category === category);
  const rules = project.existingRules.filter((rule) => rule.category === category);
  const checked = learnings.filter((learning) => project.checked.has(learning.id)).length + rules.filter((rule) => !project.dropped.has(rule.id)).length;
  const item = new vscode.TreeItem(CATEGORY_HEADINGS[category], vscode.TreeItemCollapsibleState.Expanded);
  item.description = vscode.l10n.t('{0} of {1} checked', checked, learnings.length + rules.length);
  item.iconPath = new vscode.ThemeIcon('symbol-namespace');
  item.contextValue = 'headroom.category';
  return item;
}

/** "3 files", or "2 of 3 files" when the rule is excluded from one; the tooltip names them. */
function filesSummary(project: ReviewProject, ruleId: string, all: readonly string[]): { short: string; names: string } {
  const going = filesOfRule(project, ruleId);
  const short = going.length === all.length ? vscode.l10n.t('{0} files', all.length) : vscode.l10n.t('{0} of {1} files', going.length, all.length);
  const names = project.targets
    .filter((target) => all.includes(target.path))
    .map((target) => (going.includes(target) ? `${path.basename(target.path)} (${readerNames(target)})` : vscode.l10n.t('{0} (excluded)', path.basename(target.path))))
    .join(', ');
  return { short: all.length === 1 ? path.basename(all[0]!) : short, names };
}

function learningItem(node: LearningNode): vscode.TreeItem {
  const { learning, project } = node;
  const item = new vscode.TreeItem(plainRule(learning.text), vscode.TreeItemCollapsibleState.Collapsed);
  const checked = project.checked.has(learning.id);
  const findings = project.result.findings.filter((finding) => learning.findingIds.includes(finding.id));
  const sessions = findings.reduce((max, finding) => Math.max(max, finding.sessions), 0);
  const files = filesSummary(project, learning.id, project.routes.get(learning.id) ?? []);
  const described = sessions > 0 ? vscode.l10n.t('{0} sessions · {1}', sessions, files.short) : files.short;
  const figure = figureShort(project, learning);
  const overCap = overCapNote(project, learning.text);
  const planned = overCap ? vscode.l10n.t('{0} · not written: {1}', described, overCap) : described;
  item.description = withLifecycle(figure ? `${figure} · ${planned}` : planned, project, learning.text);
  item.checkboxState = {
    state: checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
    tooltip: checked ? vscode.l10n.t('Checked: this learning is written to every file it goes to') : vscode.l10n.t('Unchecked: this learning is left out of every file'),
    accessibilityInformation: {
      label: checked ? vscode.l10n.t('Write learning: {0}', plainRule(learning.text)) : vscode.l10n.t('Leave out learning: {0}', plainRule(learning.text)),
    },
  };
  const source = learning.source === 'llm' ? vscode.l10n.t('written by the model') : vscode.l10n.t('offline template');
  item.tooltip = untrustedMarkdown(learning.text)
    .appendMarkdown('\n\n')
    .appendText(vscode.l10n.t('{0} evidence calls · {1}', learning.evidence.length, source))
    .appendMarkdown('\n\n')
    .appendText(vscode.l10n.t('Goes to: {0}', files.names));
  const sentence = figureSentence(project, learning);
  if (sentence) item.tooltip.appendMarkdown('\n\n').appendText(sentence);
  item.contextValue = 'headroom.learning';
  return item;
}

function existingRuleItem(node: ExistingRuleNode): vscode.TreeItem {
  const { project } = node;
  // The node keeps the rule as first listed; the files holding it are those of the latest plan.
  const rule = project.existingRules.find((each) => each.id === node.rule.id) ?? node.rule;
  const item = new vscode.TreeItem(plainRule(rule.text), vscode.TreeItemCollapsibleState.None);
  const keep = !project.dropped.has(rule.id);
  const files = rule.paths.map((file) => path.basename(file)).join(', ');
  // What the plan does with it now: kept, or removed (by the user, or because a checked learning replaces it).
  const removal = project.targets
    .filter((target) => rule.paths.includes(target.path))
    .flatMap((target) => target.proposal.merge)
    .find((entry) => entry.action === 'removed' && ruleTextKey(entry.text) === ruleTextKey(rule.text));
  item.description = withLifecycle(
    removal ? (keep ? vscode.l10n.t('in {0} · removed: {1}', files, removal.reason) : vscode.l10n.t('in {0} · removed', files)) : vscode.l10n.t('in {0} · not seen in this run', files),
    project,
    rule.text,
  );
  item.iconPath = new vscode.ThemeIcon('history');
  item.checkboxState = {
    state: keep ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
    tooltip: keep ? vscode.l10n.t('Checked: this rule stays in the files') : vscode.l10n.t('Unchecked: this rule is removed from every file'),
    accessibilityInformation: {
      label: keep ? vscode.l10n.t('Keep rule: {0}', plainRule(rule.text)) : vscode.l10n.t('Remove rule: {0}', plainRule(rule.text)),
    },
  };
  item.tooltip = untrustedMarkdown(rule.text)
    .appendMarkdown('\n\n')
    .appendText(vscode.l10n.t('Already in {0}; this run found no new evidence for it. Uncheck it to remove it from every file.', files));
  item.contextValue = 'headroom.existingRule';
  return item;
}

/** A rule's description with its lifecycle ("recurred 2 times since written", "retire? …") when headroom wrote it. */
/** "over the cap of 15 for CLAUDE.md" when the plan leaves this checked learning out of files whose cap stronger rules fill. */
function overCapNote(project: ReviewProject, text: string): string | undefined {
  const key = ruleTextKey(text);
  const reasons = project.targets
    .flatMap((target) => target.proposal.merge)
    .filter((entry) => entry.action === 'not_added' && ruleTextKey(entry.text) === key)
    .map((entry) => entry.reason);
  return reasons.length > 0 ? joinOverCapReasons(reasons) : undefined;
}

function withLifecycle(description: string, project: ReviewProject, text: string): string {
  const note = lifecycleNote(project.result, text);
  return note ? `${description} · ${note}` : description;
}
