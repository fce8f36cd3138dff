import * as path from 'node:path';
import * as vscode from 'vscode';
import { CATEGORIES, CATEGORY_HEADINGS } from '../../core/model/finding.js';
import { ruleTextKey } from '../../core/write/mergeRules.js';
import type { ReviewModel, ReviewProject, ReviewTarget } from '../review/reviewModel.js';
import {
  callSummary,
  evidencePairs,
  plainRule,
  type AgentNode,
  type ExistingRuleNode,
  type LearningNode,
  type ReviewNode,
  type TargetNode,
} from './reviewNodes.js';

/** The id of the "Learnings" tree view in the Headroom activity-bar container (package.json contributes.views). */
export const learningsViewId = 'headroom.review';
/** Command that VS Code generates to show the Headroom view container. */
export const showHeadroomViewCommand = 'workbench.view.extension.headroom';

/** Commands the tree's items run (registered in learn/reviewCommands.ts). */
export const TreeCommands = {
  reviewDiff: 'headroom.reviewDiff',
  openEvidence: 'headroom.openEvidence',
} as const;

/** A plain copy of what the tree shows, for tests and other extensions (api.getReviewState). */
export interface TreeSnapshotItem {
  kind: ReviewNode['kind'];
  label: string;
  description?: string;
  tooltip?: string;
  checked?: boolean;
  contextValue?: string;
  children: TreeSnapshotItem[];
}

function changeCount(target: ReviewTarget): number {
  return target.proposal.merge.filter((entry) => entry.action !== 'kept').length;
}

