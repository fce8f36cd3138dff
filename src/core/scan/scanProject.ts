import type { AgentEnvironment, AgentPlugin, ParsedSession, ScanReporter, SessionFile } from '../agents/plugin.js';
import type { AgentRegistry } from '../agents/registry.js';
import { describeFsError } from '../agents/fsWalk.js';
import { sameProjectPath } from '../agents/projectPaths.js';
import { notRegularCause } from '../logs/regularFile.js';
import { groupProjectSessions } from './groupProjectSessions.js';
import { findCheckoutSessions, projectCheckouts } from './projectCheckouts.js';
import { rebaseSession, rebasesPaths } from './worktrees/rebaseCheckoutPaths.js';
import { scannedCall } from './scannedCall.js';
import { withoutControlCharacters } from '../redact/controlCharacters.js';
import type { ErrorKind, Outcome, ToolCall } from '../model/toolCall.js';
import { cachedParse } from './cache/cachedParse.js';
import { KeptSessionHeads } from './cache/sessionHeadCache.js';
import { scanFigures } from './scanFigures.js';
import type { SessionCache } from './cache/sessionCache.js';
import { parseSessionFiles } from './parallel/parseSessionFiles.js';
import { workerParseFor, type ParallelScanSettings } from './parallel/workerParseFor.js';

export interface AgentScan {
  agent: string;
  displayName: string;
  projectPath: string;
  sessions: ParsedSession[];
  /** Files found but not readable at all. */
  unreadableFiles: string[];
  stats: ScanStats;
  /** The other checkouts of the repository (worktrees, or the main checkout) whose sessions this scan pooled. */
  pooledCheckouts: string[];
}

export interface ScanStats {
  sessions: number;
  subagentSessions: number;
  toolCalls: number;
  failed: number;
  rejected: number;
  interrupted: number;
  skippedLines: number;
  /** Calls dropped because another file already had them (resumed sessions replay records). */
  duplicateCalls: number;
  errorKinds: Partial<Record<ErrorKind, number>>;
}

export interface ScanProgress {
  agent: string;
  file: string;
  done: number;
  total: number;
}

export interface ScanOptions {
  environment: AgentEnvironment;
  reporter: ScanReporter;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  /**
   * Every checkout of the project's repository whose sessions are scanned with it (projectCheckouts): paths
   * recorded in any of them are rewritten to the project's (rebaseSession). Unset: the project alone.
   */
  checkouts?: readonly string[];
  /**
   * Worker threads for parsing (parallel/workerParseFor), used when there is no cache; unset: one per core, when the
   * worker bundle is there.
   */
  parallel?: ParallelScanSettings;
  /** The incremental scan cache (scan/cache/); unset (`--no-cache`): every file is parsed. */
  cache?: SessionCache;
  /**
   * Whether the result keeps each session and its calls (findFindings correlates them). false (`scan`): only the
   * figures, each session released once counted, so memory does not grow with the history; and a project whose
   * logs did not change since the last such scan gets its figures from the cache without reading a log. Default true.
   */
  keepSessions?: boolean;
}

/** Chooses the plugins for `--agent`: one by name, or every plugin ('auto'). */
export function selectAgents(registry: AgentRegistry, agent: string): AgentPlugin[] {
  if (agent === 'auto') return registry.all();
  const plugin = registry.get(agent);
  if (!plugin) {
    throw new UnknownAgentError(agent, registry.names());
  }
  return [plugin];
}

export class UnknownAgentError extends Error {
  constructor(
    readonly agent: string,
    readonly known: string[],
  ) {
    super(`Unknown agent "${agent}". Choose one of: auto, ${known.join(', ')}.`);
  }
}

