import * as path from 'node:path';
import type { Correction } from '../../model/finding.js';
import type { FilePathDetails } from '../findingDetails.js';
import { groupBy, type FindingDraft } from '../findingDraft.js';
import { baseName } from '../nearBasename.js';
import { FOLDER_RULE_MIN_WRONG_PATHS } from '../thresholds.js';
import { evidenceOf, isOutsideProject, type DeriveContext } from './deriveContext.js';
import { isInsideFolder, splitScope } from './scopePath.js';
import { relativeScope } from './searchScopeFindings.js';

/** One correction read as "what was looked for in folder `wrong` is in folder `right`". */
interface FolderMove {
  wrong: string;
  right: string;
  /** The path the failed call named (project-relative). */
  wrongPath: string;
  correction: Correction;
}

/** The wrong path a path or search-scope correction named, project-relative, or undefined for other kinds. */
function wrongPathOf(c: Correction, ctx: DeriveContext): string | undefined {
  if (!c.change) return undefined;
  if (c.kind === 'path') return ctx.relative(c.change.from, c.failed);
  if (c.kind === 'search_scope') return splitScope(relativeScope(c.change.from, ctx, c.failed))?.path;
  return undefined;
}

/**
 * `src/old/x` → `src/new/x` is `src/old` → `src/new`: drops the segments both folders end with, as long
 * as the shorter wrong folder is still missing (else the fact is about the deeper folder).
 */
function withoutCommonTail(wrong: string, right: string, ctx: DeriveContext): { wrong: string; right: string } {
  const w = wrong.split('/');
  const r = right.split('/');
  while (w.length > 1 && r.length > 1 && w[w.length - 1] === r[r.length - 1] && !ctx.files.exists(w.slice(0, -1).join('/'))) {
    w.pop();
    r.pop();
  }
  return { wrong: w.join('/'), right: r.join('/') };
}

function looksLikeFile(p: string): boolean {
  return /\.[A-Za-z0-9]{1,8}$/.test(baseName(p));
}

/**
 * The folder fact a correction states, if any: a file found under the same name in another folder
 * (`cmd/x/commands/resume.go` → `cmd/x/resume.go`), or a search of a folder that then worked in
 * another (`cmd/x/commands` → `cmd/x`).
 */
function folderMoveOf(c: Correction, ctx: DeriveContext): FolderMove | undefined {
  if (!c.change) return undefined;
  let move: { wrong: string; right: string; wrongPath: string } | undefined;
  if (c.kind === 'path') {
    const wrong = ctx.relative(c.change.from, c.failed);
    const right = ctx.relative(c.change.to, c.fixed);
    const [wrongDir, rightDir] = [path.posix.dirname(wrong), path.posix.dirname(right)];
    if (baseName(wrong) !== baseName(right) || wrongDir === rightDir) return undefined;
    move = { ...withoutCommonTail(wrongDir, rightDir, ctx), wrongPath: wrong };
  } else if (c.kind === 'search_scope') {
    const wrong = splitScope(relativeScope(c.change.from, ctx, c.failed));
    const right = splitScope(relativeScope(c.change.to, ctx, c.fixed));
    if (!wrong || !right || wrong.filters !== right.filters || wrong.path === '.' || looksLikeFile(wrong.path)) return undefined;
    move = { wrong: wrong.path, right: right.path, wrongPath: wrong.path };
  }
  if (!move || move.wrong === '.' || [move.wrong, move.right].some(isOutsideProject)) return undefined;
  return { ...move, correction: c };
}

/**
 * General where the evidence is general: several different wrong paths in one folder that does not
 * exist, all found in one other folder, are one folder rule (`cmd/x/commands/` does not exist → its
 * files are in `cmd/x/`) instead of one rule per file. Only when the wrong folder is missing now, the
 * right one exists, every path or search correction under the wrong folder agrees on the right one, and
 * at least FOLDER_RULE_MIN_WRONG_PATHS different wrong paths were named. The corrections a folder rule
 * states are returned apart from the rest, which keep their per-file rules.
 */
export function folderFindings(corrections: readonly Correction[], ctx: DeriveContext): { drafts: FindingDraft[]; rest: Correction[] } {
  const moves = corrections.map((c) => folderMoveOf(c, ctx)).filter((m): m is FolderMove => m !== undefined);
  const drafts: FindingDraft[] = [];
  const consumed = new Set<Correction>();
  for (const [wrong, group] of groupBy(moves, (m) => m.wrong)) {
    const rights = new Set(group.map((m) => m.right));
    const [right] = rights;
    if (rights.size !== 1 || ctx.files.exists(wrong) || !ctx.files.exists(right)) continue;
    if (new Set(group.map((m) => m.wrongPath)).size < FOLDER_RULE_MIN_WRONG_PATHS) continue;
    const members = new Set(group.map((m) => m.correction));
    const disagreeing = corrections.some((c) => {
      const p = wrongPathOf(c, ctx);
      return p !== undefined && !members.has(c) && (p === wrong || isInsideFolder(p, wrong));
    });
    if (disagreeing) continue;
    const details: FilePathDetails = { from: wrong, to: right, alternatives: [{ path: right, count: group.length }], folder: true };
    const evidence = evidenceOf([...members]);
    drafts.push({ category: 'file_path', key: `folder:${wrong}`, occurrences: group.length, evidence, userStated: false, details });
    for (const c of members) consumed.add(c);
  }
  return { drafts, rest: corrections.filter((c) => !consumed.has(c)) };
}
