import { callKey, toCallRef } from '../correlate/callRef.js';
import { commandOf, pathOf, patternOf } from '../correlate/callViews.js';
import { shellSearch } from '../correlate/commandSearch.js';
import { needsFix } from '../correlate/correlateFailures.js';
import { commandTemplate } from '../correlate/derive/commandPatternFindings.js';
import { runningCommandSubject } from '../correlate/derive/runningCommand.js';
import { saysNoProjectHere } from '../correlate/derive/workingFolderFindings.js';
import { ENVIRONMENT_ERROR_KINDS } from '../correlate/derive/environmentFindings.js';
import { permissionFindings } from '../correlate/derive/permissionFindings.js';
import { findStreaks } from '../correlate/derive/retryFindings.js';
import { relativeScope } from '../correlate/derive/searchScopeFindings.js';
import { FILE_TOOLS, PATH_ERROR_KINDS, isPathTool } from '../correlate/fileIntent.js';
import type {
  CommandPatternDetails,
  EnvironmentDetails,
  FilePathDetails,
  LargeFileDetails,
  SearchScopeDetails,
} from '../correlate/findingDetails.js';
import { commandShape, type CommandShape } from '../correlate/normaliseLauncher.js';
import { SEARCH_TOOLS, searchScope } from '../correlate/searchIntent.js';
import { failedOnTheCode, gateCommandOf } from '../correlate/gateCommand.js';
import { unknownNameOf } from '../correlate/unknownName.js';
import type { CallRef, Category, Finding } from '../model/finding.js';
import type { ToolCall } from '../model/toolCall.js';
import type { LaterCalls } from './laterCalls.js';

/**
 * When a rule "covers" a later failure: one exact definition per category, read from the finding's
 * structured details and the later call's normalised tool, input, outcome and error kind, with the
 * correlator's own normalisers (project-relative paths, commandShape, runningCommandSubject, streaks).
 * Never a text match on the rule. Each returns the later failures the finding covers.
 */
export type CoverageDefinition = (finding: Finding, later: LaterCalls) => ToolCall[];

/** `p` as the findings record paths: relative to the project root, resolved against the call's cwd. */
function relativeOf(p: string, call: ToolCall, later: LaterCalls): string {
  return later.ctx.relative(p, toCallRef(call));
}

/** `p` is `folder` or inside it (whole path segments: `src/lib` is not under `src/li`). */
function isUnder(p: string, folder: string): boolean {
  return p === folder || p.startsWith(`${folder}/`);
}

function shellShape(call: ToolCall): CommandShape | undefined {
  if (call.tool !== 'Bash') return undefined;
  const command = commandOf(call);
  return command ? commandShape(command) : undefined;
}

/** A folder-level correction: a folder rule (folderFindings), or the failed side of its evidence listed a folder (LS). */
function isFolderCorrection(finding: Finding): boolean {
  if ((finding.details as FilePathDetails).folder === true) return true;
  return finding.evidence.some((ref) => ref.outcome === 'failed' && ref.tool === 'LS');
}

/**
 * file_path — a later Read/Edit/Write (or LS) that failed because the path was wrong
 * (file_not_found, is_directory) on the rule's wrong path, or a shell command that failed so with
 * that path as an argument (`cat src/x.ts`). For a folder-level correction, a path under the
 * wrong folder counts too. Not covered: another missing file in the same folder.
 */
const filePathCoverage: CoverageDefinition = (finding, later) => {
  const d = finding.details as FilePathDetails;
  const folderLevel = isFolderCorrection(finding);
  const matches = (p: string, call: ToolCall) => {
    const rel = relativeOf(p, call, later);
    return folderLevel ? isUnder(rel, d.from) : rel === d.from;
  };
  return later.failures.filter((call) => {
    if (call.outcome !== 'failed' || !call.errorKind || !PATH_ERROR_KINDS.has(call.errorKind)) return false;
    if (isPathTool(call.tool)) return (FILE_TOOLS.has(call.tool) || folderLevel) && matches(pathOf(call) ?? '', call);
    const shape = shellShape(call);
    return shape !== undefined && shape.args.some((arg) => !arg.startsWith('-') && matches(arg, call));
  });
};

