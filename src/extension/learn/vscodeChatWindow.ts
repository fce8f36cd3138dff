import * as path from 'node:path';
import type * as vscode from 'vscode';
import { WINDOW_FOLDERS_VARIABLE, WINDOW_STORAGE_VARIABLE } from '../../core/agents/vscodeChat/vscodeUserDirs.js';

/**
 * Tells the scan worker where this window keeps its VS Code chat sessions. `context.storageUri` is
 * `<User>/workspaceStorage/<id>/<extension id>`, and VS Code writes the window's sessions to
 * `<User>/workspaceStorage/<id>/chatSessions/`: that folder belongs to this window's folder even when VS Code wrote no
 * workspace.json beside it (code-server, remote windows), and its `User` folder is read even when it is not in a
 * standard place (portable installs, code-server's `--user-data-dir`).
 */
export function vscodeChatWindowEnvironment(storageUri: vscode.Uri | undefined, folders: readonly vscode.WorkspaceFolder[] | undefined): Record<string, string> {
  if (!storageUri || storageUri.scheme !== 'file') return {};
  const folderPaths = (folders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
  return { [WINDOW_STORAGE_VARIABLE]: path.dirname(storageUri.fsPath), [WINDOW_FOLDERS_VARIABLE]: folderPaths.join(path.delimiter) };
}
