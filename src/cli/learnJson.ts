import type { AnalyzerReport } from '../core/analyze/backend.js';
import { ruleFigure } from '../core/backtest/ruleFigure.js';
import { droppedReason, isStale } from '../core/correlate/deriveFindings.js';
import type { WasteEstimate } from '../core/correlate/wasteEstimate.js';
import { DROP_REASON_LABELS, type DroppedCandidate } from '../core/explain/droppedCandidates.js';
import { CATEGORY_HEADINGS, type CallRef, type Category, type Correction, type Finding } from '../core/model/finding.js';
import type { AgentProposal } from '../core/pipeline/learnProposals.js';
import type { ProjectLearning } from '../core/pipeline/learnProject.js';
import type { RuleLifecycle } from '../core/lifecycle/ruleLifecycle.js';
import type { ScanStats } from '../core/scan/scanProject.js';
import type { RuleExplanation } from './explainReport.js';
import { ruleTextKey, type MergeEntry } from '../core/write/mergeRules.js';
import { joinOverCapReasons } from '../core/write/ruleCaps.js';
import { toScanJson } from './scanCommand.js';

interface MergeEntryJson {
  category: MergeEntry['category'];
  text: string;
  reason: string;
}

/** One target file: what would change, and why. */
interface ProposalJson {
  /** Registry key of the agent that reads the file: claude, codex, gemini. */
  agent: string;
  path: string;
  /** The kind of rules the file takes ('context' or 'memory'; GEMINI.md takes both, see kinds). */
  kind: AgentProposal['kind'];
  kinds: AgentProposal['kinds'];
  /** 'shared': several projects share the file (Codex instructions.md); this project's section is tagged. */
  scope: AgentProposal['scope'];
  exists: boolean;
  changed: boolean;
  /** This project's marker section now, markers included; absent when there is none. */
  currentSection?: string;
  proposedSection?: string;
  /** The whole file after the change (present when changed). */
  proposedText?: string;
  /** notAdded: rules of this run the file does not take (over its cap), with the reason. */
  merge: { kept: MergeEntryJson[]; added: MergeEntryJson[]; removed: MergeEntryJson[]; notAdded: MergeEntryJson[] };
  warnings: string[];
  /** Broken markers: nothing is written to this file (nor, with --apply, to any file of the project). */
  error?: { message: string; lines: number[] };
}

export interface LearnJson {
  projectPath: string;
  /** The other checkouts of its repository (worktrees) whose sessions were pooled with the project's; absent when none. */
  pooledCheckouts?: string[];
  totals: Record<string, ScanStats>;
  analyzer: AnalyzerReport;
  waste: WasteEstimate;
  corrections: Array<{ kind: Correction['kind']; change?: Correction['change']; failed: CallRef; fixed: CallRef }>;
  findings: Array<{
    id: string;
    category: Category;
    target: Finding['target'];
    rule: string;
    occurrences: number;
    sessions: number;
    firstSeen?: string;
    lastSeen?: string;
    userStated: boolean;
    proposed: boolean;
    stale?: string;
    /**
     * Why the finding is no rule although it met the thresholds: a rejection without a stated preference, a rule
     * that names a command cut off or contradicts a better-supported one, or "over the cap of 15 for CLAUDE.md" (in
     * every file it goes to; stronger rules fill them).
     */
    dropped?: string;
    /** Result tokens its failed, rejected or empty-search calls cost (one of the figures its rule is ranked by). */
    wastedTokens?: number;
    details: Record<string, unknown>;
    evidence: CallRef[];
    /**
     * The backtest of the rule proposed from this finding (learned from the older 70% of the sessions, replayed on
     * the rest); `tested: false` when the older sessions did not give that rule. Absent when not proposed or when
     * there is nothing to replay.
     */
    backtest?: { tested: boolean; matches: number; laterFailures: number; coveredTokens: number };
  }>;
  rules: Array<{ id: string; category: Category; target: Finding['target']; heading: string; text: string; findingIds: string[] }>;
  contradictions: number;
  belowThreshold: number;
  /** Every candidate that did not become a rule, grouped by reason (in DROP_REASONS order), with why and where it was seen. */
  dropped: Array<DroppedCandidate & { label: string }>;
  warnings: string[];
  /** Every target file of every agent with sessions for the project. */
  proposals?: ProposalJson[];
  /** Rules headroom wrote earlier, still in the sections: recurrences and situations since, retire candidates (absent when none is remembered). */
  lifecycle?: RuleLifecycle[];
  /** With --explain: per proposed rule, the thresholds it passed, its backtest figure and its evidence as episodes. */
  explain?: RuleExplanation[];
  /** With --apply: the files written. */
  written?: string[];
  /** With --apply: one line per file that could not be written (changed since read, permissions …). */
  writeErrors?: string[];
}

