/// <reference types="mocha" />
// Settings, secrets, models, trust, stats, walkthrough and the plugin API, in the real extension host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { processEnvironment } from '../../src/core/agents/environment.js';
import { learnProject } from '../../src/core/pipeline/learnProject.js';
import { detectAgents, scanExternalAgents } from '../../src/extension/api/agentPluginHost.js';
import { prescannedPlugin } from '../../src/extension/api/prescannedPlugin.js';
import type { HeadroomTestingHooks } from '../../src/extension/api/testingHooks.js';
import { listAvailableBackends } from '../../src/extension/analyzers/availableBackends.js';
import { API_KEY_SECRET_IDS } from '../../src/extension/analyzers/apiKeyStore.js';
import { readHeadroomSettings, storeModelSetting } from '../../src/extension/platform/settings.js';
import { TrustGate } from '../../src/extension/platform/workspaceTrust.js';
import { activateHeadroomLearn, activateTestingHooks, workspaceFolderUri } from './hostTestSupport.js';

const fakeExtensionId = 'headroom-test.fake-agent';

async function testing(): Promise<HeadroomTestingHooks> {
  return activateTestingHooks();
}

describe('Plugins from other extensions (registerAgentPlugin)', () => {
  it('a test extension registers a fake agent that is detected and learned from like a built-in', async function () {
    const fake = vscode.extensions.getExtension(fakeExtensionId);
    assert.ok(fake, `${fakeExtensionId} is loaded as a second extensionDevelopmentPath`);
    await fake.activate();
    const { pluginHost } = await testing();
    const registry = pluginHost.registry;
    assert.ok(registry.names().includes('fake-agent'), `registered: ${registry.names().join(', ')}`);
    assert.ok(registry.names().includes('claude'), 'built-ins share the same registry');
    assert.equal(pluginHost.isExternal('fake-agent'), true);
    assert.equal(pluginHost.isExternal('claude'), false);

    const environment = processEnvironment(process.env);
    const detected = await detectAgents(registry.all(), environment);
    assert.ok(detected.some((plugin) => plugin.name === 'fake-agent'), 'detection finds the fake agent');

    // The Learn flow's split: built-in names go to the worker, the fake agent is scanned here in the host...
    const { workerAgents, hostPlugins } = pluginHost.partition(registry.all());
    assert.deepEqual(hostPlugins.map((p) => p.name), ['fake-agent']);
    assert.ok(!workerAgents.includes('fake-agent'));
    const projectPath = workspaceFolderUri().fsPath;
    const warnings: string[] = [];
    const prescanned = await scanExternalAgents(hostPlugins, projectPath, { environment, reporter: { warn: (m) => warnings.push(m) } });
    assert.equal(prescanned.length, 1);
    // ...and its sessions (plain data, as posted to the worker) are learned from with the same pipeline.
    const result = await learnProject({
      projectPath,
      plugins: prescanned.map((agent) => prescannedPlugin(structuredClone(agent))),
      environment,
    });
    warnings.push(...result.warnings);
    assert.deepEqual(result.agents.map((agent) => agent.name), ['fake-agent']);
    assert.equal(result.agents[0]!.stats.sessions, 2);
    const rules = result.learnings.map((learning) => learning.text).join('\n');
    assert.match(rules, /`docs\/sample\.txt` → actually at `sample\.txt`/);
    assert.match(rules, /uv run python/);
    assert.deepEqual(warnings, []);
  });

  it('rejects malformed plugins and removes a plugin when its registration is disposed', async () => {
    const { pluginHost } = await testing();
    assert.throws(() => pluginHost.register({ name: 'broken', displayName: 'Broken' }), /has no detect\(\) method/);
    assert.throws(() => pluginHost.register({ name: 'Bad Name', displayName: 'x', detect() {}, findSessions() {}, listProjects() {}, parse() {}, targets() {} }), /invalid/);
    const plugin = {
      apiVersion: 1,
      name: 'temporary-agent',
      displayName: 'Temporary',
      detect: async () => {
        throw new Error('boom');
      },
      findSessions: async () => [],
      listProjects: async () => [],
      parse: async () => ({ sessionId: 's', file: 'f', subagent: false, calls: [], skippedLines: 0, warnings: [] }),
      targets: () => [],
    };
    assert.throws(() => pluginHost.register({ ...plugin, apiVersion: 2 }), /version 2/);
    const registration = pluginHost.register(plugin);
    assert.ok(pluginHost.registry.get('temporary-agent'));
    // A throwing detect() is contained: the agent is simply not detected.
    assert.equal(await pluginHost.registry.get('temporary-agent')!.detect(processEnvironment(process.env)), false);
    registration.dispose();
    assert.equal(pluginHost.registry.get('temporary-agent'), undefined);
    assert.equal(pluginHost.isExternal('temporary-agent'), false);
  });
});

