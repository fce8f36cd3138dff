import { findMarkerPairs, pairFor } from './findMarkerPairs.js';
import { MarkerError } from './markerError.js';
import { planTargetEdit } from './planTargetEdit.js';
import type { TargetProposal } from './proposal.js';

/**
 * A shared file's new text planned again on what it holds now, for a write that found the file changed since its
 * plan: when this project's own section is exactly as it was planned from (only other projects' sections, or
 * text outside every section, changed), the proposed section goes in its place in the current text; undefined
 * otherwise (this project's section itself changed, the file's markers broke, or it is not a shared file),
 * so the write is refused and the next run shows the new diff.
 */
export function replanSharedSection(proposal: Pick<TargetProposal, 'path' | 'scope' | 'projectTag' | 'currentSection' | 'proposedSection'>, current: string | undefined): string | undefined {
  if (proposal.scope !== 'shared' || proposal.projectTag === undefined || proposal.proposedSection === undefined) return undefined;
  try {
    const pair = current === undefined ? undefined : pairFor(findMarkerPairs(current, proposal.path), proposal.projectTag);
    const section = pair && current !== undefined ? current.slice(pair.start, pair.end) : undefined;
    if (section !== proposal.currentSection) return undefined;
    return planTargetEdit(current, proposal.proposedSection, { file: proposal.path, project: proposal.projectTag });
  } catch (error) {
    if (error instanceof MarkerError) return undefined;
    throw error;
  }
}
