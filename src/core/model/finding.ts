import type { NormalisedTool, Outcome } from './toolCall.js';

/** The two kinds of file an agent reads at start-up: its context file (CLAUDE.md, AGENTS.md, …) and its memory. */
export type TargetKind = 'context' | 'memory';

/** The spec's seven kinds of learnings. */
export const CATEGORIES = [
  'environment',
  'file_path',
  'search_scope',
  'command_pattern',
  'large_file',
  'retry',
  'permission',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Where each category goes: the agent's context file (1–5) or its memory file (6–7). */
export const CATEGORY_TARGET: Readonly<Record<Category, TargetKind>> = {
  environment: 'context',
  file_path: 'context',
  search_scope: 'context',
  command_pattern: 'context',
  large_file: 'context',
  retry: 'memory',
  permission: 'memory',
};

/** Headings used in the marker section, in the order they are rendered. */
export const CATEGORY_HEADINGS: Readonly<Record<Category, string>> = {
  environment: 'Environment',
  file_path: 'File Path Corrections',
  search_scope: 'Search Scope',
  command_pattern: 'Command Patterns',
  large_file: 'Known Large Files',
  retry: 'Retry Prevention',
  permission: 'Permission Notes',
};

/** A pointer to one tool call in one session log: enough to re-open the record. */
export interface CallRef {
  agent: string;
  file: string;
  /** 1-based line of the record holding the call's result (see ToolCall.line). */
  line: number;
  sessionId: string;
  index: number;
  /** The agent's own id for the call (ToolCall.callId), to find it inside the record. */
  callId?: string;
  timestamp?: string;
  tool: NormalisedTool;
  input: Record<string, unknown>;
  outcome: Outcome;
}

/** `name`: a skill, tool or subcommand the agent's own tooling did not know, called under another name that worked. */
export type CorrectionKind = 'path' | 'search_scope' | 'search_pattern' | 'launcher' | 'command' | 'read_range' | 'name';

/** A failed call and the later call of the same intent that worked. */
export interface Correction {
  kind: CorrectionKind;
  failed: CallRef;
  fixed: CallRef;
  /** What changed between the two calls (wrong → right path, scope, pattern, launcher or command), as typed. */
  change?: { from: string; to: string };
}

/** One deterministic observation with the evidence behind it. */
export interface Finding {
  /** Stable id derived from category + key, so re-runs give the same ids. */
  id: string;
  category: Category;
  target: TargetKind;
  /** Merge key: two findings with the same key are the same fact. */
  key: string;
  /** One-line rule in the spec's style, rendered by the offline templates. */
  rule: string;
  occurrences: number;
  sessions: number;
  firstSeen?: string;
  lastSeen?: string;
  evidence: CallRef[];
  /** Tokens of result output its failed, rejected or empty-search calls cost (a rule's rank weighs it); unset when not measured. */
  wastedTokens?: number;
  /** The user said it in their own words (rejection feedback). */
  userStated: boolean;
  /** Category-specific facts (wrong/right path, launchers, line counts, user's words …). */
  details: Record<string, unknown>;
}

/** A rule ready to be written into a marker section. */
export interface Learning {
  id: string;
  category: Category;
  target: TargetKind;
  /** Markdown for one bullet (without the leading "- "); may span an indented continuation line. */
  text: string;
  /** Findings this rule is grounded in. */
  findingIds: string[];
  evidence: CallRef[];
  /** Text of an existing rule in the file that this one replaces, if any. */
  replaces?: string;
  source: 'offline' | 'llm';
}
