import type { AnalyzerBackend, AnalyzerInput, AnalyzerReport, AnalyzerResult } from '../backend.js';
import type { Finding, Learning } from '../../model/finding.js';
import { byValue, droppedReason, isStale } from '../../correlate/deriveFindings.js';
import { renderRule } from '../../correlate/rules/ruleTemplates.js';
import type { AnyFindingDetails } from '../../correlate/findingDetails.js';
import { findDangerousAction, isOutsideProject } from '../../redact/dangerousActions.js';

/** Paths a finding proposes the agent should use; each must exist in the project now. */
function proposedPaths(finding: Finding): string[] {
  const d = finding.details as { to?: string; path?: string; mode?: string };
  if (finding.category === 'file_path' && d.to) return [d.to];
  if (finding.category === 'large_file' && d.path) return [d.path];
  if (finding.category === 'search_scope' && d.mode === 'scope' && d.to) {
    const path = /^(\S+)( \(.*\))?$/.exec(d.to)?.[1];
    return path ? [path] : [];
  }
  return [];
}

/** What a finding's rule tells the agent to run or say: the command that worked, a gate to run, the user's quoted words. */
function proposedText(finding: Finding): string[] {
  const d = finding.details as { to?: string; command?: string; fix?: { kind: string; to: string }; userWords?: string[] };
  const proposed: string[] = [];
  if (d.to !== undefined && (finding.category === 'environment' || finding.category === 'command_pattern')) proposed.push(d.to);
  if (d.command !== undefined) proposed.push(d.command);
  if (finding.category === 'retry' && d.fix) proposed.push(d.fix.to);
  proposed.push(...(d.userWords ?? []));
  return proposed;
}

/**
 * Why a finding's rule would teach a dangerous action (findDangerousAction on what it proposes, a proposed
 * path outside the project), or undefined. What a rule only reports (the failed form, a rejected command) is
 * no proposal: "User rejected `sudo …` — show the command" keeps an agent safe.
 */
function dangerousProposal(finding: Finding, projectPath: string): string | undefined {
  for (const text of proposedText(finding)) {
    const why = findDangerousAction(text, { projectPath });
    if (why) return why;
  }
  // A working-folder rule's `folder` (where to cd); a file-path rule's `folder` is a flag.
  const folder = (finding.details as { folder?: unknown }).folder;
  const outside = [...proposedPaths(finding), ...(typeof folder === 'string' ? [folder] : [])].find((path) => isOutsideProject(path, { projectPath }));
  return outside === undefined ? undefined : `names a path outside the project (${outside})`;
}

/**
 * The embedded default with no LLM: each finding becomes one rule from the templates, in the
 * spec's headings, most valuable first. Stale findings and rules naming a path that is not in the
 * project now are left out and listed in the report.
 */
export class OfflineAnalyzer implements AnalyzerBackend {
  readonly name = 'offline';

  constructor(private readonly reason = 'No LLM backend selected: rules rendered offline from templates.') {}

  async analyze(input: AnalyzerInput, signal?: AbortSignal): Promise<AnalyzerResult> {
    signal?.throwIfAborted();
    const report: AnalyzerReport = { backend: this.name, reason: this.reason, dropped: [], notes: [] };
    const learnings: Learning[] = [];
    for (const finding of [...input.findings].sort(byValue)) {
      const text = renderRule(finding.category, finding.details as AnyFindingDetails);
      if (isStale(finding)) {
        report.dropped.push({ text, why: `stale: ${String(finding.details.stale)}` });
        continue;
      }
      const dropped = droppedReason(finding);
      if (dropped) {
        report.dropped.push({ text, why: dropped });
        continue;
      }
      const dangerous = dangerousProposal(finding, input.projectPath);
      if (dangerous) {
        report.dropped.push({ text, why: dangerous });
        continue;
      }
      const missing = proposedPaths(finding).filter((p) => !input.pathExists(p));
      if (missing.length > 0) {
        report.dropped.push({ text, why: `names ${missing.join(', ')}, which is not in the project` });
        continue;
      }
      learnings.push({
        id: finding.id,
        category: finding.category,
        target: finding.target,
        text,
        findingIds: [finding.id],
        evidence: finding.evidence,
        source: 'offline',
      });
    }
    const kept = new Set(learnings.map((l) => l.text));
    const retired = input.existingRules.filter((rule) => !kept.has(rule.text)).length;
    if (retired > 0) report.notes.push(`${retired} existing rule(s) in the marker sections are not backed by the current sessions.`);
    return { learnings, report };
  }
}
