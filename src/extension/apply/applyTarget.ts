import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReviewModel, ReviewTarget } from '../review/reviewModel.js';
import { readTargetText } from '../review/reviewPlanning.js';
import { withFileLock } from '../../core/fs/fileLock.js';
import { RefusedTargetError, resolveTargetFile } from '../../core/fs/targetFile.js';
import { applyFileEdit } from './applyFileEdit.js';
import { editForProposal } from './proposalEdit.js';

export type ApplyTargetResult =
  | { readonly status: 'applied'; readonly message: string }
  | { readonly status: 'nothingToApply'; readonly message: string }
  /** Broken markers: nothing written; the message names the lines. */
  | { readonly status: 'brokenMarkers'; readonly message: string }
  /** The file changed since the plan: re-planned, nothing written; the user reviews the new diff. */
  | { readonly status: 'replanned'; readonly message: string }
  | { readonly status: 'failed'; readonly message: string };

function changedMessage(target: ReviewTarget): string {
  return vscode.l10n.t(
    '{0} changed since the learnings were planned, so nothing was written. The diff now shows the file as it is; review it and apply again.',
    path.basename(target.path),
  );
}

/**
 * Writes a target's checked learnings: one WorkspaceEdit (create, replace the marker range, or append the
 * section), saved, undoable. Never overwrites a file that changed since its plan (on disk or unsaved in an
 * editor): it re-plans instead and says so. Broken markers write nothing. Re-plans after writing, so the
 * tree and diff show the file as it is now.
 */
export async function applyTarget(target: ReviewTarget, model: ReviewModel, log: vscode.LogOutputChannel): Promise<ApplyTargetResult> {
  const name = path.basename(target.path);
  const before = target.proposal;
  if (before.error) {
    return { status: 'brokenMarkers', message: vscode.l10n.t('{0}: {1}', name, before.error.message) };
  }
  if (before.refused) return { status: 'failed', message: before.refused };
  try {
    // Checked again now: a link changed since the plan must not lead the write outside the project.
    const real = await resolveTargetFile(target.path, before.root);
    // Under the file's lock (core/fs/fileLock.ts, as the CLI), so a CLI run or another window never interleaves.
    return await withFileLock(real, () => writeUnderLock(target, model, log));
  } catch (error) {
    if (error instanceof RefusedTargetError) return { status: 'failed', message: error.message };
    throw error;
  }
}

async function writeUnderLock(target: ReviewTarget, model: ReviewModel, log: vscode.LogOutputChannel): Promise<ApplyTargetResult> {
  const name = path.basename(target.path);
  const before = target.proposal;
  const now = await readTargetText(target.uri);
  if (now !== before.currentText) {
    log.info(`apply ${target.path}: the file changed since the plan; re-planning`);
    await model.replan(target, changedMessage(target));
    return { status: 'replanned', message: changedMessage(target) };
  }
  const edit = editForProposal(before);
  if (!edit) return { status: 'nothingToApply', message: vscode.l10n.t('{0} already holds these learnings; nothing to write.', name) };
  const outcome = await applyFileEdit(edit);
  if (outcome.applied) {
    log.info(`apply ${target.path}: written (${before.exists ? 'updated' : 'created'})`);
    await model.replan(target);
    return {
      status: 'applied',
      message: before.exists
        ? vscode.l10n.t('Updated the Headroom section of {0}.', name)
        : vscode.l10n.t('Created {0} with the Headroom section.', name),
    };
  }
  log.warn(`apply ${target.path}: not written (${outcome.reason})`);
  if (outcome.reason === 'stale' || outcome.reason === 'fileExists' || outcome.reason === 'fileMissing') {
    await model.replan(target, changedMessage(target));
    return { status: 'replanned', message: changedMessage(target) };
  }
  return { status: 'failed', message: vscode.l10n.t('Could not write {0} ({1}).', name, outcome.reason) };
}
