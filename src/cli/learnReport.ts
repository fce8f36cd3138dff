import { createDefaultRegistry } from '../core/agents/builtins.js';
import { agentList, WHERE_SESSIONS_ARE_READ } from '../core/agents/noSessionsMessage.js';
import * as path from 'node:path';
import type { AnalyzerReport } from '../core/analyze/backend.js';
import { CATEGORIES, CATEGORY_HEADINGS } from '../core/model/finding.js';
import type { AgentProposal } from '../core/pipeline/learnProposals.js';
import type { MergeEntry } from '../core/write/mergeRules.js';
import type { ApplyOutcome } from './applyProposals.js';
import type { LearnJson } from './learnJson.js';
import { painter, plural, writeLine, type CliIO } from './output.js';
import { printDiff } from './printDiff.js';

type Paint = ReturnType<typeof painter>;


function kilobytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** A path as the summary shows it: relative to the project, `~/…` under the home folder, else absolute. */
function displayPath(file: string, projectPath: string, home: string): string {
  const inProject = path.relative(projectPath, file);
  if (inProject && !inProject.startsWith('..') && !path.isAbsolute(inProject)) return inProject;
  const inHome = path.relative(home, file);
  if (home && inHome && !inHome.startsWith('..') && !path.isAbsolute(inHome)) return `~${path.sep}${inHome}`;
  return file;
}

/** Project, sessions per agent, corrections and findings. */
export function printProjectHeader(json: LearnJson, io: CliIO): void {
  const paint = painter(io.stdout, io.env);
  const out = (text = '') => writeLine(io.stdout, text);
  out(paint('bold', json.projectPath));
  const agents = Object.entries(json.totals);
  if (agents.length === 0) {
    out(`  No ${agentList(createDefaultRegistry().all())} sessions found for this project.`);
    out(`  ${WHERE_SESSIONS_ARE_READ}`);
    return;
  }
  if (json.pooledCheckouts) {
    out(`  with the sessions of ${plural(json.pooledCheckouts.length, 'other checkout')} of its repository (git worktrees):`);
    for (const checkout of json.pooledCheckouts) out(`    ${checkout}`);
  }
  for (const [agent, t] of agents) {
    out(`  ${agent.padEnd(8)} ${plural(t.sessions, 'session')} · ${plural(t.toolCalls, 'tool call')} · ${t.failed} failed · ${t.rejected} rejected · ${t.interrupted} interrupted`);
  }
  const kinds = new Map<string, number>();
  for (const c of json.corrections) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
  const kindText = [...kinds.entries()].map(([k, n]) => `${k} ${n}`).join(', ');
  out(`  ${plural(json.corrections.length, 'correction')} (failure → fix)${kindText ? `: ${kindText}` : ''}`);
  out(`  ${plural(json.findings.length, 'repeated pattern')} → ${plural(json.rules.length, 'rule')}`);
}

/** "would have prevented 1 of 5 later failures (~73 tokens)", "no later match", "not enough history to test". */
export function backtestText(figure: NonNullable<LearnJson['findings'][number]['backtest']>): string {
  if (!figure.tested) return 'not enough history to test';
  if (figure.matches === 0) return `no later match (of ${plural(figure.laterFailures, 'later failure')})`;
  return `would have prevented ${figure.matches} of ${plural(figure.laterFailures, 'later failure')} (~${figure.coveredTokens} tokens)`;
}

/**
 * The findings grouped by category with counts, each with where its evidence is
 * (session file:line), so the user can check a rule before it reaches a file.
 */
