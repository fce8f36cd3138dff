import * as vscode from 'vscode';
import type { AgentEnvironment, AgentPlugin, AgentTarget } from '../../core/agents/plugin.js';
import { diskProjectFiles } from '../../core/correlate/projectFiles.js';
import type { Category, Learning } from '../../core/model/finding.js';
import { ruleTextKey } from '../../core/write/mergeRules.js';
import { planProposals } from '../../core/write/planProposals.js';
import type { TargetProposal } from '../../core/write/proposal.js';
import { groupTargetsByFile, routeLearnings } from '../../core/write/routeLearnings.js';
import type { ProjectLearnResult } from '../learn/workerProtocol.js';

/** One file an agent reads, with the learnings routed to it and the user's choice of which to write. */
export interface ReviewTarget {
  /** Stable id: project path + file path. */
  readonly id: string;
  readonly project: ReviewProject;
  readonly agent: { readonly name: string; readonly displayName: string };
  readonly path: string;
  readonly uri: vscode.Uri;
  /** Not inside any workspace folder (Claude's MEMORY.md, Codex's instructions.md, Learn All Projects). */
  readonly outsideWorkspace: boolean;
  /** The agent's targets for this file (Gemini's GEMINI.md takes two kinds). */
  readonly agentTargets: readonly AgentTarget[];
  /** Every learning routed to this file, in the analyzer's order. */
  readonly learnings: readonly Learning[];
  /** Ids of the checked learnings (all by default). */
  readonly checked: Set<string>;
  /**
   * Rules already in the file's marker section that no learning of this run matches (kept by the merge without
   * new evidence), read again at each plan, so the user can drop them too.
   */
  existingRules: readonly ExistingRuleItem[];
  /** Ids of the existing rules the user unchecked: removed from the section ("rejected by the user"). */
  readonly dropped: Set<string>;
  /** The plan for the checked learnings against the file as it was when last read. */
  proposal: TargetProposal;
  /** Set when the file changed since the previous plan and the diff was re-planned. */
  notice?: string;
}

/** A rule already in a file's section with no learning behind it in this run. */
export interface ExistingRuleItem {
  /** Stable across re-plans: `rule:` + the rule's compared text. */
  readonly id: string;
  readonly category: Category;
  readonly text: string;
}

export interface ReviewProject {
  readonly projectPath: string;
  readonly result: ProjectLearnResult;
  readonly targets: ReviewTarget[];
}

export interface ReviewRun {
  readonly scope: 'project' | 'all';
  readonly finishedAt: Date;
  readonly projects: readonly ReviewProject[];
}

