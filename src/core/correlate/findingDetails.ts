import type { CorrectionKind } from '../model/finding.js';
import type { UnknownNameKind } from './unknownName.js';

/** Category-specific facts each finding carries in `details` (and the templates read). */

export type EnvironmentDetails = {
  program: string;
  from: string;
  to: string;
  /** Calls with the wrong launcher that failed with errorKind, over all sessions. */
  wrongFailures: number;
  /** Calls with the right launcher that worked, over all sessions. */
  rightSuccesses: number;
  errorKind: string;
};

export type FilePathDetails = {
  from: string;
  to: string;
  /** Every right path seen for this wrong path, most frequent first (the first is `to`). */
  alternatives: Array<{ path: string; count: number }>;
  /** `from` and `to` are folders: every path looked for under `from` was found under `to` (folderFindings). */
  folder?: boolean;
  /** Why the rule is not proposed, when it is not. */
  stale?: string;
};

export type SearchScopeDetails = {
  mode: 'scope' | 'pattern';
  from: string;
  to: string;
  /** For a corrected pattern: where it was searched. */
  scope?: string;
  alternatives: Array<{ value: string; count: number }>;
  stale?: string;
};

export type CommandPatternDetails =
  | {
      mode: 'user_prefers_manual';
      subject: string;
      rejections: number;
      /** Only the user's sentences that state a standing preference. */
      userWords: string[];
      /** Why the candidate is no rule (no standing preference), when it is not. */
      dropped?: string;
      /** For a dropped candidate: the user's words, for an LLM to judge (personal data left out). */
      borderlineWords?: string[];
    }
  | { mode: 'corrected' | 'launcher'; program: string; from: string; to: string; errorKind: string }
  /** A build tool found no project where it ran, and worked in `folder` (project-relative): a nested module. */
  | { mode: 'working_folder'; program: string; folder: string; from: string; to: string; errorKind: string }
  /** A skill, tool or subcommand the tooling did not know (`from`), and the name that worked (`to`). */
  | { mode: 'name'; nameKind: UnknownNameKind; from: string; to: string }
  /** A gate command (lint, test, type-check) that failed on the agent's code, and the checks that failed most. */
  | { mode: 'gate'; command: string; checks: string[]; failedRuns: number; dropped?: string };

export type LargeFileDetails = {
  path: string;
  lines?: number;
  failures: number;
  rangedReads: number;
  stale?: string;
  /** Why it is no rule although it met the thresholds (largeFileFindings' SELF_CORRECTED). */
  dropped?: string;
};

export type RetryDetails = {
  tool: string;
  subject: string;
  errorKind: string;
  streaks: number;
  longest: number;
  fix?: { kind: CorrectionKind; from: string; to: string };
  /** No changed call fixed it, but it worked again after these files were edited (project-relative). */
  editedBeforeSuccess?: string[];
};

export type PermissionDetails = {
  subject: string;
  denied: number;
  errorExcerpt?: string;
};

export type AnyFindingDetails =
  | EnvironmentDetails
  | FilePathDetails
  | SearchScopeDetails
  | CommandPatternDetails
  | LargeFileDetails
  | RetryDetails
  | PermissionDetails;