describe('API keys in SecretStorage', () => {
  it('stores, reads and deletes a key under its fixed id, never in settings', async () => {
    const { apiKeys } = await testing();
    assert.equal(API_KEY_SECRET_IDS.anthropic, 'headroom.apiKey.anthropic');
    await apiKeys.store('anthropic', '  sk-ant-test-0123456789  ');
    assert.equal(await apiKeys.get('anthropic'), 'sk-ant-test-0123456789');
    const status = await apiKeys.status();
    const expected = process.env.ANTHROPIC_API_KEY ? 'environment' : 'secretStorage';
    assert.equal(status.find((s) => s.provider === 'anthropic')?.source, expected);
    assert.deepEqual(Object.keys(await apiKeys.storedKeys()), ['anthropic']);
    const settingsText = JSON.stringify(vscode.workspace.getConfiguration('headroom'));
    assert.ok(!settingsText.includes('sk-ant-test'), 'the key is not in any setting');
    await assert.rejects(apiKeys.store('openai', 'has spaces in it'), /no spaces/);
    await apiKeys.delete('anthropic');
    assert.equal(await apiKeys.get('anthropic'), undefined);
  });

  it('registers Set API Key and Clear API Key; clearing a provider without a key is harmless', async () => {
    await activateHeadroomLearn();
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['headroom.setApiKey', 'headroom.clearApiKey', 'headroom.selectModel', 'headroom.showLog', 'headroom.showStats']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
    assert.equal(await vscode.commands.executeCommand('headroom.clearApiKey', 'gemini'), true);
  });
});

