import type { AgentTarget } from '../agents/plugin.js';
import type { Learning } from '../model/finding.js';
import { RefusedTargetError } from '../fs/targetFile.js';
import { findMarkerPairs, pairFor } from './findMarkerPairs.js';
import { MarkerError } from './markerError.js';
import { mergeRules } from './mergeRules.js';
import { parseExistingRules } from './parseExistingRules.js';
import { planTargetEdit } from './planTargetEdit.js';
import { markerProblem, type TargetProposal } from './proposal.js';
import { readLimitWarning } from './readLimitWarning.js';
import { renderMarkerSection } from './renderMarkerSection.js';
import { capForFile, type RuleCaps } from './ruleCaps.js';
import { detectLineEnding } from './textLines.js';
import { groupTargetsByFile, routeLearnings, type TargetFile } from './routeLearnings.js';

/**
 * Reads a file's text; undefined when it does not exist. Other read errors should throw; a RefusedTargetError
 * (a link leading outside `root`, a FIFO) skips that file alone.
 */
export type ReadTextFile = (path: string, options?: { root?: string }) => Promise<string | undefined> | string | undefined;

export interface PlanProposalsInput {
  /** Absolute project path; tags the markers in shared files. */
  projectPath: string;
  /** The agent's files (AgentPlugin.targets). */
  targets: readonly AgentTarget[];
  learnings: readonly Learning[];
  readFile: ReadTextFile;
  /** Whether a path named by an existing rule still exists; without it no rule is removed for a missing path. */
  pathExists?: (path: string) => boolean;
  /** Rule texts the user rejected: removed from the section even when already in it (mergeRules `rejected`). */
  rejected?: Iterable<string>;
  /** Rules to retire (ruleTextKey → reason): mergeRules `retired`. */
  retired?: ReadonlyMap<string, string>;
  /** Most rules per file by kind (default DEFAULT_RULE_CAPS): the strongest stay, the others are reported. */
  ruleCaps?: RuleCaps;
}

/**
 * One proposal per target file: current text and section, merged rules, proposed section and
 * text, and warnings. Reads files through `readFile`, never writes. A file with broken markers
 * gets a proposal with `error` set and no change.
 */
export async function planProposals(input: PlanProposalsInput): Promise<TargetProposal[]> {
  const files = groupTargetsByFile(input.targets);
  const routed = routeLearnings(input.learnings, files);
  const proposals: TargetProposal[] = [];
  for (const file of files) {
    const root = file.root ?? input.projectPath;
    let text: string | undefined;
    try {
      text = await input.readFile(file.path, { root });
    } catch (error) {
      if (!(error instanceof RefusedTargetError)) throw error;
      proposals.push({ ...baseProposal(file, undefined, input.projectPath), exists: true, refused: error.message, warnings: [error.message] });
      continue;
    }
    proposals.push(planOneFile(file, text, routed.get(file.path) ?? [], input));
  }
  return proposals;
}

function baseProposal(file: TargetFile, text: string | undefined, projectPath: string): TargetProposal {
  return {
    path: file.path,
    kind: file.kinds[0],
    kinds: file.kinds,
    scope: file.scope,
    projectTag: file.scope === 'shared' ? projectPath : undefined,
    exists: text !== undefined,
    currentText: text,
    proposedText: text,
    changed: false,
    merge: [],
    warnings: [],
    root: file.root ?? projectPath,
  };
}

function planOneFile(file: TargetFile, text: string | undefined, learnings: readonly Learning[], input: PlanProposalsInput): TargetProposal {
  const projectTag = file.scope === 'shared' ? input.projectPath : undefined;
  const base = baseProposal(file, text, input.projectPath);
  try {
    const pair = text === undefined ? undefined : pairFor(findMarkerPairs(text, file.path), projectTag);
    const currentSection = pair && text !== undefined ? text.slice(pair.start, pair.end) : undefined;
    if (learnings.length === 0 && currentSection === undefined) return base;

    const existing = currentSection === undefined ? [] : parseExistingRules(currentSection, file.kinds[0]);
    const merged = mergeRules({
      existing,
      learnings,
      pathExists: input.pathExists ?? (() => true),
      rejected: input.rejected,
      retired: input.retired,
      cap: capForFile(file, input.ruleCaps),
    });
    const eol = text === undefined ? '\n' : detectLineEnding(text);
    const proposedSection = renderMarkerSection(merged.rules, { project: projectTag, eol });
    // A new file starts with the agent's header when it needs one (front matter), then the section.
    const proposedText = planTargetEdit(text ?? file.header, proposedSection, { file: file.path, project: projectTag });
    const warnings: string[] = [];
    if (file.readLimitLines !== undefined) {
      const warning = readLimitWarning(proposedText, file.path, projectTag, file.readLimitLines);
      if (warning) warnings.push(warning);
    }
    return {
      ...base,
      currentSection,
      proposedSection,
      existingRules: existing,
      proposedText,
      changed: proposedText !== text,
      merge: merged.report,
      warnings,
    };
  } catch (error) {
    if (error instanceof MarkerError) return { ...base, error: markerProblem(error), warnings: [error.message] };
    throw error;
  }
}