/** Reads a target file as VS Code sees it: an open document's text (unsaved edits included), else the file; undefined when missing. */
export async function readTargetText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    await vscode.workspace.fs.stat(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

function isInWorkspace(uri: vscode.Uri): boolean {
  return vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

type PlanInput = Pick<ReviewTarget, 'project' | 'agentTargets' | 'learnings' | 'checked' | 'path'> & { dropped?: ReadonlySet<string>; existingRules?: readonly ExistingRuleItem[] };

/**
 * Plans one target for its checked learnings, reading the file now. Unchecked learnings and dropped existing
 * rules are rejected: they leave the section even when it holds them already.
 */
export async function planTarget(target: PlanInput): Promise<TargetProposal> {
  const projectFiles = diskProjectFiles(target.project.projectPath);
  const rejected = [
    ...target.learnings.filter((learning) => !target.checked.has(learning.id)).map((learning) => learning.text),
    ...(target.existingRules ?? []).filter((rule) => target.dropped?.has(rule.id)).map((rule) => rule.text),
  ];
  const [proposal] = await planProposals({
    projectPath: target.project.projectPath,
    targets: target.agentTargets,
    learnings: target.learnings.filter((learning) => target.checked.has(learning.id)),
    readFile: (path) => readTargetText(vscode.Uri.file(path)),
    pathExists: projectFiles.exists,
    rejected,
  });
  if (!proposal) throw new Error(`No plan for ${target.path}`);
  return proposal;
}

/** The rules of the file's current section that no learning matches (those the tree lists as "in the file"). */
export function unmatchedExistingRules(proposal: TargetProposal, learnings: readonly Learning[]): ExistingRuleItem[] {
  const learned = new Set(learnings.map((learning) => ruleTextKey(learning.text)));
  const items = new Map<string, ExistingRuleItem>();
  for (const rule of proposal.existingRules ?? []) {
    if (rule.category === 'unknown') continue;
    const key = ruleTextKey(rule.text);
    if (key.length === 0 || learned.has(key) || items.has(key)) continue;
    items.set(key, { id: `rule:${key}`, category: rule.category, text: rule.text });
  }
  return [...items.values()];
}

export interface BuildReviewOptions {
  plugins: (name: string) => AgentPlugin | undefined;
  environment: AgentEnvironment;
  memoryFile: 'auto' | 'project';
}

/** Turns the worker's results into review targets: per agent with sessions, each of its files, all learnings checked. */
export async function buildReviewProjects(results: readonly ProjectLearnResult[], options: BuildReviewOptions): Promise<ReviewProject[]> {
  const projects: ReviewProject[] = [];
  for (const result of results) {
    const project: ReviewProject = { projectPath: result.projectPath, result, targets: [] };
    for (const agent of result.agents) {
      const plugin = options.plugins(agent.name);
      if (!plugin) continue;
      const agentTargets = plugin.targets(result.projectPath, options.environment, { memoryFile: options.memoryFile });
      const files = groupTargetsByFile(agentTargets);
      const routed = routeLearnings(result.learnings, files);
      for (const file of files) {
        const learnings = routed.get(file.path) ?? [];
        const uri = vscode.Uri.file(file.path);
        const partial = {
          id: `${result.projectPath}\u0000${file.path}`,
          project,
          agent: { name: agent.name, displayName: agent.displayName },
          path: file.path,
          uri,
          outsideWorkspace: !isInWorkspace(uri),
          agentTargets: agentTargets.filter((target) => target.path === file.path),
          learnings,
          checked: new Set(learnings.map((learning) => learning.id)),
          dropped: new Set<string>(),
        };
        const proposal = await planTarget(partial);
        project.targets.push({ ...partial, proposal, existingRules: unmatchedExistingRules(proposal, learnings) });
      }
    }
    projects.push(project);
  }
  return projects;
}

/** What Learn is doing: nothing, running, or the last run failed (with its message). */
export type LearnActivity = { readonly state: 'idle' } | { readonly state: 'learning' } | { readonly state: 'failed'; readonly message: string };

/** The state of the review: the last run, which learnings are checked, the current plan per file. */
export class ReviewModel implements vscode.Disposable {
  private current: ReviewRun | undefined;
  private currentActivity: LearnActivity = { state: 'idle' };
  private readonly changeEmitter = new vscode.EventEmitter<ReviewTarget | undefined>();
  private readonly activityEmitter = new vscode.EventEmitter<LearnActivity>();
  /** A target's plan or checkboxes changed (the target), or the whole run changed (undefined). */
  readonly onDidChange = this.changeEmitter.event;
  /** Learn started, finished, or failed (the status bar follows it). */
  readonly onDidChangeActivity = this.activityEmitter.event;

  get activity(): LearnActivity {
    return this.currentActivity;
  }

  /** Called by the Learn flow when a run starts and ends. */
  setActivity(activity: LearnActivity): void {
    this.currentActivity = activity;
    this.activityEmitter.fire(activity);
  }

  get run(): ReviewRun | undefined {
    return this.current;
  }

  targets(): ReviewTarget[] {
    return this.current?.projects.flatMap((project) => project.targets) ?? [];
  }

  target(id: string): ReviewTarget | undefined {
    return this.targets().find((target) => target.id === id);
  }

  checkedCount(): number {
    return this.targets().reduce((sum, target) => sum + target.checked.size, 0);
  }

  setRun(run: ReviewRun | undefined): void {
    this.current = run;
    this.changeEmitter.fire(undefined);
  }

  /**
   * Sets learnings (or existing rules, by their `rule:` id) checked or not, then re-plans each affected file:
   * an unchecked one is left out of the section, also when the file already holds it.
   */
  async setChecked(changes: ReadonlyArray<{ target: ReviewTarget; learningId: string; checked: boolean }>): Promise<void> {
    const touched = new Set<ReviewTarget>();
    for (const { target, learningId, checked } of changes) {
      const isRule = target.existingRules.some((rule) => rule.id === learningId);
      const set = isRule ? target.dropped : target.checked;
      if (checked === !isRule) set.add(learningId);
      else set.delete(learningId);
      touched.add(target);
    }
    for (const target of touched) await this.replan(target);
  }

  /** Reads the file again and plans it for its checked learnings; `notice` explains why, when shown. */
  async replan(target: ReviewTarget, notice?: string): Promise<void> {
    const proposal = await planTarget(target);
    target.proposal = proposal;
    // The list follows the file as read now (a rule edited out by hand leaves it); what the user dropped stays dropped.
    target.existingRules = unmatchedExistingRules(proposal, target.learnings);
    target.notice = notice;
    this.changeEmitter.fire(target);
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.activityEmitter.dispose();
  }
}