/** Parses the given session files of one agent and totals them. */
export async function scanSessions(
  plugin: AgentPlugin,
  projectPath: string,
  files: SessionFile[],
  options: ScanOptions,
): Promise<AgentScan> {
  if (options.keepSessions === false) return scanFigures(plugin, projectPath, files, options);
  const warn = (message: string): void => options.reporter.warn(message);
  const sessions: ParsedSession[] = [];
  const unreadableFiles: string[] = [];
  const seenCallIds = new Set<string>();
  const stats = emptyStats();
  let done = 0;
  const rebases = options.checkouts !== undefined && rebasesPaths(projectPath, options.checkouts);
  // With the cache, each file goes through it on this thread (a hit is not parsed at all); without it (--no-cache),
  // large scans are parsed on worker threads. The cache's scanned calls of a file ride beside its session.
  const scannedByFile = new Map<SessionFile, ToolCall[]>();
  const parseOne = async (file: SessionFile): Promise<ParsedSession> => {
    const { session, scannedCalls } = await cachedParse(plugin, file, { cache: options.cache, signal: options.signal, withCalls: rebases });
    if (scannedCalls) scannedByFile.set(file, scannedCalls);
    return session;
  };
  const parses = parseSessionFiles(files, parseOne, {
    signal: options.signal,
    workers: options.cache ? undefined : workerParseFor(plugin, files, options.environment, options.parallel),
  });
  for await (const result of parses) {
    const file = result.file;
    let parsed: ParsedSession;
    const scannedCalls = scannedByFile.get(file);
    scannedByFile.delete(file);
    if ('parsed' in result) parsed = result.parsed;
    else {
      if (reportUnparsed(file, result.error, warn, options.signal) === 'unreadable') unreadableFiles.push(file.path);
      continue;
    }
    for (const warning of parsed.warnings) warn(withoutControlCharacters(warning));
    const rebased = options.checkouts ? rebaseSession(parsed, projectPath, options.checkouts) : parsed;
    // The cache's scanned calls are those of the session as parsed: good only when no path is rebased.
    const calls = !rebases && scannedCalls ? scannedCalls : rebased.calls.map(scannedCall);
    const session = { ...rebased, calls: firstSeenCalls(calls, seenCallIds, stats) };
    countSession(stats, session);
    sessions.push(session);
    done += 1;
    options.onProgress?.({ agent: plugin.name, file: file.path, done, total: files.length });
  }
  return {
    agent: plugin.name,
    displayName: plugin.displayName,
    projectPath,
    sessions,
    unreadableFiles,
    stats,
    pooledCheckouts: pooledCheckouts(projectPath, files),
  };
}

/**
 * What a file that did not parse comes to, said once through `warn`: a FIFO, device or socket named like a session
 * is skipped (never read: it would block); anything else is a file that could not be read. Rethrows on cancel.
 */
export function reportUnparsed(file: SessionFile, error: unknown, warn: (message: string) => void, signal: AbortSignal | undefined): 'special' | 'unreadable' {
  if (signal?.aborted) throw error;
  const special = notRegularCause(error);
  if (special && special.kind !== 'a folder') {
    warn(`Skipped ${file.path}: it is ${special.kind}, not a session file.`);
    return 'special';
  }
  warn(`Cannot read session ${file.path}: ${describeFsError(error)}; skipped.`);
  return 'unreadable';
}

/** The checkouts other than the project that some of the files were found for, each once. */
export function pooledCheckouts(projectPath: string, files: readonly SessionFile[]): string[] {
  const others = files.map((file) => file.projectPath).filter((checkout) => !sameProjectPath(checkout, projectPath));
  return [...new Set(others)].sort();
}

/**
 * The calls no earlier file of the scan had (resumed sessions replay records), numbered in order; the others are
 * counted as duplicates. `seen` holds the call ids of the files before.
 */
function firstSeenCalls(calls: readonly ToolCall[], seen: Set<string>, stats: ScanStats): ToolCall[] {
  const unique = calls.filter((call) => {
    if (!call.callId) return true;
    if (seen.has(call.callId)) {
      stats.duplicateCalls += 1;
      return false;
    }
    seen.add(call.callId);
    return true;
  });
  unique.forEach((call, index) => {
    call.index = index;
  });
  return unique;
}

export function emptyStats(): ScanStats {
  return { sessions: 0, subagentSessions: 0, toolCalls: 0, failed: 0, rejected: 0, interrupted: 0, skippedLines: 0, errorKinds: {}, duplicateCalls: 0 };
}

