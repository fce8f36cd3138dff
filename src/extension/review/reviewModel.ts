import * as vscode from 'vscode';
import type { Category, Learning } from '../../core/model/finding.js';
import type { AgentProposal, AgentTargets, ReadingAgent } from '../../core/pipeline/learnProposals.js';
import type { RuleCaps } from '../../core/write/ruleCaps.js';
import type { ProjectLearnResult } from '../learn/workerProtocol.js';
import { replanProject } from './reviewPlanning.js';

/** One file the project's agents read: where the project's checked rules are written (its diff and Apply act here). */
export interface ReviewTarget {
  /** Stable id: project path + file path. */
  readonly id: string;
  readonly project: ReviewProject;
  /** The agents that read this file, in agent order (AGENTS.md can have several). */
  readonly agents: readonly ReadingAgent[];
  readonly path: string;
  readonly uri: vscode.Uri;
  /** Not inside any workspace folder (Claude's MEMORY.md, Codex's instructions.md, Learn All Projects). */
  readonly outsideWorkspace: boolean;
  /** Ids of the project's rules (learning ids or `rule:` ids) the user excluded from this file only. */
  readonly excluded: Set<string>;
  /** The plan for the project's checked rules against the file as it was when last read. */
  proposal: AgentProposal;
  /** Set when the file changed since the previous plan and the diff was re-planned. */
  notice?: string;
}

/** A rule already in the section of one or more of the project's files with no learning behind it in this run. */
export interface ExistingRuleItem {
  /** Stable across re-plans and files: `rule:` + the rule's compared text. */
  readonly id: string;
  readonly category: Category;
  readonly text: string;
  /** The files whose section holds it now. */
  readonly paths: readonly string[];
}

/** One project's review: each rule once, checked or not for every file it goes to. */
export interface ReviewProject {
  readonly projectPath: string;
  readonly result: ProjectLearnResult;
  /** The files each agent with sessions reads, as planned. */
  readonly agentTargets: readonly AgentTargets[];
  /** Per learning id, the files it goes to (each agent's file of its kind). */
  readonly routes: ReadonlyMap<string, readonly string[]>;
  /** Ids of the checked learnings (all by default). */
  readonly checked: Set<string>;
  /** Rules already in the files that no learning of this run matches, each once; read again at each plan. */
  existingRules: readonly ExistingRuleItem[];
  /** Ids of the existing rules the user unchecked: removed from every file's section. */
  readonly dropped: Set<string>;
  readonly targets: ReviewTarget[];
  /** Most rules per context and per memory file (the headroom.maxRulesPer…File settings of the run); default when unset. */
  readonly ruleCaps?: RuleCaps;
}

export interface ReviewRun {
  readonly scope: 'project' | 'all';
  readonly finishedAt: Date;
  readonly projects: readonly ReviewProject[];
}

/** The checked rules that go to a file: routed to it by kind, checked for the project, not excluded for this file. */
export function checkedLearningsFor(target: ReviewTarget): Learning[] {
  const { project } = target;
  return project.result.learnings.filter(
    (learning) => project.checked.has(learning.id) && !target.excluded.has(learning.id) && (project.routes.get(learning.id) ?? []).includes(target.path),
  );
}

/** The files a rule goes to now (its routes, or where an existing rule is), without those that exclude it. */
export function filesOfRule(project: ReviewProject, ruleId: string): ReviewTarget[] {
  const paths = project.routes.get(ruleId) ?? project.existingRules.find((rule) => rule.id === ruleId)?.paths ?? [];
  return project.targets.filter((target) => paths.includes(target.path) && !target.excluded.has(ruleId));
}

/** "Claude Code, Codex CLI": who reads a file. */
export function readerNames(target: ReviewTarget): string {
  return target.agents.map((agent) => agent.displayName).join(', ');
}

/** What Learn is doing: nothing, running, or the last run failed (with its message). */
export type LearnActivity = { readonly state: 'idle' } | { readonly state: 'learning' } | { readonly state: 'failed'; readonly message: string };

/** The state of the review: the last run, which rules are checked per project, the current plan per file. */
export class ReviewModel implements vscode.Disposable {
  private current: ReviewRun | undefined;
  private currentActivity: LearnActivity = { state: 'idle' };
  private readonly changeEmitter = new vscode.EventEmitter<ReviewProject | undefined>();
  private readonly activityEmitter = new vscode.EventEmitter<LearnActivity>();
  /** A project's checkboxes or file plans changed (the project), or the whole run changed (undefined). */
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

  projects(): readonly ReviewProject[] {
    return this.current?.projects ?? [];
  }

  targets(): ReviewTarget[] {
    return this.projects().flatMap((project) => project.targets);
  }

  target(id: string): ReviewTarget | undefined {
    return this.targets().find((target) => target.id === id);
  }

  /** Checked learnings over all projects: each rule counts once, whatever the number of files it goes to. */
  checkedCount(): number {
    return this.projects().reduce((sum, project) => sum + project.checked.size, 0);
  }

  setRun(run: ReviewRun | undefined): void {
    this.current = run;
    this.changeEmitter.fire(undefined);
  }

  /**
   * Checks or unchecks rules of a project (learnings, or existing rules by their `rule:` id), then re-plans every
   * file of the project: an unchecked rule leaves every file's section, also when a file already holds it.
   */
  async setChecked(project: ReviewProject, changes: ReadonlyArray<{ ruleId: string; checked: boolean }>): Promise<void> {
    for (const { ruleId, checked } of changes) {
      const isExisting = project.existingRules.some((rule) => rule.id === ruleId);
      const set = isExisting ? project.dropped : project.checked;
      if (checked === !isExisting) set.add(ruleId);
      else set.delete(ruleId);
    }
    await this.replanAll(project);
  }

  /** Leaves a checked rule out of one file only (or takes it back), then re-plans. */
  async setExcluded(target: ReviewTarget, ruleId: string, excluded: boolean): Promise<void> {
    if (excluded) target.excluded.add(ruleId);
    else target.excluded.delete(ruleId);
    await this.replanAll(target.project);
  }

  /** Reads the target's file (and the project's others) again and plans them; `notice` explains why, when shown. */
  async replan(target: ReviewTarget, notice?: string): Promise<void> {
    await replanProject(target.project);
    target.notice = notice;
    this.changeEmitter.fire(target.project);
  }

  /** Re-plans every file of a project (after a checkbox, or Refresh); earlier notices no longer apply. */
  async replanAll(project: ReviewProject): Promise<void> {
    await replanProject(project);
    for (const target of project.targets) target.notice = undefined;
    this.changeEmitter.fire(project);
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.activityEmitter.dispose();
  }
}

/** Sessions read for these projects, over every agent. */
export function sessionCount(projects: readonly ReviewProject[]): number {
  return projects.reduce((sum, project) => sum + project.result.agents.reduce((each, agent) => each + agent.stats.sessions, 0), 0);
}
