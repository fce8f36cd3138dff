/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { testHooksEnabled } from '../../src/extension/api/exportApi.js';
import type { HeadroomLearnTestApi } from '../../src/extension/api/testingHooks.js';
import { Commands } from '../../src/extension/commands.js';
import { activateHeadroomLearn, extensionId } from './hostTestSupport.js';

describe('Headroom Learn in the real extension host', () => {
  it('activates and returns its public API: versions and registerAgentPlugin, nothing else', async () => {
    const api: HeadroomLearnTestApi = await activateHeadroomLearn();
    assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
    assert.equal(api.apiVersion, 1);
    assert.equal(api.agentPluginApiVersion, 1);
    assert.equal(typeof api.registerAgentPlugin, 'function');
    // Under extension tests (ExtensionMode.Test) the hooks are there, but only as `testing`.
    assert.deepEqual(Object.keys(api).sort(), ['agentPluginApiVersion', 'apiVersion', 'registerAgentPlugin', 'testing']);
    assert.ok(Object.isFrozen(api), 'other extensions cannot change the API object');
    assert.equal(typeof api.testing?.review.lastLearn, 'function');
    assert.equal(typeof api.testing?.applyFileEdit, 'function');
  });

  it('test hooks are gated on ExtensionMode.Test alone', () => {
    assert.equal(testHooksEnabled(vscode.ExtensionMode.Test), true);
    assert.equal(testHooksEnabled(vscode.ExtensionMode.Production), false);
    assert.equal(testHooksEnabled(vscode.ExtensionMode.Development), false);
  });

  it('registers the Headroom: Learn command', async () => {
    await activateHeadroomLearn();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('headroom.learn'), 'headroom.learn is registered');
  });

  it('registers every command of the command map (the entry bundle does, at activation)', async () => {
    await activateHeadroomLearn();
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(Object.values(Commands).filter((id) => !registered.has(id)), []);
  });

  it('runs Headroom: Learn without an error', async () => {
    await activateHeadroomLearn();
    await vscode.commands.executeCommand('headroom.learn');
  });
});
