import { toCallRef } from '../correlate/callRef.js';
import { commandOf, pathOf } from '../correlate/callViews.js';
import { shellSearch } from '../correlate/commandSearch.js';
import { callSubject } from '../correlate/derive/callSubject.js';
import { commandTemplate } from '../correlate/derive/commandPatternFindings.js';
import { commandSubject } from '../correlate/derive/commandSubject.js';
import { runningCommandSubject } from '../correlate/derive/runningCommand.js';
import { relativeScope } from '../correlate/derive/searchScopeFindings.js';
import { isPathTool } from '../correlate/fileIntent.js';
import { gateCommandOf } from '../correlate/gateCommand.js';
import type {
  CommandPatternDetails,
  EnvironmentDetails,
  FilePathDetails,
  LargeFileDetails,
  PermissionDetails,
  RetryDetails,
  SearchScopeDetails,
} from '../correlate/findingDetails.js';
import { commandShape } from '../correlate/normaliseLauncher.js';
import { SEARCH_TOOLS, searchScope } from '../correlate/searchIntent.js';
import type { Category, Finding } from '../model/finding.js';
import type { ToolCall } from '../model/toolCall.js';
import type { LaterCalls } from '../backtest/laterCalls.js';

/**
 * When a rule's *situation* occurred in a later call: the agent did something the rule is about, whatever the
 * outcome (it may have followed the rule, or ignored it and failed). A rule written long ago whose situation never
 * occurred since costs context and buys nothing: a candidate to retire. One definition per category, read from the
 * finding's details with the correlator's normalisers, like the backtest's coverage (which is the failing subset).
 */
type SituationDefinition = (finding: Finding, call: ToolCall, later: LaterCalls) => boolean;

const rel = (p: string, call: ToolCall, later: LaterCalls) => later.ctx.relative(p, toCallRef(call));
const under = (p: string, folder: string) => folder === '.' || p === folder || p.startsWith(`${folder}/`);

function shape(call: ToolCall) {
  const command = call.tool === 'Bash' ? commandOf(call) : undefined;
  return command ? commandShape(command) : undefined;
}

/** The project-relative paths a call names: a file tool's path, or a shell command's path-like arguments. */
function pathsOf(call: ToolCall, later: LaterCalls): string[] {
  if (isPathTool(call.tool)) return pathOf(call) ? [rel(pathOf(call)!, call, later)] : [];
  return (shape(call)?.args ?? []).filter((arg) => !arg.startsWith('-') && arg.includes('/')).map((arg) => rel(arg, call, later));
}

/** The folder a search looked in (project-relative), for search tools and rg/grep. */
function searchFolder(call: ToolCall, later: LaterCalls): string | undefined {
  const folder = (scope: string) => /^(\S+)/.exec(relativeScope(scope, later.ctx, toCallRef(call)))?.[1] ?? scope;
  if (SEARCH_TOOLS.has(call.tool)) return folder(searchScope(call));
  const s = shape(call);
  const search = s && shellSearch(s);
  return search ? folder(search.scope) : undefined;
}

/** file_path: a call on the wrong path or the right one (the file the rule is about was wanted). */
const filePath: SituationDefinition = (finding, call, later) => {
  const d = finding.details as FilePathDetails;
  return pathsOf(call, later).some((p) => under(p, d.from) || p === d.to);
};

/** environment: the same program run by any launcher (`pytest` through `python3 -m` or `uv run`). */
const environment: SituationDefinition = (finding, call) => shape(call)?.program === (finding.details as EnvironmentDetails).program;

/** name: a call of the unknown name or of the name that worked (the skill, the tool, the subcommand). */
function nameSituation(from: string, to: string, call: ToolCall): boolean {
  const named = [call.originalTool, ...Object.values(call.input).filter((v): v is string => typeof v === 'string')];
  if (named.includes(from) || named.includes(to)) return true;
  const words = shape(call)?.words.join(' ') ?? '';
  return [from, to].some((subject) => subject.includes(' ') && (words === subject || words.startsWith(`${subject} `)));
}

/** command_pattern: a command of the same kind (user preference), the same program (launcher, working folder), the same command (corrected, either form). */
const commandPattern: SituationDefinition = (finding, call) => {
  const d = finding.details as CommandPatternDetails;
  if (d.mode === 'name') return nameSituation(d.from, d.to, call);
  if (d.mode === 'gate') return gateCommandOf(call) === d.command;
  const s = shape(call);
  if (!s) return false;
  if (d.mode === 'user_prefers_manual') return runningCommandSubject(commandOf(call) ?? '') === d.subject;
  if (d.mode === 'launcher' || d.mode === 'working_folder') return s.program === d.program;
  const template = commandTemplate(s.normalised);
  return template === commandTemplate(d.from) || template === commandTemplate(d.to);
};

/** search_scope: a search in the wrong folder or the right one (or under them). */
const searchScopeSituation: SituationDefinition = (finding, call, later) => {
  const d = finding.details as SearchScopeDetails;
  const folder = searchFolder(call, later);
  if (folder === undefined) return false;
  if (d.mode === 'pattern') return folder === (/^(\S+)/.exec(d.scope ?? '.')?.[1] ?? '.');
  const wrong = /^(\S+)/.exec(d.from)?.[1] ?? d.from;
  const right = /^(\S+)/.exec(d.to)?.[1] ?? d.to;
  return (wrong === '.' ? folder === '.' : under(folder, wrong)) || (right !== '.' && under(folder, right));
};

/** large_file: any Read of that file. */
const largeFile: SituationDefinition = (finding, call, later) =>
  call.tool === 'Read' && rel(pathOf(call) ?? '', call, later) === (finding.details as LargeFileDetails).path;

/** retry: the same call again (same tool and subject), whatever its outcome. */
const retry: SituationDefinition = (finding, call, later) => {
  const d = finding.details as RetryDetails;
  return call.tool === d.tool && callSubject(call, later.ctx) === d.subject;
};

/** permission: a call on the same file, or the same kind of command. */
const permission: SituationDefinition = (finding, call, later) => {
  const { subject } = finding.details as PermissionDetails;
  if (call.tool === 'Bash') return commandSubject(commandOf(call) ?? '') === subject || pathsOf(call, later).includes(subject);
  return isPathTool(call.tool) && callSubject(call, later.ctx) === subject;
};

const SITUATIONS: Readonly<Record<Category, SituationDefinition>> = {
  environment,
  file_path: filePath,
  search_scope: searchScopeSituation,
  command_pattern: commandPattern,
  large_file: largeFile,
  retry,
  permission,
};

/** The later calls (any outcome) in which the finding's situation occurred, in session order. */
export function situationCalls(finding: Finding, later: LaterCalls): ToolCall[] {
  const definition = SITUATIONS[finding.category];
  return later.sessions.flat().filter((call) => definition(finding, call, later));
}