export function printFindings(json: LearnJson, io: CliIO): void {
  const paint = painter(io.stdout, io.env);
  const out = (text = '') => writeLine(io.stdout, text);
  for (const category of CATEGORIES) {
    const findings = json.findings.filter((f) => f.category === category);
    if (findings.length === 0) continue;
    const target = findings[0].target === 'context' ? 'context file' : 'memory file';
    out();
    out(paint('bold', `### ${CATEGORY_HEADINGS[category]} (${findings.length}) → ${target}`));
    for (const f of findings) {
      const mark = f.proposed ? '-' : paint('dim', '✗');
      const text = f.proposed ? f.rule : paint('dim', `${f.rule} [not proposed: ${f.stale ?? f.dropped ?? 'dropped by the analyzer'}]`);
      out(`${mark} ${text}`);
      const refs = f.evidence.slice(0, 3).map((ref) => `${path.basename(ref.file)}:${ref.line}`).join(', ');
      const more = f.evidence.length > 3 ? ` +${f.evidence.length - 3}` : '';
      out(paint('dim', `    ${plural(f.occurrences, 'occurrence')} in ${plural(f.sessions, 'session')} · evidence ${refs}${more}`));
      if (f.backtest) out(paint('dim', `    backtest: ${backtestText(f.backtest)}`));
    }
  }
  if (json.findings.length > 0) out();
}

/**
 * "Analyzer: <backend> — <reason>", then its notes, tokens and the rules it dropped, except those already in
 * the "Not proposed" list printed before it (`listed`: their subjects), so nothing is said twice.
 */
export function printAnalyzer(
  report: AnalyzerReport,
  io: CliIO,
  listed: ReadonlySet<string> = new Set(),
  stream: NodeJS.WritableStream & { isTTY?: boolean } = io.stdout,
): void {
  const paint = painter(stream, io.env);
  const model = report.model ? ` (${report.model})` : '';
  writeLine(stream, `Analyzer: ${report.backend}${model} — ${report.reason}`);
  for (const note of report.notes) writeLine(stream, paint('dim', `  note: ${note}`));
  if (report.tokensSent !== undefined || report.tokensReceived !== undefined) {
    writeLine(stream, paint('dim', `  tokens: ${report.tokensSent ?? 0} sent, ${report.tokensReceived ?? 0} received`));
  }
  for (const dropped of report.dropped) {
    if (!listed.has(dropped.text)) writeLine(stream, paint('dim', `  dropped: ${dropped.text} — ${dropped.why}`));
  }
}

/** The unified diff of every changed file. */
export function printDiffs(proposals: readonly AgentProposal[], io: CliIO): void {
  const paint = painter(io.stdout, io.env);
  for (const proposal of proposals) printDiff(io.stdout, proposal, paint);
}

