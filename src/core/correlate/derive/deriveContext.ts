import type { CallRef, Correction } from '../../model/finding.js';
import type { CallLookup } from '../callLookup.js';
import { projectRelative, type ProjectFiles } from '../projectFiles.js';

/** What every category's derivation reads: the project now, and the calls behind the evidence. */
export interface DeriveContext {
  files: ProjectFiles;
  calls: CallLookup;
  /** `p` relative to the project root, resolved against the cwd of the call it came from. */
  relative(p: string, ref?: CallRef): string;
}

export function deriveContext(files: ProjectFiles, calls: CallLookup): DeriveContext {
  return {
    files,
    calls,
    relative: (p, ref) => projectRelative(p, files.root, ref ? calls.get(ref)?.cwd : undefined),
  };
}

export function evidenceOf(corrections: readonly Correction[]) {
  return corrections.flatMap((c) => [c.failed, c.fixed]);
}

/**
 * A path that `relative` could not make project-relative (absolute, `~/…`, or `../…`): it lives
 * elsewhere on the user's machine (an agent's own tool-results file, a temp file), so no rule for
 * this project may name it.
 */
export function isOutsideProject(relativePath: string): boolean {
  return /^(?:\/|~|\.\.(?:\/|\\|$)|[A-Za-z]:[\\/]|\\\\)/.test(relativePath);
}