/**
 * environment — a later shell command that failed with module/command not found, run with the
 * rule's wrong launcher for the same program (`python3 -m pytest`: launcher `python3 -m pytest`,
 * program pytest). Not covered: the same launcher running another program (`python3 script.py`).
 */
const environmentCoverage: CoverageDefinition = (finding, later) => {
  const d = finding.details as EnvironmentDetails;
  return later.failures.filter((call) => {
    if (call.outcome !== 'failed' || !ENVIRONMENT_ERROR_KINDS.has(call.errorKind ?? 'other')) return false;
    const shape = shellShape(call);
    return shape !== undefined && shape.program === d.program && shape.launcher === d.from;
  });
};

/**
 * command_pattern — user_prefers_manual: a later rejection of a command of the same kind
 * (runningCommandSubject: the program that runs and its subcommand or task, `git push`, `mise run test:ci`). launcher: a later failure (not an
 * environment error: those are the environment rules') of the same program by the same wrong
 * launcher. corrected: a later failure of the same wrong command (normalised, numbers ignored). name: a later
 * failure on the same unknown skill, tool or subcommand. gate: a later run of the same gate that failed on the code.
 * working_folder: a later "no project here" failure of the same program that names the folder.
 */
const commandPatternCoverage: CoverageDefinition = (finding, later) => {
  const d = finding.details as CommandPatternDetails;
  return later.failures.filter((call) => {
    if (d.mode === 'name') {
      const unknown = unknownNameOf(call);
      return unknown !== undefined && unknown.kind === d.nameKind && unknown.subject === d.from;
    }
    if (d.mode === 'gate') return gateCommandOf(call) === d.command && failedOnTheCode(call);
    const shape = shellShape(call);
    if (!shape) return false;
    if (d.mode === 'user_prefers_manual') return call.outcome === 'rejected' && runningCommandSubject(commandOf(call) ?? '') === d.subject;
    if (call.outcome !== 'failed') return false;
    if (d.mode === 'working_folder') {
      const mentionsFolder = (commandOf(call) ?? '').includes(d.folder) || call.output.includes(d.folder);
      return shape.program === d.program && saysNoProjectHere(call.output) && mentionsFolder;
    }
    if (d.mode === 'launcher') {
      return !ENVIRONMENT_ERROR_KINDS.has(call.errorKind ?? 'other') && shape.program === d.program && shape.launcher === d.from;
    }
    return commandTemplate(shape.normalised) === commandTemplate(d.from);
  });
};

/**
 * large_file — a later Read of that file that failed or was cut for size (file_too_large: the
 * scanner classifies "exceeds maximum allowed size" and "output truncated" so). Not covered:
 * another file's size failure, or that file missing.
 */
const largeFileCoverage: CoverageDefinition = (finding, later) => {
  const d = finding.details as LargeFileDetails;
  return later.failures.filter(
    (call) => call.tool === 'Read' && call.outcome === 'failed' && call.errorKind === 'file_too_large' && relativeOf(pathOf(call) ?? '', call, later) === d.path,
  );
};

/** Where a failed or empty search looked (project-relative scope text), for search tools and shell searches. */
function failedSearchScope(call: ToolCall, later: LaterCalls): { scope: string; pattern?: string; tool: boolean } | undefined {
  if (!needsFix(call)) return undefined;
  if (SEARCH_TOOLS.has(call.tool)) return { scope: relativeScope(searchScope(call), later.ctx, toCallRef(call)), pattern: patternOf(call), tool: true };
  const search = shellShape(call) && shellSearch(shellShape(call)!);
  return search ? { scope: relativeScope(search.scope, later.ctx, toCallRef(call)), pattern: search.pattern, tool: false } : undefined;
}