describe('Select Model', () => {
  it('lists the offline analyzer and the backends present now (a stored key, CLIs on PATH, vscode.lm models)', async () => {
    const { apiKeys } = await testing();
    const none = await listAvailableBackends({ apiKeys, env: {}, isOnPath: () => false, chatModels: async () => [] });
    assert.deepEqual(none.map((b) => b.model), ['', 'offline']);
    assert.match(none[0]!.detail, /offline, because/);

    await apiKeys.store('openai', 'sk-test-0123456789');
    try {
      const fakeChat = { id: 'fake-model', name: 'Fake Model', vendor: 'copilot', family: 'fake', version: '1', maxInputTokens: 64000 } as vscode.LanguageModelChat;
      const present = await listAvailableBackends({
        apiKeys,
        env: {},
        isOnPath: (command) => command === 'gemini',
        chatModels: async () => [fakeChat],
      });
      assert.deepEqual(present.map((b) => b.kind), ['automatic', 'offline', 'api', 'cli', 'vscode-lm']);
      assert.deepEqual(present.slice(3).map((b) => b.model), ['gemini-cli', 'vscode-lm/fake-model']);
      assert.match(present.find((b) => b.kind === 'api')!.model, /^openai\//);
      assert.match(present[0]!.detail, /openai/);
      assert.equal(present.find((b) => b.kind === 'vscode-lm')!.needsKey, false);
    } finally {
      await apiKeys.delete('openai');
    }
    // The real vscode.lm (Copilot is not installed in the harness) and PATH give no error.
    const real = await listAvailableBackends({ apiKeys });
    assert.ok(real.some((b) => b.model === 'offline'));
  });

  it('stores the choice in the headroom.model setting', async () => {
    await activateHeadroomLearn();
    await storeModelSetting('offline');
    assert.equal(readHeadroomSettings().model, 'offline');
    await storeModelSetting('');
    assert.equal(readHeadroomSettings().model, '');
  });
});

describe('Workspace trust', () => {
  it('in an untrusted workspace the gated work does not run; granting trust re-enables it', async () => {
    const granted = new vscode.EventEmitter<void>();
    const source = { isTrusted: false, onDidGrantWorkspaceTrust: granted.event };
    const gate = new TrustGate(source);
    let ran = 0;
    assert.deepEqual(await gate.runIfTrusted('Headroom: Learn', () => ++ran), { ran: false });
    assert.equal(ran, 0);
    let reEnabled = false;
    gate.onDidGrantTrust(() => (reEnabled = true));
    source.isTrusted = true;
    granted.fire();
    assert.equal(reEnabled, true);
    assert.deepEqual(await gate.runIfTrusted('Headroom: Learn', () => ++ran), { ran: true, value: 1 });
    gate.dispose();
    granted.dispose();
  });

  it('the manifest declares limited support and a welcome that explains Restricted Mode', async () => {
    const manifest = vscode.extensions.getExtension('headroom.headroom-learn')!.packageJSON;
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    const welcome = manifest.contributes.viewsWelcome as Array<{ view: string; when?: string }>;
    assert.ok(welcome.some((entry) => entry.view === 'headroom.review' && entry.when === '!isWorkspaceTrusted'));
    const { trust } = await testing();
    assert.equal(trust.isTrusted, vscode.workspace.isTrusted);
  });
});

describe('Stats dashboard', () => {
  it('shows the last run in a webview with a strict CSP and our own script', async () => {
    const { lastRun, showStats } = await testing();
    const snapshot = lastRun.set([
      {
        projectPath: workspaceFolderUri().fsPath,
        agents: [{ name: 'fake-agent', displayName: 'Fake Agent', stats: { sessions: 2, subagentSessions: 0, toolCalls: 8, failed: 4, rejected: 0, interrupted: 0, skippedLines: 0, duplicateCalls: 0, errorKinds: { file_not_found: 2, module_not_found: 2 } }, failuresByTool: { Read: 2, Bash: 2 } }],
        corrections: [{ kind: 'path' }, { kind: 'launcher' }],
        findings: [1, 2],
        learnings: [1, 2],
        waste: { failedCalls: 4, failedOutputBytes: 214, failedOutputTokens: 54, preventableCalls: 4, preventableOutputBytes: 214, preventableOutputTokens: 54 },
      },
    ]);
    assert.equal(snapshot.failureRate, 0.5);
    const panel = showStats();
    try {
      const html = panel.webview.html;
      assert.match(html, /default-src 'none'/);
      assert.match(html, /script-src 'nonce-[A-Za-z0-9_-]{32}'/);
      assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
      assert.equal((html.match(/<script /g) ?? []).length, 1, 'one script, by nonce');
      assert.match(html, /media\/dist\/stats\.js/);
      assert.ok(fs.existsSync(path.join(vscode.extensions.getExtension('headroom.headroom-learn')!.extensionPath, 'media', 'dist', 'stats.js')), 'the page script is built');
      assert.equal(showStats(), panel, 'a second Show Stats reveals the same panel');
    } finally {
      panel.dispose();
      lastRun.clear();
    }
  });
});

describe('Walkthrough and l10n', () => {
  it('contributes one walkthrough of three steps (learn, review, apply) with completion events, and localised strings', () => {
    const manifest = vscode.extensions.getExtension('headroom.headroom-learn')!.packageJSON;
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['learn', 'review', 'apply']);
    for (const step of walkthrough.steps) assert.ok(step.completionEvents.length > 0, `${step.id} has completion events`);
    assert.equal(manifest.l10n, './l10n');
  });
});
