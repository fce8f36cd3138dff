import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import type { AgentRegistry } from '../core/agents/registry.js';
import type { AgentEnvironment } from '../core/agents/plugin.js';
import type { AnalyzerBackend, AnalyzerReport } from '../core/analyze/backend.js';
import { CATEGORIES, CATEGORY_HEADINGS, type CallRef, type Category, type Correction, type Finding } from '../core/model/finding.js';
import { isStale } from '../core/correlate/deriveFindings.js';
import type { WasteEstimate } from '../core/correlate/wasteEstimate.js';
import { runLearn, type LearnResult } from '../core/pipeline/runLearn.js';
import { selectAgents, UnknownAgentError, type ScanStats } from '../core/scan/scanProject.js';
import { toScanJson } from './scanCommand.js';
import { painter, writeLine, type CliIO } from './output.js';
import { CliError, EXIT_OK, UsageError } from './usageError.js';

export const LEARN_HELP = `Usage: headroom-learn [--project PATH] [--agent auto|claude|codex|gemini] [--json]

Reads the project's past agent sessions, pairs every failed tool call with the call that fixed it,
and shows the learnings it would write (dry run: nothing is written).

Options:
  --project PATH   Project folder (default: the current directory)
  --agent NAME     auto (every agent with sessions, default), claude, codex or gemini
  --json           Print the result as JSON (shape documented in README.md)
  -h, --help       Show this help
`;

export interface LearnJson {
  projectPath: string;
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
    details: Record<string, unknown>;
    evidence: CallRef[];
  }>;
  rules: Array<{ id: string; category: Category; target: Finding['target']; heading: string; text: string; findingIds: string[] }>;
  contradictions: number;
  belowThreshold: number;
  warnings: string[];
}

export function toLearnJson(result: LearnResult, warnings: string[]): LearnJson {
  const proposed = new Set(result.learnings.flatMap((l) => l.findingIds));
  return {
    projectPath: result.projectPath,
    totals: toScanJson([{ projectPath: result.projectPath, agents: result.scans }], warnings).totals,
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
      details: f.details,
      evidence: f.evidence,
    })),
    rules: result.learnings.map((l) => ({
      id: l.id,
      category: l.category,
      target: l.target,
      heading: CATEGORY_HEADINGS[l.category],
      text: l.text,
      findingIds: l.findingIds,
    })),
    contradictions: result.contradictions.length,
    belowThreshold: result.belowThreshold,
    warnings,
  };
}

export async function runLearnCommand(
  argv: string[],
  io: CliIO,
  registry: AgentRegistry,
  environment: AgentEnvironment,
  analyzer?: AnalyzerBackend,
): Promise<number> {
  let values: { project?: string; agent?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        project: { type: 'string' },
        agent: { type: 'string', default: 'auto' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run "headroom-learn --help" for the options.`);
  }
  if (values.help) {
    io.stdout.write(LEARN_HELP);
    return EXIT_OK;
  }
  let plugins;
  try {
    plugins = selectAgents(registry, values.agent ?? 'auto');
  } catch (error) {
    if (error instanceof UnknownAgentError) throw new UsageError(error.message);
    throw error;
  }
  const projectPath = path.resolve(io.cwd, values.project ?? '.');
  await assertFolder(projectPath);
  const warnings: string[] = [];
  const result = await runLearn({
    projectPath,
    plugins,
    environment,
    reporter: { warn: (message) => warnings.push(message) },
    analyzer,
  });
  const json = toLearnJson(result, warnings);
  if (values.json) {
    writeLine(io.stdout, JSON.stringify(json, null, 2));
    return EXIT_OK;
  }
  printLearn(json, io);
  return EXIT_OK;
}

async function assertFolder(projectPath: string): Promise<void> {
  try {
    const stat = await fs.stat(projectPath);
    if (!stat.isDirectory()) throw new CliError(`--project ${projectPath} is a file, not a folder.`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Project folder ${projectPath} does not exist. Pass an existing folder with --project.`);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function kilobytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

function where(ref: CallRef): string {
  return `${path.basename(ref.file)}:${ref.line}`;
}

/** Text mode: totals, then findings grouped by category with counts, then the waste estimate. */
export function printLearn(json: LearnJson, io: CliIO): void {
  const paint = painter(io.stdout, io.env);
  const out = (text = '') => writeLine(io.stdout, text);
  out(paint('bold', json.projectPath));
  const agents = Object.entries(json.totals);
  if (agents.length === 0) {
    out('No Claude Code, Codex CLI or Gemini CLI sessions found for this project.');
    out('Sessions are read from ~/.claude (or $CLAUDE_CONFIG_DIR), ~/.codex (or $CODEX_HOME) and ~/.gemini (or $GEMINI_CLI_HOME).');
  }
  for (const [agent, t] of agents) {
    out(`  ${agent.padEnd(8)} ${plural(t.sessions, 'session')} · ${plural(t.toolCalls, 'tool call')} · ${t.failed} failed · ${t.rejected} rejected · ${t.interrupted} interrupted`);
  }
  const kinds = new Map<string, number>();
  for (const c of json.corrections) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
  const kindText = [...kinds.entries()].map(([k, n]) => `${k} ${n}`).join(', ');
  out(`  ${plural(json.corrections.length, 'correction')} (failure → fix)${kindText ? `: ${kindText}` : ''}`);
  out();
  for (const category of CATEGORIES) {
    const findings = json.findings.filter((f) => f.category === category);
    if (findings.length === 0) continue;
    const target = findings[0].target === 'context' ? 'context file' : 'memory file';
    out(paint('bold', `### ${CATEGORY_HEADINGS[category]} (${findings.length}) → ${target}`));
    for (const f of findings) {
      const mark = f.proposed ? '-' : paint('dim', '✗');
      const text = f.proposed ? f.rule : paint('dim', `${f.rule} [not proposed: ${f.stale ?? 'dropped by the analyzer'}]`);
      out(`${mark} ${text}`);
      const refs = f.evidence.slice(0, 3).map(where).join(', ');
      const more = f.evidence.length > 3 ? ` +${f.evidence.length - 3}` : '';
      out(paint('dim', `    ${plural(f.occurrences, 'occurrence')} in ${plural(f.sessions, 'session')} · evidence ${refs}${more}`));
    }
    out();
  }
  if (json.findings.length === 0) out('No repeated failure patterns found: nothing to learn yet.');
  const w = json.waste;
  out(
    `Estimated preventable waste: ${kilobytes(w.preventableOutputBytes)} (~${w.preventableOutputTokens} tokens) of output in ${plural(w.preventableCalls, 'call')}` +
      ` (all failed calls: ${kilobytes(w.failedOutputBytes)}, ~${w.failedOutputTokens} tokens in ${plural(w.failedCalls, 'call')})`,
  );
  out(paint('dim', `Analyzer: ${json.analyzer.backend} — ${json.analyzer.reason} ${plural(json.rules.length, 'rule')} proposed; dry run, nothing written.`));
  if (json.warnings.length > 0) {
    writeLine(io.stderr, paint('yellow', `${plural(json.warnings.length, 'problem')} while scanning (skipped, scan continued):`));
    for (const warning of json.warnings.slice(0, 20)) writeLine(io.stderr, `  - ${warning}`);
  }
}
