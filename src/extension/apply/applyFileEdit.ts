import * as vscode from 'vscode';
import { readDiskText } from '../review/reviewPlanning.js';

/** The new content of the target file: its whole text, or one range of its current text replaced. */
type FileChange =
  | { readonly newText: string }
  | { readonly range: vscode.Range; readonly replacement: string };

export interface FileEditRequest {
  /** The file to write. */
  readonly uri: vscode.Uri;
  /**
   * The text the file has now (as an open editor holds it, unsaved changes included), or `undefined` when the
   * file must not exist yet and is created. A mismatch means the proposal is stale and nothing is written.
   */
  readonly expectedText: string | undefined;
  readonly change: FileChange;
}

type FileEditRefusal =
  /** The current text differs from `expectedText`. */
  | 'stale'
  /** `expectedText` is undefined but the file exists. */
  | 'fileExists'
  /** `expectedText` is a string but the file does not exist. */
  | 'fileMissing'
  /** A range change for a file that is created, or a range outside the current text. */
  | 'invalidChange'
  /** VS Code did not apply the WorkspaceEdit (for example the user cancelled it). */
  | 'notApplied'
  /** Applied in the editor but the document could not be saved. */
  | 'notSaved';

export type FileEditOutcome = { readonly applied: true } | { readonly applied: false; readonly reason: FileEditRefusal };

function isMissingFileError(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
}

async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (isMissingFileError(error)) return false;
    throw error;
  }
}

/** How long an unmodified document may lag its file before Apply gives up and re-plans (VS Code's watcher is late under load). */
const DISK_SYNC_CEILING_MS = 15_000;

/**
 * Waits until an unmodified document holds what its file holds. A document VS Code already had open is reloaded
 * only when the file watcher reports a change on disk; editing and saving it before that would fail the save
 * ("the file is newer") or, worse, write over the change. Resolves false if it has not caught up by the ceiling.
 */
async function caughtUpWithDisk(document: vscode.TextDocument): Promise<boolean> {
  const matches = async () => document.isDirty || document.getText() === (await readDiskText(document.uri));
  return new Promise<boolean>((resolve) => {
    let done = false;
    const finish = (value: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    };
    const check = () => void matches().then((ok) => ok && finish(true), () => finish(false));
    // Listen before the first look, so a reload that lands in between is not missed.
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => event.document === document && check());
    const timer = setTimeout(() => finish(false), DISK_SYNC_CEILING_MS);
    check();
  });
}

/**
 * `save()` answers false when a save was already under way: with `files.autoSave` on (the default of VS Code for the
 * Web and code-server) the edit itself starts one. The edit is on disk all the same when the document is clean and
 * the file holds its text.
 */
async function savedAnyway(document: vscode.TextDocument): Promise<boolean> {
  return !document.isDirty && (await readDiskText(document.uri)) === document.getText();
}

/**
 * Writes one file through ONE WorkspaceEdit, so the change goes through VS Code (undo stack, open editors,
 * file-operation participants) and is then saved to disk: creates the file with its content when
 * `expectedText` is undefined, otherwise checks the current text and replaces all of it or one range.
 */
export async function applyFileEdit(request: FileEditRequest): Promise<FileEditOutcome> {
  const { uri, expectedText, change } = request;
  const exists = await fileExists(uri);
  const edit = new vscode.WorkspaceEdit();

  if (expectedText === undefined) {
    if (exists) return { applied: false, reason: 'fileExists' };
    if (!('newText' in change)) return { applied: false, reason: 'invalidChange' };
    edit.createFile(uri, { contents: new TextEncoder().encode(change.newText) });
    if (!(await vscode.workspace.applyEdit(edit))) return { applied: false, reason: 'notApplied' };
    // createFile with contents writes the file itself; an editor that was open on the path would hold it dirty.
    const document = openDocument(uri);
    if (document?.isDirty && !(await document.save())) return { applied: false, reason: 'notSaved' };
    return { applied: true };
  }

  if (!exists) return { applied: false, reason: 'fileMissing' };
  const document = await vscode.workspace.openTextDocument(uri);
  if (!document.isDirty && !(await caughtUpWithDisk(document))) return { applied: false, reason: 'stale' };
  if (document.getText() !== expectedText) return { applied: false, reason: 'stale' };
  if ('newText' in change) {
    const wholeText = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    edit.replace(uri, wholeText, change.newText);
  } else {
    if (!document.validateRange(change.range).isEqual(change.range)) return { applied: false, reason: 'invalidChange' };
    edit.replace(uri, change.range, change.replacement);
  }
  if (!(await vscode.workspace.applyEdit(edit))) return { applied: false, reason: 'notApplied' };
  if (!(await document.save()) && !(await savedAnyway(document))) return { applied: false, reason: 'notSaved' };
  return { applied: true };
}