const scopeFolder = (scope: string) => /^(\S+)( \(.*\))?$/.exec(scope)?.[1] ?? scope;

/**
 * search_scope — scope: a later search (Grep/Glob or rg/grep) that failed or found nothing in the
 * wrong folder or under it (filters ignored: the rule is about where to look; a wrong scope of `.`,
 * the project root, covers searches of the root itself only). pattern: a later failed or empty
 * Grep/Glob of the same wrong pattern in the same scope. Not covered: a sibling folder.
 */
const searchScopeCoverage: CoverageDefinition = (finding, later) => {
  const d = finding.details as SearchScopeDetails;
  return later.failures.filter((call) => {
    const search = failedSearchScope(call, later);
    if (!search) return false;
    if (d.mode === 'pattern') {
      const scope = relativeScope(String(call.input.path ?? '.'), later.ctx, toCallRef(call));
      return search.tool && scope === d.scope && search.pattern === d.from;
    }
    const wrong = scopeFolder(d.from);
    const folder = scopeFolder(search.scope);
    return wrong === '.' ? folder === '.' : isUnder(folder, wrong);
  });
};

/**
 * retry — a later failure inside a streak of the same signature (same tool, same subject, same
 * error kind, RETRY_STREAK_MIN or more failures close together without a success between), found
 * by the derivation's own findStreaks. Not covered: the same call failing once, or another error kind.
 */
const retryCoverage: CoverageDefinition = (finding, later) => {
  const keys = new Set((laterStreaks(later).get(finding.key) ?? []).map((call) => callKey(call)));
  return later.failures.filter((call) => keys.has(callKey(call)));
};

/** Every later call that is part of a streak (of any signature). */
export function inLaterStreak(call: ToolCall, later: LaterCalls): boolean {
  for (const calls of laterStreaks(later).values()) if (calls.includes(call)) return true;
  return false;
}

/** Later calls in streaks, by the retry findings' key (the streak signature, spaced); computed once per replay. */
const streaksByReplay = new WeakMap<LaterCalls, Map<string, ToolCall[]>>();
function laterStreaks(later: LaterCalls): Map<string, ToolCall[]> {
  let byKey = streaksByReplay.get(later);
  if (!byKey) {
    byKey = new Map();
    for (const streak of later.sessions.flatMap((calls) => findStreaks(calls, later.ctx))) {
      const key = streak.signature.split('\u0000').join(' ');
      byKey.set(key, [...(byKey.get(key) ?? []), ...streak.calls]);
    }
    streaksByReplay.set(later, byKey);
  }
  return byKey;
}

/**
 * permission — a later call that failed on permissions (sandbox, policy, EACCES) on the same
 * subject: the same file (whatever the command), else the same kind of command; grouped by the
 * derivation's own permissionFindings over the later calls. Not covered: another file denied.
 */
const permissionCoverage: CoverageDefinition = (finding, later) => {
  const keys = new Set((laterDenials(later).get(finding.key) ?? []).map(callKey));
  return later.failures.filter((call) => keys.has(callKey(call)));
};

const denialsByReplay = new WeakMap<LaterCalls, Map<string, CallRef[]>>();
function laterDenials(later: LaterCalls): Map<string, CallRef[]> {
  let byKey = denialsByReplay.get(later);
  if (!byKey) {
    byKey = new Map(permissionFindings(later.ctx).map((draft) => [draft.key, draft.evidence]));
    denialsByReplay.set(later, byKey);
  }
  return byKey;
}

export const COVERAGE: Readonly<Record<Category, CoverageDefinition>> = {
  environment: environmentCoverage,
  file_path: filePathCoverage,
  search_scope: searchScopeCoverage,
  command_pattern: commandPatternCoverage,
  large_file: largeFileCoverage,
  retry: retryCoverage,
  permission: permissionCoverage,
};
