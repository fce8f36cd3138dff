import * as vscode from 'vscode';
import type { AgentEnvironment, AgentPlugin, AgentTarget } from '../../core/agents/plugin';
import { diskProjectFiles } from '../../core/correlate/projectFiles';
import type { Learning } from '../../core/model/finding';
import { planProposals } from '../../core/write/planProposals';
import type { TargetProposal } from '../../core/write/proposal';
import { groupTargetsByFile, routeLearnings } from '../../core/write/routeLearnings';
import type { ProjectLearnResult } from './workerProtocol';

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
  /** The plan for the checked learnings against the file as it was when last read. */
  proposal: TargetProposal;
  /** Set when the file changed since the previous plan and the diff was re-planned. */
  notice?: string;
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

/** Plans one target for its checked learnings, reading the file now. */
export async function planTarget(target: Pick<ReviewTarget, 'project' | 'agentTargets' | 'learnings' | 'checked' | 'path'>): Promise<TargetProposal> {
  const projectFiles = diskProjectFiles(target.project.projectPath);
  const [proposal] = await planProposals({
    projectPath: target.project.projectPath,
    targets: target.agentTargets,
    learnings: target.learnings.filter((learning) => target.checked.has(learning.id)),
    readFile: (path) => readTargetText(vscode.Uri.file(path)),
    pathExists: projectFiles.exists,
  });
  if (!proposal) throw new Error(`No plan for ${target.path}`);
  return proposal;
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
        };
        project.targets.push({ ...partial, proposal: await planTarget(partial) });
      }
    }
    projects.push(project);
  }
  return projects;
}

/** The state of the review: the last run, which learnings are checked, the current plan per file. */
export class ReviewModel implements vscode.Disposable {
  private current: ReviewRun | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<ReviewTarget | undefined>();
  /** A target's plan or checkboxes changed (the target), or the whole run changed (undefined). */
  readonly onDidChange = this.changeEmitter.event;

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

  /** Sets learnings checked or not, then re-plans each affected file from its checked learnings. */
  async setChecked(changes: ReadonlyArray<{ target: ReviewTarget; learningId: string; checked: boolean }>): Promise<void> {
    const touched = new Set<ReviewTarget>();
    for (const { target, learningId, checked } of changes) {
      if (checked) target.checked.add(learningId);
      else target.checked.delete(learningId);
      touched.add(target);
    }
    for (const target of touched) await this.replan(target);
  }

  /** Reads the file again and plans it for its checked learnings; `notice` explains why, when shown. */
  async replan(target: ReviewTarget, notice?: string): Promise<void> {
    target.proposal = await planTarget(target);
    target.notice = notice;
    this.changeEmitter.fire(target);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