/** Data of the review tree, built from the review model. Nodes are cached per run so their identity is stable. */
export class LearningsTreeDataProvider implements vscode.TreeDataProvider<ReviewNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ReviewNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly nodes = new Map<string, ReviewNode>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: ReviewModel) {
    this.subscription = model.onDidChange((target) => {
      if (!target) {
        this.nodes.clear();
        this.changeEmitter.fire(undefined);
        return;
      }
      const node = this.nodes.get(`target:${target.id}`);
      this.changeEmitter.fire(node);
    });
  }

  private node<N extends ReviewNode>(node: N): N {
    const existing = this.nodes.get(node.id) as N | undefined;
    if (existing) return existing;
    this.nodes.set(node.id, node);
    return node;
  }

  targetNode(target: ReviewTarget): TargetNode {
    return this.node({ kind: 'target', id: `target:${target.id}`, target });
  }

  getChildren(parent?: ReviewNode): ReviewNode[] {
    const run = this.model.run;
    if (!run) return [];
    if (!parent) {
      const withTargets = run.projects.filter((project) => project.targets.length > 0);
      if (run.scope === 'project') return withTargets.flatMap((project) => this.agentNodes(project));
      return withTargets.map((project) => this.node({ kind: 'project', id: `project:${project.projectPath}`, project }));
    }
    switch (parent.kind) {
      case 'project':
        return this.agentNodes(parent.project);
      case 'agent':
        return parent.project.targets.filter((target) => target.agent.name === parent.agent).map((target) => this.targetNode(target));
      case 'target':
        return CATEGORIES.filter(
          (category) => parent.target.learnings.some((learning) => learning.category === category) || parent.target.existingRules.some((rule) => rule.category === category),
        ).map((category) =>
          this.node({ kind: 'category', id: `category:${parent.target.id}:${category}`, target: parent.target, category }),
        );
      case 'category':
        return [
          ...parent.target.learnings
            .filter((learning) => learning.category === parent.category)
            .map((learning): ReviewNode => this.node({ kind: 'learning', id: `learning:${parent.target.id}:${learning.id}`, target: parent.target, learning })),
          // Then the rules already in the file that nothing in this run supports: unchecking one removes it.
          ...parent.target.existingRules
            .filter((rule) => rule.category === parent.category)
            .map((rule): ReviewNode => this.node({ kind: 'rule', id: `${parent.target.id}:${rule.id}`, target: parent.target, rule })),
        ];
      case 'learning':
        return evidencePairs(parent.learning, parent.target.project.result.corrections).map(({ call, fix }) =>
          this.node({ kind: 'evidence', id: `evidence:${parent.id}:${call.file}:${call.line}:${call.index}`, parentId: parent.id, target: parent.target, call, fix }),
        );
      case 'evidence':
        if (!parent.fix) return [];
        return [
          this.node({ kind: 'call', id: `${parent.id}:failed`, parentId: parent.id, target: parent.target, call: parent.call, role: 'failed' }),
          this.node({ kind: 'call', id: `${parent.id}:fixed`, parentId: parent.id, target: parent.target, call: parent.fix, role: 'fixed' }),
        ];
      case 'call':
      case 'rule':
        return [];
    }
  }

  private agentNodes(project: ReviewProject): AgentNode[] {
    const names = [...new Set(project.targets.map((target) => target.agent.name))];
    return names.map((agent) => this.node({ kind: 'agent', id: `agent:${project.projectPath}:${agent}`, project, agent }));
  }

  getParent(node: ReviewNode): ReviewNode | undefined {
    switch (node.kind) {
      case 'project':
        return undefined;
      case 'agent':
        return this.model.run?.scope === 'all' ? this.nodes.get(`project:${node.project.projectPath}`) : undefined;
      case 'target':
        return this.nodes.get(`agent:${node.target.project.projectPath}:${node.target.agent.name}`);
      case 'category':
        return this.targetNode(node.target);
      case 'learning':
        return this.nodes.get(`category:${node.target.id}:${node.learning.category}`);
      case 'rule':
        return this.nodes.get(`category:${node.target.id}:${node.rule.category}`);
      case 'evidence':
      case 'call':
        return this.nodes.get(node.parentId);
    }
  }

  getTreeItem(node: ReviewNode): vscode.TreeItem {
    switch (node.kind) {
      case 'project': {
        const item = new vscode.TreeItem(path.basename(node.project.projectPath), vscode.TreeItemCollapsibleState.Expanded);
        item.description = node.project.projectPath;
        item.iconPath = new vscode.ThemeIcon('folder');
        item.contextValue = 'headroom.project';
        return withId(item, node);
      }
      case 'agent': {
        const summary = node.project.result.agents.find((agent) => agent.name === node.agent);
        const item = new vscode.TreeItem(summary?.displayName ?? node.agent, vscode.TreeItemCollapsibleState.Expanded);
        if (summary) {
          item.description = vscode.l10n.t('{0} sessions · {1} failed calls', summary.stats.sessions, summary.stats.failed);
        }
        item.iconPath = new vscode.ThemeIcon('hubot');
        item.contextValue = 'headroom.agent';
        return withId(item, node);
      }
      case 'target':
        return withId(this.targetItem(node), node);
      case 'category': {
        const learnings = node.target.learnings.filter((learning) => learning.category === node.category);
        const rules = node.target.existingRules.filter((rule) => rule.category === node.category);
        const checked =
          learnings.filter((learning) => node.target.checked.has(learning.id)).length + rules.filter((rule) => !node.target.dropped.has(rule.id)).length;
        const item = new vscode.TreeItem(CATEGORY_HEADINGS[node.category], vscode.TreeItemCollapsibleState.Expanded);
        item.description = vscode.l10n.t('{0} of {1} checked', checked, learnings.length + rules.length);
        item.iconPath = new vscode.ThemeIcon('symbol-namespace');
        item.contextValue = 'headroom.category';
        return withId(item, node);
      }
      case 'learning':
        return withId(this.learningItem(node), node);
      case 'rule':
        return withId(this.existingRuleItem(node), node);
      case 'evidence': {
        const projectPath = node.target.project.projectPath;
        const item = new vscode.TreeItem(
          `${node.call.outcome === 'ok' ? '✓' : '✗'} ${callSummary(node.call, projectPath)}`,
          node.fix ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.description = node.fix ? `→ ${callSummary(node.fix, projectPath, 60)}` : callPlace(node.call);
        item.tooltip = evidenceTooltip(node.call, node.fix, projectPath);
        item.iconPath = new vscode.ThemeIcon(node.call.outcome === 'ok' ? 'pass' : node.call.outcome === 'rejected' ? 'circle-slash' : 'error');
        item.contextValue = 'headroom.evidence';
        item.command = { command: TreeCommands.openEvidence, title: vscode.l10n.t('Open Session Excerpt'), arguments: [node.call] };
        return withId(item, node);
      }
      case 'call': {
        const projectPath = node.target.project.projectPath;
        const label = node.role === 'failed' ? vscode.l10n.t('failed: {0}', callSummary(node.call, projectPath)) : vscode.l10n.t('fixed by: {0}', callSummary(node.call, projectPath));
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.description = callPlace(node.call);
        item.tooltip = evidenceTooltip(node.call, undefined, projectPath);
        item.iconPath = new vscode.ThemeIcon(node.role === 'failed' ? 'error' : 'pass');
        item.contextValue = 'headroom.evidenceCall';
        item.command = { command: TreeCommands.openEvidence, title: vscode.l10n.t('Open Session Excerpt'), arguments: [node.call] };
        return withId(item, node);
      }
    }
  }

  private targetItem(node: TargetNode): vscode.TreeItem {
    const { target } = node;
    const { proposal } = target;
    const item = new vscode.TreeItem(path.basename(target.path), vscode.TreeItemCollapsibleState.Expanded);
    item.resourceUri = target.uri;
    if (proposal.error) {
      item.description = vscode.l10n.t('broken markers (lines {0})', proposal.error.lines.join(', '));
      item.iconPath = new vscode.ThemeIcon('error');
    } else if (!proposal.exists) {
      item.description = vscode.l10n.t('new file');
      item.iconPath = new vscode.ThemeIcon('new-file');
    } else {
      const changes = changeCount(target);
      item.description = proposal.changed
        ? changes === 1
          ? vscode.l10n.t('1 change')
          : vscode.l10n.t('{0} changes', changes)
        : vscode.l10n.t('up to date');
      item.iconPath = new vscode.ThemeIcon('file');
    }
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(target.path);
    if (target.outsideWorkspace) tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Outside the workspace: {0} reads this file from there.', target.agent.displayName));
    if (proposal.error) tooltip.appendMarkdown('\n\n').appendText(proposal.error.message);
    for (const warning of proposal.warnings) if (warning !== proposal.error?.message) tooltip.appendMarkdown('\n\n').appendText(warning);
    item.tooltip = tooltip;
    item.contextValue = `headroom.target${proposal.changed && !proposal.error ? '.changed' : ''}`;
    item.command = { command: TreeCommands.reviewDiff, title: vscode.l10n.t('Review Diff'), arguments: [node] };
    return item;
  }

  private learningItem(node: LearningNode): vscode.TreeItem {
    const { learning, target } = node;
    const item = new vscode.TreeItem(plainRule(learning.text), vscode.TreeItemCollapsibleState.Collapsed);
    const checked = target.checked.has(learning.id);
    const findings = target.project.result.findings.filter((finding) => learning.findingIds.includes(finding.id));
    const sessions = findings.reduce((max, finding) => Math.max(max, finding.sessions), 0);
    item.description = sessions > 0 ? vscode.l10n.t('{0} sessions', sessions) : undefined;
    item.checkboxState = {
      state: checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
      tooltip: checked ? vscode.l10n.t('Checked: this learning is written to the file') : vscode.l10n.t('Unchecked: this learning is left out'),
      accessibilityInformation: {
        label: checked
          ? vscode.l10n.t('Write learning: {0}', plainRule(learning.text))
          : vscode.l10n.t('Leave out learning: {0}', plainRule(learning.text)),
      },
    };
    // Rule text comes from logs or a model: an untrusted MarkdownString (no commands, no HTML).
    const tooltip = new vscode.MarkdownString(learning.text);
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    tooltip.appendMarkdown('\n\n').appendText(
      vscode.l10n.t('{0} evidence calls · {1} · {2}', learning.evidence.length, learning.source === 'llm' ? vscode.l10n.t('written by the model') : vscode.l10n.t('offline template'), path.basename(target.path)),
    );
    item.tooltip = tooltip;
    item.contextValue = 'headroom.learning';
    return item;
  }

  private existingRuleItem(node: ExistingRuleNode): vscode.TreeItem {
    const { rule, target } = node;
    const item = new vscode.TreeItem(plainRule(rule.text), vscode.TreeItemCollapsibleState.None);
    const keep = !target.dropped.has(rule.id);
    // What the plan does with it now: kept, or removed (by the user, or because a checked learning replaces it).
    const entry = target.proposal.merge.find((e) => ruleTextKey(e.text) === ruleTextKey(rule.text));
    item.description =
      entry?.action === 'removed'
        ? keep
          ? vscode.l10n.t('in the file · removed: {0}', entry.reason)
          : vscode.l10n.t('in the file · removed')
        : vscode.l10n.t('in the file · not seen in this run');
    item.iconPath = new vscode.ThemeIcon('history');
    item.checkboxState = {
      state: keep ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
      tooltip: keep ? vscode.l10n.t('Checked: this rule stays in the file') : vscode.l10n.t('Unchecked: this rule is removed from the file'),
      accessibilityInformation: {
        label: keep ? vscode.l10n.t('Keep rule: {0}', plainRule(rule.text)) : vscode.l10n.t('Remove rule: {0}', plainRule(rule.text)),
      },
    };
    const tooltip = new vscode.MarkdownString(rule.text);
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    tooltip
      .appendMarkdown('\n\n')
      .appendText(vscode.l10n.t('Already in {0}; this run found no new evidence for it. Uncheck it to remove it from the section.', path.basename(target.path)));
    item.tooltip = tooltip;
    item.contextValue = 'headroom.existingRule';
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

function withId(item: vscode.TreeItem, node: ReviewNode): vscode.TreeItem {
  item.id = node.id;
  return item;
}

function callPlace(ref: { sessionId: string; timestamp?: string; file: string; line: number }): string {
  const when = ref.timestamp ? ref.timestamp.replace('T', ' ').replace(/\.\d+Z?$|Z$/, '').slice(0, 16) : `${path.basename(ref.file)}:${ref.line}`;
  return `${ref.sessionId.slice(0, 8)} · ${when}`;
}

function evidenceTooltip(call: import('../../core/model/finding.js').CallRef, fix: import('../../core/model/finding.js').CallRef | undefined, projectPath: string): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(vscode.l10n.t('{0} call: {1}', call.outcome, callSummary(call, projectPath, 400)));
  if (fix) tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('fixed by: {0}', callSummary(fix, projectPath, 400)));
  tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('{0} session {1}{2}', call.agent, call.sessionId, call.timestamp ? `, ${call.timestamp}` : ''));
  tooltip.appendMarkdown('\n\n').appendText(`${call.file}:${call.line}`);
  return tooltip;
}

/** What the tree shows, walked through the provider itself (labels, descriptions, checkboxes). */
export function snapshotTree(provider: LearningsTreeDataProvider, parent?: ReviewNode): TreeSnapshotItem[] {
  return provider.getChildren(parent).map((node) => {
    const item = provider.getTreeItem(node);
    const checkbox = item.checkboxState;
    const state = typeof checkbox === 'object' ? checkbox.state : checkbox;
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
    return {
      kind: node.kind,
      label,
      description: typeof item.description === 'string' ? item.description : undefined,
      tooltip,
      checked: state === undefined ? undefined : state === vscode.TreeItemCheckboxState.Checked,
      contextValue: item.contextValue,
      children: snapshotTree(provider, node),
    };
  });
}
