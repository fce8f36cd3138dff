import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HeadroomLearnApi } from '../../src/extension/extension';

export const extensionId = 'headroom.headroom-learn';

/** Activates the extension under test (loaded from extensionDevelopmentPath) and returns its API. */
export async function activateHeadroomLearn(): Promise<HeadroomLearnApi> {
  const extension = vscode.extensions.getExtension<HeadroomLearnApi>(extensionId);
  assert.ok(extension, `extension ${extensionId} is loaded`);
  return extension.activate();
}

/** The single workspace folder the runners open (a fresh copy of test/harness/workspace). */
export function workspaceFolderUri(): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders ?? [];
  assert.equal(folders.length, 1, 'exactly one workspace folder is open');
  return folders[0]!.uri;
}
