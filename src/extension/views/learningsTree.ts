import * as vscode from 'vscode';
import { CATEGORIES } from '../../core/model/finding.js';
import type { Learning } from '../../core/model/finding.js';
import type { ReviewModel, ReviewProject, ReviewTarget } from '../review/reviewModel.js';
import { learningsInReviewOrder } from '../review/ruleBacktest.js';
import { evidencePairs, type LearningNode, type ProjectNode, type ReviewNode, type TargetNode } from './reviewNodes.js';
import { reviewTreeItem } from './reviewTreeItems.js';

/** A plain copy of what the tree shows, for the in-host tests (testing.review.getReviewState). */
export interface TreeSnapshotItem {
  kind: ReviewNode['kind'];
  label: string;
  description?: string;
  tooltip?: string;
  checked?: boolean;
  contextValue?: string;
  /** The command a click runs. */
  command?: string;
  children: TreeSnapshotItem[];
}

/**
 * Data of the review tree, built from the review model: per project, its Files (where the diff and Apply act)
 * and its rules by category, each rule once. Nodes are cached per run so their identity is stable.
 */
export class LearningsTreeDataProvider implements vscode.TreeDataProvider<ReviewNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ReviewNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly nodes = new Map<string, ReviewNode>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: ReviewModel) {
    this.subscription = model.onDidChange((project) => {
      if (!project) this.nodes.clear();
      // A project's checkboxes change its categories, rules and files alike: refresh it whole.
      this.changeEmitter.fire(project ? this.nodes.get(projectNodeId(project)) : undefined);
    });
  }

  private node<N extends ReviewNode>(node: N): N {
    const existing = this.nodes.get(node.id) as N | undefined;
    if (existing) return existing;
    this.nodes.set(node.id, node);
    return node;
  }

  projectNode(project: ReviewProject): ProjectNode {
    return this.node({ kind: 'project', id: projectNodeId(project), project });
  }

  targetNode(target: ReviewTarget): TargetNode {
    return this.node({ kind: 'target', id: `target:${target.id}`, target });
  }

  learningNode(project: ReviewProject, learning: Learning): LearningNode {
    return this.node({ kind: 'learning', id: `learning:${project.projectPath}\u0000${learning.id}`, project, learning });
  }

  getChildren(parent?: ReviewNode): ReviewNode[] {
    const run = this.model.run;
    if (!run) return [];
    if (!parent) return run.projects.filter((project) => project.targets.length > 0).map((project) => this.projectNode(project));
    switch (parent.kind) {
      case 'project':
        return [this.node({ kind: 'files', id: `files:${parent.project.projectPath}`, project: parent.project }), ...this.categoryNodes(parent.project)];
      case 'files':
        return parent.project.targets.map((target) => this.targetNode(target));
      case 'target':
        return this.fileRuleNodes(parent.target);
      case 'category': {
        const { project, category } = parent;
        return [
          // Most later failures prevented first (the backtest), then as the run listed them.
          ...learningsInReviewOrder(
            project,
            project.result.learnings.filter((learning) => learning.category === category),
          ).map((learning): ReviewNode => this.learningNode(project, learning)),
          // Then the rules already in the files that nothing in this run supports: unchecking one removes it.
          ...project.existingRules
            .filter((rule) => rule.category === category)
            .map((rule): ReviewNode => this.node({ kind: 'rule', id: `rule:${project.projectPath}\u0000${rule.id}`, project, rule })),
        ];
      }
      case 'learning':
        return evidencePairs(parent.learning, parent.project.result.corrections).map(({ call, fix }) =>
          this.node({ kind: 'evidence', id: `evidence:${parent.id}:${call.file}:${call.line}:${call.index}`, parentId: parent.id, project: parent.project, call, fix }),
        );
      case 'evidence':
        if (!parent.fix) return [];
        return [
          this.node({ kind: 'call', id: `${parent.id}:failed`, parentId: parent.id, project: parent.project, call: parent.call, role: 'failed' }),
          this.node({ kind: 'call', id: `${parent.id}:fixed`, parentId: parent.id, project: parent.project, call: parent.fix, role: 'fixed' }),
        ];
      case 'fileRule':
      case 'call':
      case 'rule':
        return [];
    }
  }

  private categoryNodes(project: ReviewProject): ReviewNode[] {
    return CATEGORIES.filter(
      (category) => project.result.learnings.some((learning) => learning.category === category) || project.existingRules.some((rule) => rule.category === category),
    ).map((category) => this.node({ kind: 'category', id: `category:${project.projectPath}\u0000${category}`, project, category }));
  }

  /** The checked rules that go to this file (excluded ones included, so they can be taken back) and the existing rules kept in it. */
  private fileRuleNodes(target: ReviewTarget): ReviewNode[] {
    const { project } = target;
    const learnings = project.result.learnings
      .filter((learning) => project.checked.has(learning.id) && (project.routes.get(learning.id) ?? []).includes(target.path))
      .map((learning) => ({ id: learning.id, text: learning.text }));
    const existing = project.existingRules.filter((rule) => !project.dropped.has(rule.id) && rule.paths.includes(target.path));
    return [...learnings, ...existing].map((rule) =>
      this.node({ kind: 'fileRule', id: `fileRule:${target.id}\u0000${rule.id}`, target, ruleId: rule.id, text: rule.text }),
    );
  }

  getParent(node: ReviewNode): ReviewNode | undefined {
    switch (node.kind) {
      case 'project':
        return undefined;
      case 'files':
        return this.projectNode(node.project);
      case 'target':
        return this.nodes.get(`files:${node.target.project.projectPath}`);
      case 'fileRule':
        return this.targetNode(node.target);
      case 'category':
        return this.projectNode(node.project);
      case 'learning':
        return this.nodes.get(`category:${node.project.projectPath}\u0000${node.learning.category}`);
      case 'rule':
        return this.nodes.get(`category:${node.project.projectPath}\u0000${node.rule.category}`);
      case 'evidence':
      case 'call':
        return this.nodes.get(node.parentId);
    }
  }

  getTreeItem(node: ReviewNode): vscode.TreeItem {
    const item = reviewTreeItem(node, this.model.run?.scope ?? 'project');
    item.id = node.id;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

function projectNodeId(project: ReviewProject): string {
  return `project:${project.projectPath}`;
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
      command: item.command?.command,
      children: snapshotTree(provider, node),
    };
  });
}
