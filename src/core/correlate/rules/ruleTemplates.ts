import type { Category } from '../../model/finding.js';
import type {
  AnyFindingDetails,
  CommandPatternDetails,
  EnvironmentDetails,
  FilePathDetails,
  LargeFileDetails,
  PermissionDetails,
  RetryDetails,
  SearchScopeDetails,
} from '../findingDetails.js';
import { errorKindWords } from './errorKindWords.js';
import { code, folder, quote, times } from './markdownCode.js';

/** Names for programs in environment rules (**Python**: …), others show as typed. */
const PROGRAM_LABELS: Record<string, string> = {
  python: 'Python',
  pip: 'pip',
  'node-pm': 'Package manager',
  node: 'Node.js',
};

/** What a nested project is called, by the program that found none (working-folder rules). */
const PROJECT_KINDS: Record<string, string> = { go: 'Go module', cargo: 'Cargo package', 'node-pm': 'package' };

function environment(d: EnvironmentDetails): string {
  const label = PROGRAM_LABELS[d.program] ?? d.program;
  return (
    `**${label}**: use ${code(d.to)} (not ${code(d.from)} — ${errorKindWords(d.errorKind)}; ` +
    `${code(d.from)} failed ${times(d.wrongFailures)}, ${code(d.to)} worked ${times(d.rightSuccesses)})`
  );
}

function filePath(d: FilePathDetails): string {
  if (d.folder) {
    const right = d.to === '.' ? `${code('.')} (the project root)` : code(folder(d.to));
    return `${code(folder(d.from))} does not exist → its files are in ${right}`;
  }
  return `${code(d.from)} → actually at ${code(d.to)}`;
}

function searchScope(d: SearchScopeDetails): string {
  if (d.mode === 'pattern') {
    return `Searching ${code(d.scope ?? '.')} for ${code(d.from)} finds nothing — search for ${code(d.to)}`;
  }
  const right = d.to === '.' ? `${code('.')} (the project root)` : code(folder(d.to));
  const wrong = d.from === '.' ? `${code('.')} (the project root)` : code(folder(d.from));
  return `Don't search ${wrong} → use ${right}`;
}

function commandPattern(d: CommandPatternDetails): string {
  if (d.mode === 'user_prefers_manual') {
    const words = d.userWords.length > 0 ? ` (user: ${d.userWords.map(quote).join('; ')})` : '';
    return `**user_prefers_manual**: User rejected ${code(d.subject)} ${times(d.rejections)} — show the command, don't execute${words}`;
  }
  if (d.mode === 'gate') {
    const checks = d.checks.length > 0 ? `; it most often fails on ${d.checks.map(code).join(', ')}` : ' and fix what it reports';
    return `Before finishing, run ${code(d.command)}${checks}`;
  }
  if (d.mode === 'name') {
    if (d.nameKind === 'subcommand') return `${code(d.from)} is not a command → use ${code(d.to)}`;
    return `${d.nameKind === 'skill' ? 'Skill' : 'Tool'} ${code(d.from)} does not exist → use ${code(d.to)}`;
  }
  if (d.mode === 'launcher') {
    return `**${PROGRAM_LABELS[d.program] ?? d.program}**: use ${code(d.to)}, not ${code(d.from)} (${errorKindWords(d.errorKind)})`;
  }
  if (d.mode === 'working_folder') {
    const what = PROJECT_KINDS[d.program] ?? `${code(d.program)} project`;
    return `${code(folder(d.folder))} is its own ${what}: run ${code(d.program)} from inside it (${code(`cd ${d.folder} && ${d.to}`)}), not ${code(d.from)} from above it`;
  }
  return `Run ${code(d.to)}, not ${code(d.from)} (${errorKindWords(d.errorKind)})`;
}

function largeFile(d: LargeFileDetails): string {
  const size = d.lines !== undefined ? ` (~${d.lines} lines)` : '';
  return `${code(d.path)}${size} — always use offset/limit`;
}

function retry(d: RetryDetails): string {
  const what = d.tool === 'Bash' ? code(d.subject) : `${d.tool} ${code(d.subject)}`;
  const streak = d.streaks === 1 ? `${d.longest} times in a row` : `in ${d.streaks} streaks (up to ${d.longest} in a row)`;
  const advice = d.fix
    ? `what worked: ${code(d.fix.to)} instead of ${code(d.fix.from)}`
    : d.editedBeforeSuccess && d.editedBeforeSuccess.length > 0
      ? `it passed only after editing ${d.editedBeforeSuccess.slice(0, 2).map(code).join(' and ')}: read the error and fix the cause before re-running`
      : `after the first failure, change the approach instead of retrying`;
  return `${what} failed ${streak} (${errorKindWords(d.errorKind)}) — ${advice}`;
}

function permission(d: PermissionDetails): string {
  return `${code(d.subject)} failed on permissions ${times(d.denied)} — suggest it to the user instead of running it`;
}

/** The one-line rule for a finding, in the spec's style. */
export function renderRule(category: Category, details: AnyFindingDetails): string {
  switch (category) {
    case 'environment':
      return environment(details as EnvironmentDetails);
    case 'file_path':
      return filePath(details as FilePathDetails);
    case 'search_scope':
      return searchScope(details as SearchScopeDetails);
    case 'command_pattern':
      return commandPattern(details as CommandPatternDetails);
    case 'large_file':
      return largeFile(details as LargeFileDetails);
    case 'retry':
      return retry(details as RetryDetails);
    case 'permission':
      return permission(details as PermissionDetails);
  }
}