/** Adds one session to the figures. */
function countSession(stats: ScanStats, session: ParsedSession): void {
  stats.sessions += 1;
  if (session.subagent) stats.subagentSessions += 1;
  stats.skippedLines += session.skippedLines;
  for (const call of session.calls) countCall(stats, call.outcome, call.errorKind);
}

/** Adds one call (first seen) to the figures. */
export function countCall(stats: ScanStats, outcome: Outcome, errorKind: ErrorKind | undefined): void {
  stats.toolCalls += 1;
  if (outcome === 'failed') {
    stats.failed += 1;
    const kind = errorKind ?? 'other';
    stats.errorKinds[kind] = (stats.errorKinds[kind] ?? 0) + 1;
  } else if (outcome === 'rejected') stats.rejected += 1;
  else if (outcome === 'interrupted') stats.interrupted += 1;
}

/** One agent's session files for a project (and the other checkouts of its repository). */
interface AgentSessionFiles {
  plugin: AgentPlugin;
  files: SessionFile[];
}

/** What a project's scan will read: every checkout pooled with it, and per agent (plugin order) its session files. */
export interface ProjectSessionFiles {
  checkouts: readonly string[];
  /** Only agents with sessions for the project. */
  agents: AgentSessionFiles[];
}

/**
 * The session files of one project for every selected agent, with those of the other checkouts of its repository
 * (projectCheckouts: its worktrees, or for a worktree its repository and the other worktrees); agents without
 * sessions for it are left out. `options.checkouts`, when the caller listed them already, saves listing again.
 */
export async function projectSessionFiles(
  plugins: readonly AgentPlugin[],
  projectPath: string,
  options: Pick<ScanOptions, 'environment' | 'reporter' | 'signal' | 'checkouts' | 'cache'>,
): Promise<ProjectSessionFiles> {
  // Listing the checkouts lists every project: with the cache, the logs' heads it reads are kept (scanAllProjects).
  const heads = options.cache ? new KeptSessionHeads(options.cache.results) : undefined;
  const checkouts = options.checkouts ?? (await projectCheckouts(plugins, projectPath, options.environment, { signal: options.signal, heads })).checkouts;
  const agents: AgentSessionFiles[] = [];
  for (const plugin of plugins) {
    options.signal?.throwIfAborted();
    if (!(await plugin.detect(options.environment))) continue;
    const files = await findCheckoutSessions(plugin, checkouts, options.environment, options.reporter);
    if (files.length > 0) agents.push({ plugin, files });
  }
  return { checkouts, agents };
}

/** Scans what projectSessionFiles listed for the project, agent by agent. */
export async function scanListedSessions(listed: ProjectSessionFiles, projectPath: string, options: ScanOptions): Promise<AgentScan[]> {
  const results: AgentScan[] = [];
  for (const { plugin, files } of listed.agents) results.push(await scanSessions(plugin, projectPath, files, { ...options, checkouts: listed.checkouts }));
  return results;
}

/** Scans one project for every selected agent: projectSessionFiles, then scanListedSessions. */
export async function scanProject(plugins: readonly AgentPlugin[], projectPath: string, options: ScanOptions): Promise<AgentScan[]> {
  return scanListedSessions(await projectSessionFiles(plugins, projectPath, options), projectPath, options);
}

export interface ProjectScan {
  projectPath: string;
  agents: AgentScan[];
}

/** `--all`: every project any selected agent has sessions for, grouped as Learn All Projects groups them. */
export async function scanAllProjects(plugins: readonly AgentPlugin[], options: ScanOptions): Promise<ProjectScan[]> {
  // With the cache, the logs' heads the listing reads are kept too: an unchanged log's is not read again.
  const heads = options.cache ? new KeptSessionHeads(options.cache.results) : undefined;
  const groups = await groupProjectSessions(plugins, options.environment, options.reporter, options.signal, undefined, heads);
  const results: ProjectScan[] = [];
  for (const { projectPath, agents: work, worktrees } of groups) {
    const agents: AgentScan[] = [];
    const checkouts = [projectPath, ...worktrees.map((w) => w.checkout)];
    for (const { plugin, sessions } of work) agents.push(await scanSessions(plugin, projectPath, sessions, { ...options, checkouts }));
    results.push({ projectPath, agents });
  }
  return results;
}
