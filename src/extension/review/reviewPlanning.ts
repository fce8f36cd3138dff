import * as vscode from 'vscode';
import { diskProjectFiles } from '../../core/correlate/projectFiles.js';
import { decodeTarget, resolveTargetFile } from '../../core/fs/targetFile.js';
import type { Category, Learning } from '../../core/model/finding.js';
import { planLearnProposals, type AgentProposal, type AgentTargets } from '../../core/pipeline/learnProposals.js';
import { ruleTextKey } from '../../core/write/mergeRules.js';
import { groupTargetsByFile, routeLearnings } from '../../core/write/routeLearnings.js';
import type { ProjectLearnResult } from '../learn/workerProtocol.js';
import type { ExistingRuleItem, ReviewProject } from './reviewModel.js';
import { retireCandidates } from './ruleHistory.js';
import type { RuleCaps } from '../../core/write/ruleCaps.js';

// Plans a project's review through core's planLearnProposals: all of the project's files at once, for the rules
// the user checked, with the files read as VS Code sees them.

/**
 * A file's text as a TextDocument holds it (no BOM; UTF-8, or UTF-16 by its BOM as VS Code detects it); undefined
 * when the file does not exist. Any other encoding is a RefusedTargetError (decodeTarget), as in the CLI: the file
 * is left untouched.
 */
export async function readDiskText(uri: vscode.Uri): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
  const path = uri.fsPath;
  const decoded = decodeTarget(path, bytes);
  return decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
}

/**
 * Reads a target file as Apply will find it: an editor's unsaved text, else the file on disk. Not the text of an
 * open but unmodified document: VS Code reloads it from disk only when its file watcher reports the change, so it
 * can lag a file just written by git or another tool.
 */
export async function readTargetText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open?.isDirty) return open.getText();
  return readDiskText(uri);
}

/** Per learning, the files it goes to: each agent routes it to its own file of the learning's kind. */
function learningRoutes(learnings: readonly Learning[], agents: readonly AgentTargets[]): Map<string, string[]> {
  const routes = new Map<string, string[]>(learnings.map((learning) => [learning.id, []]));
  for (const agent of agents) {
    for (const [file, routed] of routeLearnings(learnings, groupTargetsByFile(agent.targets))) {
      for (const learning of routed) {
        const paths = routes.get(learning.id)!;
        if (!paths.includes(file)) paths.push(file);
      }
    }
  }
  return routes;
}

/** The text of a project rule by id: a learning, or an existing rule (`rule:` id). */
function ruleText(project: ReviewProject, id: string): string | undefined {
  return project.result.learnings.find((learning) => learning.id === id)?.text ?? project.existingRules.find((rule) => rule.id === id)?.text;
}

/**
 * Plans every file of the project for its checked rules, reading the files now. Unchecked learnings and
 * dropped existing rules are rejected in every file (they leave a section even when it holds them already); a
 * file with rules excluded for it alone is planned again with those rejected too.
 */
async function planProjectFiles(project: ReviewProject): Promise<AgentProposal[]> {
  const { learnings } = project.result;
  const rejected = [
    ...learnings.filter((learning) => !project.checked.has(learning.id)).map((learning) => learning.text),
    ...project.existingRules.filter((rule) => project.dropped.has(rule.id)).map((rule) => rule.text),
  ];
  const pathExists = diskProjectFiles(project.projectPath).exists;
  const plan = (excluded: ReadonlySet<string>) =>
    planLearnProposals({
      projectPath: project.projectPath,
      agents: project.agentTargets,
      learnings: learnings.filter((learning) => project.checked.has(learning.id) && !excluded.has(learning.id)),
      rejected: [...rejected, ...[...excluded].flatMap((id) => ruleText(project, id) ?? [])],
      readFile: async (path, options) => {
        // A link leading outside the project or the agent's home, a FIFO: refused (the proposal says why), never read.
        if (options?.root !== undefined) await resolveTargetFile(path, options.root);
        return readTargetText(vscode.Uri.file(path));
      },
      pathExists,
      ruleCaps: project.ruleCaps,
    });
  const proposals = await plan(new Set());
  for (const target of project.targets) {
    if (target.excluded.size === 0) continue;
    const own = (await plan(target.excluded)).find((proposal) => proposal.path === target.path);
    const index = proposals.findIndex((proposal) => proposal.path === target.path);
    if (own && index >= 0) proposals[index] = own;
  }
  return proposals;
}

/** The rules of the files' current sections that no learning of the run matches, each once, with the files holding it. */
function unmatchedExistingRules(proposals: readonly AgentProposal[], learnings: readonly Learning[]): ExistingRuleItem[] {
  const learned = new Set(learnings.map((learning) => ruleTextKey(learning.text)));
  const items = new Map<string, { id: string; category: Category; text: string; paths: string[] }>();
  for (const proposal of proposals) {
    for (const rule of proposal.existingRules ?? []) {
      if (rule.category === 'unknown') continue;
      const key = ruleTextKey(rule.text);
      if (key.length === 0 || learned.has(key)) continue;
      const item = items.get(key) ?? { id: `rule:${key}`, category: rule.category, text: rule.text, paths: [] };
      items.set(key, item);
      if (!item.paths.includes(proposal.path)) item.paths.push(proposal.path);
    }
  }
  return [...items.values()];
}

/** Plans the project again and updates each file's plan and the list of existing rules (the user's choices stay). */
export async function replanProject(project: ReviewProject): Promise<void> {
  const proposals = await planProjectFiles(project);
  for (const target of project.targets) {
    const proposal = proposals.find((p) => p.path === target.path);
    if (proposal) target.proposal = proposal;
  }
  project.existingRules = unmatchedExistingRules(proposals, project.result.learnings);
}

/**
 * The review of each learned project: every rule checked, every agent file (the agents with sessions, as the
 * pipeline found them) planned through planLearnProposals against the files as VS Code sees them.
 */
export async function buildReviewProjects(results: readonly ProjectLearnResult[], ruleCaps?: RuleCaps): Promise<ReviewProject[]> {
  const projects: ReviewProject[] = [];
  for (const result of results) {
    const { agentTargets } = result;
    const retire = retireCandidates(result);
    const project: ReviewProject = {
      projectPath: result.projectPath,
      result,
      agentTargets,
      routes: learningRoutes(result.learnings, agentTargets),
      // Retire candidates (headroom wrote them long ago, their situation never came up since) start unchecked.
      checked: new Set(result.learnings.filter((learning) => !retire.has(ruleTextKey(learning.text))).map((learning) => learning.id)),
      existingRules: [],
      dropped: new Set(),
      targets: [],
      ruleCaps,
    };
    const proposals = await planProjectFiles(project);
    for (const proposal of proposals) {
      const uri = vscode.Uri.file(proposal.path);
      const outsideWorkspace = vscode.workspace.getWorkspaceFolder(uri) === undefined;
      project.targets.push({ id: `${result.projectPath}\u0000${proposal.path}`, project, agents: proposal.agents, path: proposal.path, uri, outsideWorkspace, excluded: new Set(), proposal });
    }
    project.existingRules = unmatchedExistingRules(proposals, result.learnings);
    const quiet = project.existingRules.filter((rule) => retire.has(ruleTextKey(rule.text)));
    for (const rule of quiet) project.dropped.add(rule.id);
    if (quiet.length > 0) await replanProject(project);
    projects.push(project);
  }
  return projects;
}
