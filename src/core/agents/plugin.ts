import type { TargetKind } from '../model/finding.js';
import type { ToolCall } from '../model/toolCall.js';

/**
 * Where agents keep their data. Everything that would otherwise be a global
 * (home directory, CLAUDE_CONFIG_DIR, CODEX_HOME, GEMINI_CLI_HOME) comes in here,
 * so tests point the scanners at fixture folders.
 */
export interface AgentEnvironment {
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Project folders the front end knows of (the editor's open workspace folders), for agents that name a
   * project's folder by a one-way hash of its path (ListProjectsOptions.knownProjectPaths).
   */
  knownProjectPaths?: readonly string[];
}

/** Collects problems met while scanning; none of them stops a scan. */
export interface ScanReporter {
  /** A file or folder that could not be read, or a file that is not a session. */
  warn(message: string): void;
}

export interface SessionFile {
  agent: string;
  /** Absolute path of the log file. */
  path: string;
  /** Project this session was matched to (absolute, as given / as recorded). */
  projectPath: string;
  subagent: boolean;
  /** Session id when known before parsing (from the file name); parse() gives the authoritative one. */
  sessionId?: string;
}

export interface ParsedSession {
  sessionId: string;
  file: string;
  subagent: boolean;
  /** Working directory recorded in the log, if any. */
  cwd?: string;
  startedAt?: string;
  calls: ToolCall[];
  /** Lines (or records) that were not usable: not JSON, truncated, oversized, unknown shape. */
  skippedLines: number;
  /** Human-readable notes about this file (e.g. "line 12: not JSON"), bounded. */
  warnings: string[];
}

export interface ProjectSessions {
  projectPath: string;
  sessions: SessionFile[];
  /**
   * The git branches its sessions recorded (Claude Code's `gitBranch`, Codex's `session_meta.git.branch`), when the
   * logs record any: how a worktree whose folder is gone is told from its repository (scan/worktrees).
   */
  branches?: string[];
}

export type { TargetKind };

/** A file the agent reads at start-up, where learnings go. */
export interface AgentTarget {
  kind: TargetKind;
  path: string;
  /**
   * 'project': the file belongs to this project alone.
   * 'shared': several projects share it (Codex instructions.md); each project owns a tagged marker pair.
   */
  scope: 'project' | 'shared';
  /** Lines the agent reads from the top of the file, when it reads only part (Claude MEMORY.md: 200). */
  readLimitLines?: number;
  /**
   * The folder the file must stay inside once symbolic links are resolved: the agent's home for its own files
   * (Codex instructions.md, Claude's auto memory). Default: the project. A link leading elsewhere is refused.
   */
  root?: string;
  /**
   * Text a new file starts with, before the marker section: front matter the agent needs to load the file at all
   * (Cursor's `.mdc` rule with `alwaysApply: true`). Only used when the file does not exist yet.
   */
  header?: string;
}

export interface TargetOptions {
  /** Claude Code: write MEMORY.md into Claude's auto-memory folder ('auto') or the project root ('project'). */
  memoryFile?: 'auto' | 'project';
}

export interface ListProjectsOptions {
  /**
   * Project paths known from elsewhere: the projects every other agent has sessions for, and the front end's
   * hints (AgentEnvironment.knownProjectPaths). Given to plugins that set `listsProjectsLast`.
   */
  knownProjectPaths?: readonly string[];
  /**
   * What an earlier listing read from the head of each session log, for the logs that did not change since (same
   * size and mtime): a plugin that reads every log's head to list its projects may read them through it. Unset:
   * every head is read.
   */
  heads?: SessionHeadCache;
}

/** A log's head as a listing reads it (its project folder, session id, branch), or why it could not be read. */
export type SessionHeadResult<T> = { head: T } | { error: unknown };

/** See ListProjectsOptions.heads (src/core/scan/cache/sessionHeadCache.ts). */
export interface SessionHeadCache {
  /**
   * `read(file)` for each of `files`, in order (a log read throws: its error is returned in its place), except
   * for a log that has not changed since an earlier run kept what `read` gave for it under the same `kind` and
   * `scope`: that is returned without reading it. `isHead` checks a kept value; `kind` names the reader (bump it
   * when what the reader gives changes), `scope` the folder listed (e.g. the agent's projects folder).
   */
  read<T>(kind: string, scope: string, files: readonly string[], read: (file: string) => Promise<T>, isHead: (value: unknown) => value is T): Promise<Array<SessionHeadResult<T>>>;
}

export interface ParseOptions {
  signal?: AbortSignal;
}

/**
 * Where a parse of an append-only JSONL log stopped: just after its last complete (newline-terminated) line.
 * A file that only grew since is read on from here (ResumableParser) instead of from its start.
 */
export interface ParseCheckpoint {
  /** Byte offset just after the last complete line read. */
  offset: number;
  /** That line's 1-based number (the next line read is line + 1). */
  line: number;
  /** The parser's own state at `offset`, as plain JSON; only the parser that wrote it reads it (and validates it). */
  state: unknown;
}

export interface CheckpointedSession {
  session: ParsedSession;
  /** Absent when this file cannot be resumed (e.g. a single JSON document): it is parsed whole when it changes. */
  checkpoint?: ParseCheckpoint;
}

/**
 * Optional capability of a plugin whose logs are append-only JSONL: parse a file on from a checkpoint. For a file
 * whose bytes before `from.offset` are the ones the checkpoint was taken on, the session must equal what parse()
 * gives for the whole file (the scan cache relies on it, and checks that the file only grew before it asks).
 */
export interface ResumableParser {
  /**
   * Parses `file` from `from` (a checkpoint this parser returned for the same file), or from its start when `from`
   * is undefined or holds a state this parser does not recognise. Same errors as parse().
   */
  parseFrom(file: SessionFile, from: ParseCheckpoint | undefined, options?: ParseOptions): Promise<CheckpointedSession>;
}

/** One agent: where its sessions live, which belong to a project, how to parse them, which files it reads. */
export interface AgentPlugin {
  /** Registry key, e.g. 'claude'. */
  readonly name: string;
  readonly displayName: string;
  /** True when the agent has a data folder in this environment. */
  detect(environment: AgentEnvironment): Promise<boolean>;
  /** The sessions that belong to one project. */
  findSessions(projectPath: string, environment: AgentEnvironment, reporter: ScanReporter): Promise<SessionFile[]>;
  /** Every project the agent has sessions for, grouped by the path the logs record. */
  listProjects(environment: AgentEnvironment, reporter: ScanReporter, options?: ListProjectsOptions): Promise<ProjectSessions[]>;
  /**
   * True for an agent whose logs do not always name their project (Gemini CLI's sha256 folders): Learn All
   * Projects lists its projects after every other agent's and passes their paths in `knownProjectPaths`.
   */
  readonly listsProjectsLast?: boolean;
  /** Parse one session file into tool calls. Never throws for bad content; throws only for unreadable files. */
  parse(file: SessionFile, options?: ParseOptions): Promise<ParsedSession>;
  /**
   * The version of what parse() returns for a file. The scan cache (scan/cache/) keeps a plugin's parsed
   * sessions only when it has one, and parses again when it changes; bump it whenever parse() changes.
   */
  readonly parserVersion?: string;
  /** Optional: resume a file that only grew (append-only JSONL logs), instead of parsing it again. */
  readonly resumable?: ResumableParser;
  /** Files this agent reads at start-up, for one project. */
  targets(projectPath: string, environment: AgentEnvironment, options?: TargetOptions): AgentTarget[];
}
