import type { Correction } from '../../model/finding.js';
import { nearBasename } from '../nearBasename.js';
import type { DeriveContext } from './deriveContext.js';
import { isInsideFolder, splitScope } from './scopePath.js';
import { relativeScope } from './searchScopeFindings.js';

/**
 * A Grep/Glob whose path was a file that does not exist, fixed by the same search on a near-named
 * file (`.golangci.yml` → `.golangci.yaml`), was wrong about the file's path, not about where to
 * search: as a path correction it is one fact with a Read of the same wrong file. Only when the
 * filters are the same on both sides, the wrong path is missing now, the right one exists, and the
 * right one is not a folder above the wrong one (that is a folder fact, see folderFindings).
 */
export function searchedFileAsPath(correction: Correction, ctx: DeriveContext): Correction {
  if (correction.kind !== 'search_scope' || !correction.change) return correction;
  const wrong = splitScope(relativeScope(correction.change.from, ctx, correction.failed));
  const right = splitScope(relativeScope(correction.change.to, ctx, correction.fixed));
  if (!wrong || !right || wrong.filters !== right.filters || wrong.path === '.' || right.path === '.') return correction;
  if (ctx.files.exists(wrong.path) || !ctx.files.exists(right.path) || isInsideFolder(wrong.path, right.path)) return correction;
  if (!nearBasename(wrong.path, right.path)) return correction;
  // As typed (absolute or relative to the call's cwd), like every path correction's change.
  const typed = (scope: string) => splitScope(scope)?.path ?? scope;
  return { ...correction, kind: 'path', change: { from: typed(correction.change.from), to: typed(correction.change.to) } };
}