function fileState(p: AgentProposal, paint: Paint): string {
  if (p.error) return paint('red', 'broken markers');
  if (!p.changed) return 'unchanged';
  const before = (p.currentText ?? '').split(/\r\n|\n|\r/);
  const after = (p.proposedText ?? '').split(/\r\n|\n|\r/);
  if (!p.exists) return `new file, ${plural(after.length - 1, 'line')}`;
  let first = 0;
  while (first < before.length && first < after.length && before[first] === after[first]) first += 1;
  let tail = 0;
  while (tail < before.length - first && tail < after.length - first && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail += 1;
  return `${plural(Math.max(before.length - first - tail, after.length - first - tail), 'line')} changed`;
}

function entryLine(entry: MergeEntry): string {
  const heading = entry.category === 'unknown' ? 'Unknown heading' : CATEGORY_HEADINGS[entry.category];
  const text = entry.text.replace(/\s*\n\s*/g, ' ');
  const short = text.length > 100 ? `${text.slice(0, 99)}…` : text;
  return `${heading}: ${short} — ${entry.reason}`;
}

/**
 * Per file: new / N lines changed / unchanged, the rules kept, added and removed with the merge
 * report's reasons, warnings, and the marker errors (file and lines).
 */
export function printSummary(projectPath: string, proposals: readonly AgentProposal[], io: CliIO, home: string, applied?: ApplyOutcome): void {
  const paint = painter(io.stdout, io.env);
  const out = (text = '') => writeLine(io.stdout, text);
  if (proposals.length === 0) return;
  out(paint('bold', applied ? 'Summary:' : 'Summary (dry run, nothing written):'));
  for (const p of proposals) {
    const counts = (action: MergeEntry['action']) => p.merge.filter((m) => m.action === action).length;
    const written = applied?.written.includes(p.path) ? paint('green', ' · written') : '';
    out(
      `  ${displayPath(p.path, projectPath, home)} (${p.agentDisplayName}, ${p.kinds.join(' + ')}${p.scope === 'shared' ? ', shared' : ''}): ` +
        `${fileState(p, paint)}` +
        (p.error ? '' : ` · rules: ${counts('kept')} kept, ${counts('added')} added, ${counts('removed')} removed${counts('not_added') > 0 ? `, ${counts('not_added')} not added` : ''}`) +
        written,
    );
    if (p.error) {
      out(paint('red', `    ✗ ${p.error.message}`));
      continue;
    }
    // Removed rules, rules not added (over the cap) and rules kept without support are listed one by one with the merge report's
    // reason; added rules are the + lines of the diff above (reason: new), so they are only counted.
    for (const entry of p.merge) {
      if (entry.action === 'added' || (entry.action === 'kept' && entry.reason.startsWith('still supported'))) continue;
      const mark = entry.action === 'removed' ? paint('red', '-') : entry.action === 'not_added' ? '·' : '=';
      out(`    ${mark} ${entry.action.replace('_', ' ')}: ${entryLine(entry)}`);
    }
    const supported = p.merge.filter((m) => m.action === 'kept' && m.reason.startsWith('still supported')).length;
    if (supported > 0) out(`    = ${plural(supported, 'rule')} kept: still supported by the sessions`);
    for (const warning of p.warnings) out(paint('yellow', `    ⚠ ${warning}`));
  }
}

export function printWaste(json: LearnJson, io: CliIO): void {
  const w = json.waste;
  if (w.failedCalls === 0) return;
  writeLine(
    io.stdout,
    `Estimated preventable waste: ${kilobytes(w.preventableOutputBytes)} (~${w.preventableOutputTokens} tokens) of output in ${plural(w.preventableCalls, 'call')}` +
      ` (all failed calls: ${kilobytes(w.failedOutputBytes)}, ~${w.failedOutputTokens} tokens in ${plural(w.failedCalls, 'call')})`,
  );
}

/** The closing line: what happened, or what to do next. */
export function statusLine(json: LearnJson, proposals: readonly AgentProposal[], applied?: ApplyOutcome): string {
  const broken = proposals.filter((p) => p.error).length;
  const changed = proposals.filter((p) => p.changed && !p.error).length;
  if (Object.keys(json.totals).length === 0) return 'Nothing to learn: no sessions for this project.';
  if (broken > 0) {
    return `${plural(broken, 'file')} with broken markers: fix them by hand (see above); nothing was written${applied ? '' : ' and nothing would be'} for this project.`;
  }
  if (applied) {
    const failed = applied.errors.length;
    if (applied.written.length === 0 && failed === 0) return upToDate(json, proposals);
    return `Wrote ${plural(applied.written.length, 'file')}${failed > 0 ? `; ${plural(failed, 'file')} not written (see above)` : ''}.`;
  }
  if (changed === 0) return upToDate(json, proposals);
  return `Dry run: ${plural(changed, 'file')} would change. Run again with --apply to write ${changed === 1 ? 'it' : 'them'}.`;
}

function upToDate(json: LearnJson, proposals: readonly AgentProposal[]): string {
  if (json.rules.length === 0 && proposals.every((p) => p.currentSection === undefined)) {
    if (json.dropped.length > 0) return `Nothing to learn: ${plural(json.dropped.length, 'candidate')} found, none with what a rule needs (see "Not proposed" above).`;
    return 'Nothing to learn: no repeated failure with a fix in these sessions yet.';
  }
  return `Up to date: the learned sections in ${plural(proposals.length, 'file')} already hold these rules.`;
}
