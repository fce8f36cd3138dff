import type { ToolCall } from '../../model/toolCall.js';
import { toCallRef } from '../callRef.js';
import { commandOf, startDirectoryOf } from '../callViews.js';
import type { CommandPatternDetails } from '../findingDetails.js';
import { groupBy, rankByCount, type FindingDraft } from '../findingDraft.js';
import { hidesExitCode } from '../hiddenExitCode.js';
import { commandShape } from '../normaliseLauncher.js';
import { resolveAgainst } from '../samePath.js';
import { shellWords } from '../shellWords.js';
import { CORRECTION_WINDOW_CALLS } from '../thresholds.js';
import { isOutsideProject, type DeriveContext } from './deriveContext.js';

/**
 * Errors in which the build tool says it found no project where it ran: the command belongs in
 * another folder (a nested Go module, a package of a monorepo). Each names its tool's own words.
 */
const NO_PROJECT_HERE: readonly RegExp[] = [
  /directory prefix \S+ does not contain main module/, // go: `go build ./e2e/...` from a parent module
  /go: cannot find main module/, // go: no go.mod here or above
  /go\.mod file not found in current directory or any parent/, // go
  /main module \([^)]*\) does not contain package/, // go: a package of another module
  /could not find `Cargo\.toml` in `/, // cargo
  /npm (?:ERR!|error) enoent[^\n]*package\.json/i, // npm run outside a package
];

export function saysNoProjectHere(output: string): boolean {
  return NO_PROJECT_HERE.some((pattern) => pattern.test(output));
}

/** The folder a shell call did its work in: where it started (Codex `workdir`, else cwd), moved by a leading `cd DIR &&` (project-relative, '.' for the root). */
function workingFolder(call: ToolCall, ctx: DeriveContext): string {
  const words = shellWords(commandOf(call) ?? '');
  let folder = startDirectoryOf(call) ?? ctx.files.root;
  for (let i = 0; words[i] === 'cd' && words[i + 1] !== undefined && ['&&', ';'].includes(words[i + 2] ?? ''); i += 3) {
    folder = resolveAgainst(words[i + 1], folder);
  }
  return ctx.relative(folder);
}

const isInside = (folder: string, parent: string) => parent === '.' || folder.startsWith(`${parent}/`);

/** The working command without `cd …&&` and env assignments: `go vet ./...`. */
function workingCommand(call: ToolCall): string {
  const shape = commandShape(commandOf(call) ?? '');
  return shape.launcher.length > 0 ? [shape.launcher, ...shape.args].join(' ') : shape.words.join(' ');
}

/** The shortest of the commands seen, the most general example (ties: the most frequent, then the first). */
function shortest(commands: readonly string[]): string {
  return rankByCount(commands).sort((a, b) => a.value.length - b.value.length)[0].value;
}

interface FolderFix {
  failed: ToolCall;
  fixed: ToolCall;
  program: string;
  folder: string;
}

/**
 * The call that ran the same program in a subfolder soon after and got past "no project here":
 * its exit code visible and ok, or a failure of the project's own (a test that failed ran in a module).
 */
function folderFixOf(failed: ToolCall, later: readonly ToolCall[], ctx: DeriveContext): FolderFix | undefined {
  const program = commandShape(commandOf(failed) ?? '').program;
  const from = workingFolder(failed, ctx);
  for (const call of later.slice(0, CORRECTION_WINDOW_CALLS)) {
    if (call.tool !== 'Bash' || commandShape(commandOf(call) ?? '').program !== program) continue;
    if (saysNoProjectHere(call.output)) continue;
    if (call.outcome !== 'ok' && call.outcome !== 'failed') continue;
    if (call.outcome === 'ok' && hidesExitCode(commandOf(call) ?? '')) continue;
    const folder = workingFolder(call, ctx);
    if (folder === from || folder === '.' || isOutsideProject(folder) || !isInside(folder, from)) continue;
    return { failed, fixed: call, program, folder };
  }
  return undefined;
}

/**
 * Working folders: a build tool that found no project where it ran (`go build ./e2e/...` from the
 * root of a repository whose `e2e/` is its own module), and then ran in a subfolder. One finding per
 * program and folder; like every finding, it needs two sessions.
 */
export function workingFolderFindings(sessions: ReadonlyArray<readonly ToolCall[]>, ctx: DeriveContext): FindingDraft[] {
  const fixes: FolderFix[] = [];
  for (const calls of sessions) {
    calls.forEach((call, i) => {
      if (call.tool !== 'Bash' || call.outcome !== 'failed' || !saysNoProjectHere(call.output)) return;
      const fix = folderFixOf(call, calls.slice(i + 1), ctx);
      if (fix) fixes.push(fix);
    });
  }
  return [...groupBy(fixes, (fix) => `${fix.program}\u0000${fix.folder}`).values()].map((group) => {
    const { program, folder } = group[0];
    const details: CommandPatternDetails = {
      mode: 'working_folder',
      program,
      folder,
      from: shortest(group.map((fix) => workingCommand(fix.failed))),
      to: shortest(group.map((fix) => workingCommand(fix.fixed))),
      errorKind: group[0].failed.errorKind ?? 'other',
    };
    return {
      category: 'command_pattern',
      key: `folder:${program}:${folder}`,
      occurrences: group.length,
      evidence: group.flatMap((fix) => [toCallRef(fix.failed), toCallRef(fix.fixed)]),
      userStated: false,
      details,
    };
  });
}