function findingBacktest(result: ProjectLearning, findingId: string): LearnJson['findings'][number]['backtest'] {
  const learning = result.learnings.find((l) => l.findingIds.includes(findingId));
  if (!learning || !result.backtest) return undefined;
  const figure = ruleFigure(learning, result.findings, result.backtest);
  return figure ? { tested: true, ...figure } : { tested: false, matches: 0, laterFailures: result.backtest.laterFailures, coveredTokens: 0 };
}

/** Why a finding that met the thresholds is no rule: the dropped list's entry for it (personal data, the analyzer). */
function notProposedWhy(result: ProjectLearning, findingId: string): string | undefined {
  const entry = result.dropped.find((d) => d.findingId === findingId && d.reason !== 'stale');
  return entry && (entry.detail ? `${DROP_REASON_LABELS[entry.reason]}: ${entry.detail}` : DROP_REASON_LABELS[entry.reason]);
}

/** "over the cap of 15 for CLAUDE.md; …" when every file the finding's rule goes to left it out over its cap. */
function overCapEverywhere(result: ProjectLearning, findingId: string, proposals: readonly AgentProposal[] | undefined): string | undefined {
  const learning = result.learnings.find((l) => l.findingIds.includes(findingId));
  if (!learning || !proposals) return undefined;
  const key = ruleTextKey(learning.text);
  const entries = proposals.flatMap((p) => p.merge).filter((entry) => entry.category === learning.category && ruleTextKey(entry.text) === key);
  if (entries.length === 0 || entries.some((entry) => entry.action !== 'not_added')) return undefined;
  return joinOverCapReasons(entries.map((entry) => entry.reason));
}

export function toLearnJson(result: ProjectLearning, warnings: string[], proposals?: readonly AgentProposal[]): LearnJson {
  const capped = new Map(result.findings.flatMap((f) => {
    const reason = overCapEverywhere(result, f.id, proposals);
    return reason ? [[f.id, reason] as const] : [];
  }));
  const proposed = new Set(result.learnings.flatMap((l) => l.findingIds).filter((id) => !capped.has(id)));
  const json: LearnJson = {
    projectPath: result.projectPath,
    ...(result.pooledCheckouts ? { pooledCheckouts: result.pooledCheckouts } : {}),
    totals: toScanJson([{ projectPath: result.projectPath, agents: result.agents.map((a) => ({ agent: a.name, displayName: a.displayName, stats: a.stats })) }], warnings).totals,
    analyzer: result.analyzer,
    waste: result.waste,
    corrections: result.corrections.map((c) => ({ kind: c.kind, change: c.change, failed: c.failed, fixed: c.fixed })),
    findings: result.findings.map((f) => ({
      id: f.id,
      category: f.category,
      target: f.target,
      rule: f.rule,
      occurrences: f.occurrences,
      sessions: f.sessions,
      firstSeen: f.firstSeen,
      lastSeen: f.lastSeen,
      userStated: f.userStated,
      proposed: proposed.has(f.id),
      stale: isStale(f) ? String(f.details.stale) : undefined,
      dropped: droppedReason(f) ?? (proposed.has(f.id) ? undefined : notProposedWhy(result, f.id)) ?? capped.get(f.id),
      wastedTokens: f.wastedTokens,
      details: f.details,
      evidence: f.evidence,
      backtest: findingBacktest(result, f.id),
    })),
    rules: result.learnings.map((l) => ({
      id: l.id,
      category: l.category,
      target: l.target,
      heading: CATEGORY_HEADINGS[l.category],
      text: l.text,
      findingIds: l.findingIds,
    })),
    contradictions: result.contradictions,
    belowThreshold: result.belowThreshold,
    dropped: result.dropped.map((d) => ({ ...d, label: DROP_REASON_LABELS[d.reason] })),
    warnings,
  };
  if (proposals) json.proposals = proposals.map(toProposalJson);
  if (result.lifecycle) json.lifecycle = result.lifecycle;
  return json;
}

export function toProposalJson(p: AgentProposal): ProposalJson {
  const entries = (action: MergeEntry['action']) =>
    p.merge.filter((m) => m.action === action).map((m) => ({ category: m.category, text: m.text, reason: m.reason }));
  return {
    agent: p.agent,
    path: p.path,
    kind: p.kind,
    kinds: p.kinds,
    scope: p.scope,
    exists: p.exists,
    changed: p.changed,
    currentSection: p.currentSection,
    proposedSection: p.proposedSection,
    proposedText: p.changed ? p.proposedText : undefined,
    merge: { kept: entries('kept'), added: entries('added'), removed: entries('removed'), notAdded: entries('not_added') },
    warnings: p.error ? [] : p.warnings,
    error: p.error ? { message: p.error.message, lines: [...p.error.lines] } : undefined,
  };
}
