import { agentList, WHERE_SESSIONS_ARE_READ } from '../core/agents/noSessionsMessage.js';
import * as path from 'node:path';
import type { AgentRegistry } from '../core/agents/registry.js';
import type { AgentEnvironment, AgentPlugin } from '../core/agents/plugin.js';
import { scanAllProjects, scanProject, type ProjectScan, type ScanStats } from '../core/scan/scanProject.js';
import { agentsFor, parseCommandArgs } from './commandArgs.js';
import { jsonText, painter, plural, writeLine, type CliIO } from './output.js';
import { assertProjectFolder } from './projectFolder.js';
import { NO_CACHE_OPTION, openScanCache } from './scanCache.js';
import { EXIT_OK, UsageError } from './usageError.js';

const SCAN_HELP = `Usage: headroom-learn scan [--project PATH | --all] [--agent NAME] [--plugin NAME] [--no-cache] [--json]

Counts each agent's sessions, tool calls and failures for a project, without analysing them.

Options:
  --project PATH   Project folder (default: the current directory)
  --all            Every project any agent has sessions for
  --agent NAME     auto (every agent with sessions, default), or one agent: claude, codex, gemini,
                   vscode-chat, cline, roo, codebuddy, grok, opencode, cursor, or a plugin's name
  --plugin NAME    Load an agent plugin package or folder (repeatable; see headroom-learn --help)
  --no-cache       Parse every session log afresh, without the scan cache (headroom-learn cache --help)
  --json           Print the result as JSON (shape documented in README.md)
  -h, --help       Show this help
`;

export interface ScanJson {
  projects: Array<{ projectPath: string; agents: Array<{ agent: string; displayName: string } & ScanStats> }>;
  totals: Record<string, ScanStats>;
  warnings: string[];
}

export async function runScanCommand(argv: string[], io: CliIO, registry: AgentRegistry, environment: AgentEnvironment): Promise<number> {
  const values = parseCommandArgs(
    argv,
    {
      project: { type: 'string' },
      all: { type: 'boolean' },
      agent: { type: 'string', default: 'auto' },
      json: { type: 'boolean' },
      ...NO_CACHE_OPTION,
      help: { type: 'boolean', short: 'h' },
    },
    'headroom-learn scan --help',
  ) as { project?: string; all?: boolean; agent?: string; json?: boolean; 'no-cache'?: boolean; help?: boolean };
  if (values.help) {
    io.stdout.write(SCAN_HELP);
    return EXIT_OK;
  }
  if (values.all && values.project !== undefined) throw new UsageError('Use either --project or --all, not both.');

  const plugins = agentsFor(registry, values.agent ?? 'auto');

  const warnings: string[] = [];
  const reporter = { warn: (message: string) => warnings.push(message) };
  // The figures only: each session is released once counted, and an unchanged project's figures come from the cache.
  const options = { environment, reporter, cache: openScanCache(values['no-cache'], io, environment), keepSessions: false };
  let projects: ProjectScan[];
  if (values.all) {
    projects = await scanAllProjects(plugins, options);
  } else {
    const projectPath = path.resolve(io.cwd, values.project ?? '.');
    await assertProjectFolder(projectPath);
    projects = [{ projectPath, agents: await scanProject(plugins, projectPath, options) }];
  }

  const json = toScanJson(projects, warnings);
  if (values.json) {
    writeLine(io.stdout, jsonText(json));
    return EXIT_OK;
  }
  printScan(json, io, Boolean(values.all), plugins);
  return EXIT_OK;
}


/** A project's scan as the JSON reports it: per agent its figures (the sessions are not needed). */
export interface ScannedProject {
  projectPath: string;
  agents: ReadonlyArray<Pick<ProjectScan['agents'][number], 'agent' | 'displayName' | 'stats'>>;
}

export function toScanJson(projects: readonly ScannedProject[], warnings: string[]): ScanJson {
  const totals: Record<string, ScanStats> = {};
  for (const project of projects) {
    for (const scan of project.agents) {
      totals[scan.agent] = addStats(totals[scan.agent], scan.stats);
    }
  }
  return {
    projects: projects.map((project) => ({
      projectPath: project.projectPath,
      agents: project.agents.map((scan) => ({ agent: scan.agent, displayName: scan.displayName, ...scan.stats })),
    })),
    totals,
    warnings,
  };
}

function addStats(a: ScanStats | undefined, b: ScanStats): ScanStats {
  if (!a) return { ...b, errorKinds: { ...b.errorKinds } };
  const errorKinds = { ...a.errorKinds };
  for (const [kind, count] of Object.entries(b.errorKinds)) {
    errorKinds[kind as keyof typeof errorKinds] = (errorKinds[kind as keyof typeof errorKinds] ?? 0) + (count ?? 0);
  }
  return {
    sessions: a.sessions + b.sessions,
    subagentSessions: a.subagentSessions + b.subagentSessions,
    toolCalls: a.toolCalls + b.toolCalls,
    failed: a.failed + b.failed,
    rejected: a.rejected + b.rejected,
    interrupted: a.interrupted + b.interrupted,
    skippedLines: a.skippedLines + b.skippedLines,
    duplicateCalls: a.duplicateCalls + b.duplicateCalls,
    errorKinds,
  };
}

function printScan(json: ScanJson, io: CliIO, all: boolean, read: readonly AgentPlugin[]): void {
  const paint = painter(io.stdout, io.env);
  if (json.projects.length === 0 || json.projects.every((p) => p.agents.length === 0)) {
    const where = all ? 'any project' : json.projects[0]?.projectPath;
    writeLine(io.stdout, `No ${agentList(read)} sessions found for ${where}.`);
    writeLine(io.stdout, WHERE_SESSIONS_ARE_READ);
  }
  for (const project of json.projects) {
    if (project.agents.length === 0) continue;
    writeLine(io.stdout, paint('bold', project.projectPath));
    for (const a of project.agents) {
      const subagents = a.subagentSessions > 0 ? ` (${a.subagentSessions} subagent)` : '';
      writeLine(
        io.stdout,
        `  ${a.displayName.padEnd(12)} ${plural(a.sessions, 'session')}${subagents} · ${plural(a.toolCalls, 'tool call')} · ` +
          `${paint('red', `${a.failed} failed`)} · ${paint('yellow', `${a.rejected} rejected`)} · ${a.interrupted} interrupted · ` +
          `${plural(a.skippedLines, 'line')} skipped`,
      );
      const kinds = Object.entries(a.errorKinds)
        .sort((x, y) => (y[1] ?? 0) - (x[1] ?? 0) || x[0].localeCompare(y[0]))
        .slice(0, 5)
        .map(([kind, count]) => `${kind} ${count}`);
      if (kinds.length > 0) writeLine(io.stdout, paint('dim', `  ${''.padEnd(12)} most common errors: ${kinds.join(', ')}`));
    }
    writeLine(io.stdout);
  }
  if (json.warnings.length > 0) {
    writeLine(io.stderr, paint('yellow', `${plural(json.warnings.length, 'problem')} while scanning (skipped, scan continued):`));
    for (const warning of json.warnings.slice(0, 20)) writeLine(io.stderr, `  - ${warning}`);
    if (json.warnings.length > 20) writeLine(io.stderr, `  … and ${json.warnings.length - 20} more (use --json for all)`);
  }
}

