import * as path from 'node:path';
import type { AgentPlugin } from '../core/agents/plugin.js';
import { buildEvidenceTimeline, type EvidenceTimeline, type TimelineCall, type TimelineEpisode } from '../core/explain/evidenceTimeline.js';
import { readEvidenceSessions } from '../core/explain/readEvidenceSessions.js';
import { MIN_OCCURRENCES, MIN_OCCURRENCES_USER_STATED, MIN_SESSIONS } from '../core/correlate/thresholds.js';
import type { ProjectLearning } from '../core/pipeline/learnProject.js';
import { sanitizeRuleText } from '../core/write/sanitizeRuleText.js';
import type { LearnJson } from './learnJson.js';
import { backtestText } from './learnReport.js';
import { painter, plural, writeLine, type CliIO } from './output.js';

/** One proposed rule with why: the thresholds its findings passed, its backtest figure and its evidence as episodes. */
export interface RuleExplanation {
  ruleId: string;
  text: string;
  passed: string;
  backtest?: string;
  timeline: EvidenceTimeline;
}

/** Why each proposed rule was proposed; reads the session logs its evidence names once more. */
export async function explainRules(
  result: ProjectLearning,
  json: LearnJson,
  plugins: readonly AgentPlugin[],
  minOccurrences = MIN_OCCURRENCES,
  signal?: AbortSignal,
): Promise<RuleExplanation[]> {
  const explanations: RuleExplanation[] = [];
  for (const learning of result.learnings) {
    const findings = json.findings.filter((f) => learning.findingIds.includes(f.id));
    const sessions = await readEvidenceSessions(learning.evidence, plugins, result.projectPath, signal);
    const backtest = findings.find((f) => f.backtest)?.backtest;
    explanations.push({
      ruleId: learning.id,
      text: sanitizeRuleText(learning.text).replace(/\n/g, ' '),
      passed: passedText(findings, minOccurrences),
      ...(backtest ? { backtest: backtestText(backtest) } : {}),
      timeline: buildEvidenceTimeline(learning.evidence, sessions, { projectPath: result.projectPath }),
    });
  }
  return explanations;
}

/** "4 occurrences in 4 sessions (needs 2 in 2)", "the user's own words (needs 1)". */
function passedText(findings: LearnJson['findings'], minOccurrences: number): string {
  if (findings.length === 0) return 'no finding cited (an existing rule the analyzer kept)';
  const occurrences = findings.reduce((n, f) => n + f.occurrences, 0);
  const sessions = Math.max(...findings.map((f) => f.sessions));
  const seen = `${plural(occurrences, 'occurrence')} in ${plural(sessions, 'session')}`;
  const needs = `needs ${minOccurrences} in ${Math.min(MIN_SESSIONS, minOccurrences)}`;
  const counted = occurrences >= minOccurrences && sessions >= Math.min(MIN_SESSIONS, minOccurrences);
  if (!counted && findings.some((f) => f.userStated)) return `${seen} · stated in the user's own words (needs ${MIN_OCCURRENCES_USER_STATED})`;
  return `${seen} (${needs})${findings.some((f) => f.userStated) ? ' · also in the user\'s own words' : ''}`;
}

function place(ref: TimelineCall['ref']): string {
  return `${path.basename(ref.file)}:${ref.line}`;
}

function outcomeText(call: TimelineCall): string {
  if (call.outcome === 'rejected') return 'rejected by the user';
  if (call.outcome === 'interrupted') return 'interrupted';
  const code = call.exitCode !== undefined ? `exit ${call.exitCode}` : undefined;
  return [call.errorKind?.replace(/_/g, ' '), code].filter(Boolean).join(', ') || call.outcome;
}

function episodeLines(episode: TimelineEpisode, number: number): string[] {
  const when = (episode.failed ?? episode.fixed)?.ref.timestamp?.replace('T', ' ').slice(0, 16);
  const lines = [`episode ${number} · ${episode.agent}${when ? ` · ${when}` : ''} · ${path.basename(episode.file)}`];
  if (episode.failed) {
    lines.push(`  ✗ ${episode.failed.summary}  [${place(episode.failed.ref)}]`, `      ${outcomeText(episode.failed)}`);
    for (const line of episode.failed.output ?? []) lines.push(`      │ ${line}`);
  }
  if (episode.between.count > 0) {
    const tools = episode.between.tools.map((t) => `${t.tool} ${t.count}`).join(', ');
    lines.push(`  … ${plural(episode.between.count, 'call')} in between: ${tools}${episode.between.failed > 0 ? ` (${episode.between.failed} failed)` : ''}`);
  } else if (episode.failed && episode.fixed) {
    lines.push('  … nothing in between');
  }
  if (episode.fixed) lines.push(`  ✓ ${episode.fixed.summary}  [${place(episode.fixed.ref)}]`);
  else if (episode.failed && episode.failed.outcome !== 'rejected') lines.push('  (no call in the evidence worked after it)');
  for (const words of episode.userWords) lines.push(`  user: “${words.text}”  [${path.basename(words.file)}:${words.line}]`);
  return lines;
}

/** The explanations as text: rule, thresholds, backtest, then each episode (the failed call and its error, the calls in between, the fix). */
export function printExplanations(explanations: readonly RuleExplanation[], io: CliIO): void {
  if (explanations.length === 0) return;
  const paint = painter(io.stdout, io.env);
  const out = (text = '') => writeLine(io.stdout, text);
  out(paint('bold', `Why these ${plural(explanations.length, 'rule')} (--explain):`));
  explanations.forEach((rule, i) => {
    out();
    out(`${i + 1}. ${rule.text}`);
    out(paint('dim', `   passed: ${rule.passed}`));
    if (rule.backtest) out(paint('dim', `   backtest: ${rule.backtest}`));
    rule.timeline.episodes.forEach((episode, n) => {
      for (const line of episodeLines(episode, n + 1)) out(`   ${line}`);
    });
    if (rule.timeline.omitted > 0) out(paint('dim', `   … ${plural(rule.timeline.omitted, 'more episode')} (--json for the evidence)`));
    for (const file of rule.timeline.unreadable) out(paint('yellow', `   ⚠ ${file} could not be read again: only the recorded call shown`));
  });
  out();
}
