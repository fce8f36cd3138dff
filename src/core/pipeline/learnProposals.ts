import type { AgentEnvironment, AgentPlugin, AgentTarget, TargetOptions } from '../agents/plugin.js';
import type { ExistingRule } from '../analyze/backend.js';
import type { Learning } from '../model/finding.js';
import type { AgentScan } from '../scan/scanProject.js';
import { existingRulesInTargets } from '../write/existingRulesInTargets.js';
import { planProposals, type ReadTextFile } from '../write/planProposals.js';
import type { TargetProposal } from '../write/proposal.js';
import type { RuleCaps } from '../write/ruleCaps.js';
import { groupTargetsByFile, routeLearnings } from '../write/routeLearnings.js';

/** The files one agent reads for a project. */
export interface AgentTargets {
  /** Registry key, e.g. 'claude'. */
  agent: string;
  displayName: string;
  targets: AgentTarget[];
}

/** An agent that reads a file. */
export interface ReadingAgent {
  name: string;
  displayName: string;
}

/**
 * A proposal for one file, with the agents that read it. A file named by several agents (AGENTS.md is read by
 * Codex and by VS Code's chat) is planned once for all of them; `agent`/`agentDisplayName` name the first.
 */
export interface AgentProposal extends TargetProposal {
  agent: string;
  agentDisplayName: string;
  /** Every agent that reads this file, in agent order (the first is `agent`). */
  agents: ReadingAgent[];
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
  /** The learnings to write (all of the project's, or the ones the user checked); each file gets those of its kinds. */
  learnings: readonly Learning[];
  /** Rule texts the user rejected: they leave every file's section, also when already in it. */
  rejected?: Iterable<string>;
  /** Rules to retire (ruleTextKey → reason): they leave every file's section. */
  retired?: ReadonlyMap<string, string>;
  readFile: ReadTextFile;
  /** Whether a project-relative or absolute path exists now (stale rules are removed). */
  pathExists: (path: string) => boolean;
  /** Most rules per context and per memory file (default DEFAULT_RULE_CAPS). */
  ruleCaps?: RuleCaps;
}

/**
 * One proposal per target file, in agent order. Each agent's learnings are routed to its own files by kind (an
 * agent without a memory file gets its memory rules in its context file); a file named by several agents is
 * planned once, with what each of them routes to it (a second plan from the same text would overwrite the
 * first), and lists them all.
 */
export async function planLearnProposals(input: PlanLearnProposalsInput): Promise<AgentProposal[]> {
  const files = new Map<string, { targets: AgentTarget[]; learnings: Learning[]; agents: ReadingAgent[] }>();
  for (const agent of input.agents) {
    const routed = routeLearnings(input.learnings, groupTargetsByFile(agent.targets));
    for (const target of agent.targets) {
      const file = files.get(target.path) ?? { targets: [], learnings: [], agents: [] };
      files.set(target.path, file);
      file.targets.push(target);
      if (!file.agents.some((reader) => reader.name === agent.agent)) file.agents.push({ name: agent.agent, displayName: agent.displayName });
      for (const learning of routed.get(target.path) ?? []) {
        if (!file.learnings.includes(learning)) file.learnings.push(learning);
      }
    }
  }
  const rejected = input.rejected === undefined ? undefined : [...input.rejected];
  const proposals: AgentProposal[] = [];
  for (const file of files.values()) {
    // Keep the learnings' order (strongest first) within the file whatever order the agents routed them in.
    const learnings = input.learnings.filter((learning) => file.learnings.includes(learning));
    const [proposal] = await planProposals({
      projectPath: input.projectPath,
      targets: file.targets,
      learnings,
      readFile: input.readFile,
      pathExists: input.pathExists,
      rejected,
      retired: input.retired,
      ruleCaps: input.ruleCaps,
    });
    proposals.push({ ...proposal, agent: file.agents[0].name, agentDisplayName: file.agents[0].displayName, agents: file.agents });
  }
  return proposals;
}
