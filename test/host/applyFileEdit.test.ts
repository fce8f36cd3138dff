/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { HeadroomTestingApi } from '../../src/extension/api/testingHooks.js';
import { activateTestingHooks, workspaceFolderUri } from './hostTestSupport.js';

describe('applyFileEdit writes files through a WorkspaceEdit', () => {
  let api: HeadroomTestingApi;
  before(async () => {
    api = await activateTestingHooks();
  });

  it('creates a missing file, parent folder included, with its content', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolderUri(), 'rules', 'AGENTS.md');
    assert.equal(fs.existsSync(uri.fsPath), false);
    const outcome = await api.applyFileEdit({ uri, expectedText: undefined, change: { newText: '# Rules\n\n- Use npm ci.\n' } });
    assert.deepEqual(outcome, { applied: true });
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), '# Rules\n\n- Use npm ci.\n');
  });

  it('replaces the whole text of an existing file and saves it to disk', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolderUri(), 'sample.txt');
    const before = fs.readFileSync(uri.fsPath, 'utf8');
    const outcome = await api.applyFileEdit({ uri, expectedText: before, change: { newText: 'replaced\n' } });
    assert.deepEqual(outcome, { applied: true });
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), 'replaced\n');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.isDirty, false);
  });

  it('replaces one range of an existing file', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolderUri(), 'README.md');
    const before = fs.readFileSync(uri.fsPath, 'utf8');
    const range = new vscode.Range(0, 2, 0, 8); // "Sample" in "# Sample project"
    const outcome = await api.applyFileEdit({ uri, expectedText: before, change: { range, replacement: 'Demo' } });
    assert.deepEqual(outcome, { applied: true });
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), before.replace('# Sample project', '# Demo project'));
  });

  it('refuses a stale proposal and leaves the file alone', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolderUri(), 'README.md');
    const before = fs.readFileSync(uri.fsPath, 'utf8');
    const outcome = await api.applyFileEdit({ uri, expectedText: 'not what the file says', change: { newText: 'x' } });
    assert.deepEqual(outcome, { applied: false, reason: 'stale' });
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), before);
  });

  it('refuses to create a file that already exists', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolderUri(), 'README.md');
    const outcome = await api.applyFileEdit({ uri, expectedText: undefined, change: { newText: 'x' } });
    assert.deepEqual(outcome, { applied: false, reason: 'fileExists' });
  });

  it('an open, unmodified document that lags a change on disk is written from the file as it is now', async () => {
    // git or another tool rewrote the file while VS Code held it open: the document is reloaded only when the
    // file watcher reports it, and a save before that would fail ("the file is newer") or undo their change.
    const uri = vscode.Uri.joinPath(workspaceFolderUri(), 'lagging.md');
    fs.writeFileSync(uri.fsPath, 'as VS Code first read it\n');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.getText(), 'as VS Code first read it\n');
    fs.writeFileSync(uri.fsPath, 'rewritten on disk\n');
    const outcome = await api.applyFileEdit({ uri, expectedText: 'rewritten on disk\n', change: { newText: 'rewritten on disk\n- a rule\n' } });
    assert.deepEqual(outcome, { applied: true });
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), 'rewritten on disk\n- a rule\n');
    assert.equal(document.isDirty, false);
  });
});
