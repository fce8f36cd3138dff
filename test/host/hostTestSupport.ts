import * as path from 'node:path';
import * as fs from 'node:fs';
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HeadroomLearnApi } from '../../src/extension/api/headroomApi.js';
import type { HeadroomLearnTestApi, HeadroomTestingApi, ReviewState } from '../../src/extension/api/testingHooks.js';
import type { TreeSnapshotItem } from '../../src/extension/views/learningsTree.js';

export const extensionId = 'headroom.headroom-learn';

/** Activates the extension under test (loaded from extensionDevelopmentPath) and returns its public API. */
export async function activateHeadroomLearn(): Promise<HeadroomLearnApi> {
  const extension = vscode.extensions.getExtension<HeadroomLearnApi>(extensionId);
  assert.ok(extension, `extension ${extensionId} is loaded`);
  return extension.activate();
}

/**
 * Activates the extension and returns its test hooks: `testing` on activate()'s value, which exists only under
 * extension tests (ExtensionMode.Test) and is not part of the public HeadroomLearnApi type.
 */
export async function activateTestingHooks(): Promise<HeadroomTestingApi> {
  const api: HeadroomLearnTestApi = await activateHeadroomLearn();
  assert.ok(api.testing, 'the extension exposes its testing hooks under extension tests');
  return api.testing;
}

/** The single workspace folder the runners open (a fresh copy of test/harness/workspace). */
export function workspaceFolderUri(): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders ?? [];
  assert.equal(folders.length, 1, 'exactly one workspace folder is open');
  return folders[0]!.uri;
}

/** The first item of a tree snapshot, depth first, that matches. */
export function findTreeItem(items: readonly TreeSnapshotItem[], predicate: (item: TreeSnapshotItem) => boolean): TreeSnapshotItem | undefined {
  for (const item of items) {
    if (predicate(item)) return item;
    const inner = findTreeItem(item.children, predicate);
    if (inner) return inner;
  }
  return undefined;
}

/** The review target for one file; fails the test, listing the targets, when there is none. */
export function reviewTarget(state: ReviewState, filePath: string): ReviewState['targets'][number] {
  const found = state.targets.find((t) => t.path === filePath);
  assert.ok(found, `${filePath} is a review target (targets: ${state.targets.map((t) => t.path).join(', ')})`);
  return found;
}

/** A project's review; fails the test, listing the projects, when there is none. */
export function reviewProject(state: ReviewState, projectPath: string): ReviewState['projects'][number] {
  const found = state.projects.find((p) => p.projectPath === projectPath);
  assert.ok(found, `${projectPath} is reviewed (projects: ${state.projects.map((p) => p.projectPath).join(', ')})`);
  return found;
}

/** The learning of a project whose text contains `text`; fails the test when there is none. */
export function reviewLearning(state: ReviewState, projectPath: string, text: string): ReviewState['projects'][number]['learnings'][number] {
  const project = reviewProject(state, projectPath);
  const found = project.learnings.find((l) => l.text.includes(text));
  assert.ok(found, `a learning of ${projectPath} mentions ${text}`);
  return found;
}

/** Every item of a tree snapshot, depth first. */
export function flattenTree(items: readonly TreeSnapshotItem[]): TreeSnapshotItem[] {
  return items.flatMap((item) => [item, ...flattenTree(item.children)]);
}

/** A tree item's Markdown tooltip as the user reads it: appendText's escapes (&nbsp;, backslashes) undone. */
export function tooltipText(item: TreeSnapshotItem): string {
  return (item.tooltip ?? '').replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

/**
 * Forgets the model answers the extension kept (answerCachingClient, in the global storage's project cache), so
 * the next Learn asks the test's model afresh: suites that script a model's answers run on the same evidence.
 */
export function forgetModelAnswers(api: { globalStorageUri: vscode.Uri }): void {
  const folder = path.join(api.globalStorageUri.fsPath, 'project-cache');
  if (!fs.existsSync(folder)) return;
  for (const name of fs.readdirSync(folder)) if (name.startsWith('answer-')) fs.rmSync(path.join(folder, name), { force: true });
}
