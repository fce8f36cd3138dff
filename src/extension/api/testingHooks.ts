import type * as vscode from 'vscode';
import type { applyFileEdit } from '../apply/applyFileEdit.js';
import type { DiffStateMessage } from '../../webview/protocol/diffProtocol.js';
import type { CallRef } from '../../core/model/finding.js';
import type { ApplyOutcome } from '../apply/applyFlow.js';
import type { DiffPanel } from '../diff/diffPanel.js';
import type { LastLearnReport } from '../learn/learnCommands.js';
import type { LearnOutcome, LearnRunOptions } from '../learn/learnRun.js';
import { liveScanWorkers, startedScanWorkers } from '../learn/runInWorker.js';
import type { ReviewFeature } from '../registerReview.js';
import { checkedLearningsFor, filesOfRule, type ReviewModel, type ReviewProject, type ReviewTarget } from '../review/reviewModel.js';
import { snapshotTree, type TreeSnapshotItem } from '../views/learningsTree.js';
import type { ApiKeyStore } from '../analyzers/apiKeyStore.js';
import type { LastRunStore } from '../stats/statsPanel.js';
import type { StatusBarSnapshot } from '../platform/statusBar.js';
import type { TrustGate } from '../platform/workspaceTrust.js';
import type { AgentPluginHost } from './agentPluginHost.js';
import type { HeadroomLearnApi } from './headroomApi.js';

/** The review as the tests see it: each project's rules once, each file's plan, and the tree as shown. */
export interface ReviewState {
  running: boolean;
  /** The view's badge: checked rules, each counted once. */
  badge: number;
  message?: string;
  projects: Array<{
    projectPath: string;
    /** The learnings of the run, each once, with the files it goes to now (its routes minus exclusions). */
    learnings: Array<{ id: string; text: string; category: string; checked: boolean; files: string[]; evidence: CallRef[] }>;
    /** Rules already in the files with no new evidence, each once, with the files holding them. */
    existingRules: Array<{ id: string; text: string; category: string; kept: boolean; files: string[] }>;
  }>;
  targets: Array<{
    path: string;
    projectPath: string;
    /** Registry names of the agents that read the file. */
    agents: string[];
    exists: boolean;
    changed: boolean;
    error?: string;
    outsideWorkspace: boolean;
    /** Ids of the checked learnings planned for this file. */
    learnings: string[];
    /** Ids of the rules excluded from this file only. */
    excluded: string[];
    proposedText?: string;
    currentText?: string;
  }>;
  tree: TreeSnapshotItem[];
}

/** The review flow driven without the UI: Learn, the per-project review, the per-file diff and Apply. */
export interface ReviewTestApi {
  /** Runs Learn on a folder (default: the workspace folder, picked in a multi-root workspace) or on every project. */
  learn(options?: { folder?: vscode.Uri; all?: boolean } & LearnRunOptions): Promise<LearnOutcome['status']>;
  getReviewState(): ReviewState;
  /** Checks or unchecks a rule of a project (a learning, or an existing rule by its `rule:` id), as its checkbox does. */
  setRuleChecked(projectPath: string, ruleId: string, checked: boolean): Promise<void>;
  /** Excludes a rule from one file only, or includes it again (the file's rule context menu). */
  setRuleExcluded(filePath: string, ruleId: string, excluded: boolean): Promise<void>;
  /** Applies one file's plan (the diff panel's Apply). */
  applyFile(filePath: string): Promise<ApplyOutcome>;
  /** Opens the diff panel for a file and returns what it shows. */
  openDiff(filePath: string): Promise<DiffPanel['state']>;
  /** What the open diff panel shows, if one is open. */
  getDiffState(): DiffPanel['state'] | undefined;
  /** Scan workers alive now (0 after a cancelled run has stopped). */
  liveScanWorkers(): number;
  /** Scan workers started since activation (unchanged by a run the trust gate refused). */
  startedScanWorkers(): number;
  /** The last Learn's status, analyzers and notifications (undefined before the first). */
  lastLearn(): LastLearnReport | undefined;
}

