/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateHeadroomLearn, extensionId } from './hostTestSupport';

describe('Headroom Learn in the real extension host', () => {
  it('activates and returns its API', async () => {
    const api = await activateHeadroomLearn();
    assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
    assert.equal(api.apiVersion, 1);
    assert.equal(typeof api.applyFileEdit, 'function');
  });

  it('registers the Headroom: Learn command', async () => {
    await activateHeadroomLearn();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('headroom.learn'), 'headroom.learn is registered');
  });

  it('runs Headroom: Learn without an error', async () => {
    await activateHeadroomLearn();
    await vscode.commands.executeCommand('headroom.learn');
  });
});
