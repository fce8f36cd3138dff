import type { AgentEnvironment, AgentPlugin, AgentTarget, TargetOptions } from '../agents/plugin.js';
import type { ExistingRule } from '../analyze/backend.js';
import type { Learning } from '../model/finding.js';
import type { AgentScan } from '../scan/scanProject.js';
import { existingRulesInTargets } from '../write/existingRulesInTargets.js';
import { planProposals, type ReadTextFile } from '../write/planProposals.js';
import type { TargetProposal } from '../write/proposal.js';

/** The files one agent reads for a project. */
export interface AgentTargets {
  /** Registry key, e.g. 'claude'. */
  agent: string;
  displayName: string;
  targets: AgentTarget[];
}

/** A proposal for one file, with the agent whose file it is. */
export interface AgentProposal extends TargetProposal {
  agent: string;
  agentDisplayName: string;
}

/**
 * The target files of every agent that has sessions for the project (in scan order). The
 * learnings are facts about the project, so each of these agents gets all of them in its own
 * files; an agent without sessions for the project gets nothing.
 */
export function targetsForScans(
  scans: readonly Pick<AgentScan, 'agent'>[],
  plugins: readonly AgentPlugin[],
  projectPath: string,
  environment: AgentEnvironment,
  options: TargetOptions = {},
): AgentTargets[] {
  const result: AgentTargets[] = [];
  for (const scan of scans) {
    const plugin = plugins.find((p) => p.name === scan.agent);
    if (!plugin || result.some((r) => r.agent === plugin.name)) continue;
    result.push({ agent: plugin.name, displayName: plugin.displayName, targets: plugin.targets(projectPath, environment, options) });
  }
  return result;
}

/**
 * The rules already written for the project in those agents' files, each rule once (the same
 * rule usually sits in CLAUDE.md, AGENTS.md and GEMINI.md). For AnalyzerInput.existingRules.
 */
export async function existingRulesForAgents(projectPath: string, agents: readonly AgentTargets[], readFile: ReadTextFile): Promise<ExistingRule[]> {
  const rules: ExistingRule[] = [];
  const seen = new Set<string>();
  for (const agent of agents) {
    for (const rule of await existingRulesInTargets(projectPath, agent.targets, readFile)) {
      const key = `${rule.category}\u0000${rule.target}\u0000${rule.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rules.push(rule);
    }
  }
  return rules;
}

export interface PlanLearnProposalsInput {
  projectPath: string;
  agents: readonly AgentTargets[];
  /** All of the project's learnings; each agent's files get every one, routed by kind. */
  learnings: readonly Learning[];
  readFile: ReadTextFile;
  /** Whether a project-relative or absolute path exists now (stale rules are removed). */
  pathExists: (path: string) => boolean;
}

/**
 * One proposal per target file of every agent, in agent order. A file named by two agents is
 * planned once, for the first (a second plan from the same text would overwrite the first).
 */
export async function planLearnProposals(input: PlanLearnProposalsInput): Promise<AgentProposal[]> {
  const proposals: AgentProposal[] = [];
  const planned = new Set<string>();
  for (const agent of input.agents) {
    const targets = agent.targets.filter((t) => !planned.has(t.path));
    if (targets.length === 0) continue;
    const planned_ = await planProposals({
      projectPath: input.projectPath,
      targets,
      learnings: input.learnings,
      readFile: input.readFile,
      pathExists: input.pathExists,
    });
    for (const proposal of planned_) {
      planned.add(proposal.path);
      proposals.push({ ...proposal, agent: agent.agent, agentDisplayName: agent.displayName });
    }
  }
  return proposals;
}
