import type { AgentProposal } from '../core/pipeline/learnProposals.js';
import { RefusedTargetError } from '../core/fs/targetFile.js';
import { replanSharedSection } from '../core/write/replanSharedSection.js';
import { FileChangedError, writeFileAtomically } from './writeFileAtomically.js';

export interface ApplyOutcome {
  /** Files written, in proposal order. */
  written: string[];
  /** One line per file that was not written although it should have been (or was refused: a link outside the project, a FIFO). */
  errors: string[];
  /** True when broken markers in one of the project's files stopped every write of the project. */
  blocked: boolean;
}

/**
 * Writes every changed proposal of one project, each atomically from the text it was planned from:
 * - if any file of the project has broken markers, nothing is written for the project (the rules
 *   would reach some agents and not others); the marker errors are reported by the caller;
 * - a file refused when planned (a link leading outside the project, a FIFO, an encoding headroom does not
 *   edit) is reported with its reason and not written; the others are;
 * - a file that changed since it was read is refused with one line, and the others are still
 *   written (each file is complete on its own; a run again plans the refused one anew) — except a shared file
 *   (~/.codex/instructions.md) in which only other projects' sections changed: this project's section is
 *   planned again on its current text, under the file's lock, so concurrent runs never lose each other's;
 * - any other write failure (permissions, disk full) is reported the same way.
 */
export async function applyProposals(proposals: readonly AgentProposal[]): Promise<ApplyOutcome> {
  if (proposals.some((p) => p.error)) return { written: [], errors: [], blocked: true };
  const written: string[] = [];
  const errors: string[] = [];
  for (const proposal of proposals) {
    if (proposal.refused) {
      errors.push(proposal.refused);
      continue;
    }
    if (!proposal.changed || proposal.proposedText === undefined) continue;
    try {
      await writeFileAtomically(proposal.path, proposal.proposedText, {
        expectedText: proposal.currentText,
        root: proposal.root,
        replan: proposal.scope === 'shared' ? (current) => replanSharedSection(proposal, current) : undefined,
      });
      written.push(proposal.path);
    } catch (error) {
      if (error instanceof FileChangedError || error instanceof RefusedTargetError) {
        errors.push(error.message);
        continue;
      }
      const code = (error as NodeJS.ErrnoException).code;
      errors.push(`Cannot write ${proposal.path} (${code ?? (error as Error).message}); check the folder's permissions and run again. Nothing was written to it.`);
    }
  }
  return { written, errors, blocked: false };
}