function projectState(project: ReviewProject): ReviewState['projects'][number] {
  const paths = (ruleId: string) => filesOfRule(project, ruleId).map((target) => target.path);
  return {
    projectPath: project.projectPath,
    learnings: project.result.learnings.map((l) => ({ id: l.id, text: l.text, category: l.category, checked: project.checked.has(l.id), files: paths(l.id), evidence: l.evidence })),
    existingRules: project.existingRules.map((r) => ({ id: r.id, text: r.text, category: r.category, kept: !project.dropped.has(r.id), files: paths(r.id) })),
  };
}

function targetState(t: ReviewTarget): ReviewState['targets'][number] {
  return {
    path: t.path,
    projectPath: t.project.projectPath,
    agents: t.agents.map((agent) => agent.name),
    exists: t.proposal.exists,
    changed: t.proposal.changed,
    error: t.proposal.error?.message,
    outsideWorkspace: t.outsideWorkspace,
    learnings: checkedLearningsFor(t).map((l) => l.id),
    excluded: [...t.excluded],
    proposedText: t.proposal.proposedText,
    currentText: t.proposal.currentText,
  };
}

/** The review's hooks over the feature's parts (the model, Learn's commands, the view, Apply, the diff panel). */
export function createReviewTestApi(review: ReviewModel, feature: ReviewFeature, openDiffPanel: () => DiffPanel | undefined): ReviewTestApi {
  const targetAt = (filePath: string): ReviewTarget => {
    const target = review.targets().find((t) => t.path === filePath);
    if (!target) throw new Error(`No review target ${filePath}`);
    return target;
  };
  const projectAt = (projectPath: string): ReviewProject => {
    const project = review.projects().find((p) => p.projectPath === projectPath);
    if (!project) throw new Error(`No reviewed project ${projectPath}`);
    return project;
  };
  return {
    learn: async (options = {}) => {
      if (options.all) return feature.learn.runLearn({ kind: 'all' }, options);
      const folder = options.folder ?? (await feature.learn.pickFolder());
      return folder ? feature.learn.runLearn({ kind: 'project', folder }, options) : 'cancelled';
    },
    getReviewState: () => ({
      running: feature.learn.status.running,
      badge: review.checkedCount(),
      message: feature.view.message,
      projects: review.projects().map(projectState),
      targets: review.targets().map(targetState),
      tree: snapshotTree(feature.view.tree),
    }),
    setRuleChecked: (projectPath, ruleId, checked) => review.setChecked(projectAt(projectPath), [{ ruleId, checked }]),
    setRuleExcluded: (filePath, ruleId, excluded) => review.setExcluded(targetAt(filePath), ruleId, excluded),
    applyFile: (filePath) => feature.apply.applyFile(targetAt(filePath)),
    openDiff: async (filePath) => (await feature.showDiff(targetAt(filePath))).state,
    getDiffState: () => openDiffPanel()?.state,
    liveScanWorkers,
    startedScanWorkers,
    lastLearn: () => feature.learn.status.last,
  };
}

/** Services and hooks the in-host tests drive directly (no UI). None of them is public API. */
export interface HeadroomTestingHooks {
  /** Learn, the review tree's state, checkboxes, diff and Apply, plus scan-worker counters and the last Learn's report. */
  review: ReviewTestApi;
  /** The WorkspaceEdit writer Apply uses. */
  applyFileEdit: typeof applyFileEdit;
  apiKeys: ApiKeyStore;
  pluginHost: AgentPluginHost;
  /** The trust gate; `overrideSource` simulates an untrusted window (the harness runs with trust disabled). */
  trust: TrustGate;
  lastRun: LastRunStore;
  showStats: () => vscode.WebviewPanel;
  /** What the status bar item shows. */
  statusBar: () => StatusBarSnapshot;
  /** Restores a diff panel from a saved webview state as the serializer does after a reload. */
  reviveDiffPanel: (panel: vscode.WebviewPanel, state: unknown) => DiffStateMessage | undefined;
}

/** What the tests get: the hooks, plus where the Headroom Learn log channel writes (to check what was logged). */
export interface HeadroomTestingApi extends HeadroomTestingHooks {
  logUri: vscode.Uri;
  /** The extension's global storage, where the scan cache lives (its `scan-cache` folder). */
  globalStorageUri: vscode.Uri;
}

/** activate()'s value as the in-host tests see it: the public API plus `testing` (present under extension tests only). */
export type HeadroomLearnTestApi = HeadroomLearnApi & { readonly testing?: HeadroomTestingApi };
