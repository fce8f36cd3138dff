/// <reference types="mocha" />
// How Headroom: Learn picks its analyzer and its agents, in the real extension host: the analyzer from the
// settings and SecretStorage (a local 127.0.0.1 provider, never a real LLM), failures shown as failures,
// vscode.lm models, headroom.minOccurrences, agents from other extensions, and the one trust gate.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HeadroomTestingApi } from '../../src/extension/api/testingHooks.js';
import { startProviderServer, type ScriptedResponse } from '../unit/analyze/llm/support/providerServer.js';
import { activateTestingHooks, forgetModelAnswers, workspaceFolderUri, findTreeItem as find, reviewProject } from './hostTestSupport.js';

const demoProject = process.env.HEADROOM_TEST_DEMO_PROJECT ?? '';
const STORED_KEY = 'sk-headroom-host-test-4f1d9c2b7a';
const SETTINGS = ['model', 'minOccurrences', 'promptTokenBudget', 'openai.baseUrl'] as const;

function completion(content: string): ScriptedResponse {
  return {
    status: 200,
    body: {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1767225600,
      model: 'gpt-test',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 1200, completion_tokens: 20, total_tokens: 1220 },
    },
  };
}
const unauthorized: ScriptedResponse = {
  status: 401,
  body: { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } },
};

function learningCount(api: HeadroomTestingApi): number {
  return new Set(api.review.getReviewState().projects.flatMap((p) => p.learnings.map((l) => l.text))).size;
}

/** The status bar tooltip as the user reads it (its Markdown escapes undone). */
function tooltipText(api: HeadroomTestingApi): string {
  return api.statusBar().tooltip.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');
}

async function setting(key: (typeof SETTINGS)[number], value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('headroom').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Every file the Headroom Learn log channel wrote, once `expected` has appeared in it (the log is written asynchronously). */
async function logText(testing: HeadroomTestingApi, expected: RegExp): Promise<string> {
  const deadline = Date.now() + 5000;
  let text = '';
  while (Date.now() < deadline) {
    const dir = testing.logUri.fsPath;
    text = fs.existsSync(dir)
      ? fs.readdirSync(dir).filter((name) => name.endsWith('.log')).map((name) => fs.readFileSync(path.join(dir, name), 'utf8')).join('\n')
      : '';
    if (expected.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`the log never showed ${expected} (log folder ${testing.logUri.fsPath}):\n${text.slice(-2000)}`);
}

describe('Learn: analyzer selection, agents from other extensions, trust', function () {
  this.timeout(60_000);
  let api: HeadroomTestingApi;
  let testing: HeadroomTestingApi;

  before(async () => {
    assert.ok(demoProject && fs.existsSync(demoProject), 'the harness provides the demo project');
    testing = await activateTestingHooks();
    api = testing;
  });

  // Each test scripts its own provider server's answers: none may get an answer an earlier test's model gave.
  beforeEach(() => forgetModelAnswers(testing));

  afterEach(async () => {
    for (const key of SETTINGS) await setting(key, undefined);
    await testing.apiKeys.delete('openai');
  });

  it('uses the stored key, the base-URL setting and the prompt budget; says which backend and why; never logs the key', async () => {
    const server = await startProviderServer([completion('{"rules":[]}')]);
    try {
      await testing.apiKeys.store('openai', STORED_KEY);
      await setting('openai.baseUrl', `${server.url}/v1`);
      await setting('promptTokenBudget', 200_000);
      assert.equal(await api.review.learn({ folder: vscode.Uri.file(demoProject) }), 'done');
      const firstRun = server.requests.length;
      assert.ok(firstRun >= 1, 'the local provider was asked');
      const [request] = server.requests;
      assert.equal(request!.path, '/v1/chat/completions');
      assert.equal(request!.headers.authorization, `Bearer ${STORED_KEY}`, 'the key from SecretStorage reached the worker');

      const report = api.review.lastLearn();
      assert.equal(report?.status, 'done');
      assert.equal(report.analyzers.length, 1);
      assert.match(report.analyzers[0]!, /^openai \(.+\), because a key is stored with Headroom: Set API Key$/);
      assert.deepEqual(report.notices, []);
      // The view says which analyzer in a few words; why is in the status bar's tooltip and the stats dashboard.
      const message = api.review.getReviewState().message ?? '';
      assert.match(message, /^(?:\d+ learnings? from|Nothing to learn yet: no repeated failure in) \d+ sessions · analyzer: openai \([^)]+\)$/, `the view's message is short: ${message}`);
      assert.doesNotMatch(message, /because/);
      assert.ok(tooltipText(api).includes(`Analyzer: ${report.analyzers[0]!}`), `the status bar tooltip gives the reason: ${tooltipText(api)}`);
      assert.deepEqual(api.lastRun.snapshot?.analyzers, report.analyzers, 'the stats dashboard gives the reason');

      // headroom.promptTokenBudget reaches the prompt builder: 1000 tokens leave no room for the demo's strongest
      // finding, so the automatically chosen backend fails before asking and Learn falls back, saying why.
      await setting('promptTokenBudget', 1_000);
      assert.equal(await api.review.learn({ folder: vscode.Uri.file(demoProject) }), 'done');
      assert.equal(server.requests.length, firstRun, 'nothing was sent');
      assert.match(api.review.lastLearn()!.notices[0]?.message ?? '', /A token budget of 1000 leaves no room/);

      const log = await logText(testing, /learn: analyzer openai \(.+\), because a key is stored/);
      assert.ok(!log.includes(STORED_KEY), 'the key is not in the log');
    } finally {
      await server.close();
    }
  });

  it('an automatically chosen LLM that fails: error notification, "fell back to the offline analyzer", offline rules', async () => {
    const server = await startProviderServer([unauthorized]);
    try {
      await testing.apiKeys.store('openai', STORED_KEY);
      await setting('openai.baseUrl', `${server.url}/v1`);
      assert.equal(await api.review.learn({ folder: vscode.Uri.file(demoProject) }), 'done');
      assert.ok(server.requests.length >= 1);
      const report = api.review.lastLearn()!;
      assert.match(report.analyzers[0]!, /^offline, because openai failed/);
      assert.equal(report.notices.length, 1);
      assert.equal(report.notices[0]!.severity, 'error');
      assert.match(report.notices[0]!.message, /openai failed .*fell back to the offline analyzer/is);
      assert.ok(!report.notices[0]!.message.includes(STORED_KEY));
      assert.ok(learningCount(api) > 0, 'the offline analyzer wrote the rules');
      assert.match(api.review.getReviewState().message ?? '', / · analyzer: offline$/);
      assert.match(tooltipText(api), /Analyzer: offline, because openai failed/);
      assert.match(api.lastRun.snapshot?.analyzers[0] ?? '', /^offline, because openai failed/);
    } finally {
      await server.close();
    }
  });

  it('a model chosen in headroom.model that fails is a failed run with the message, not a silent fallback', async () => {
    const server = await startProviderServer([unauthorized]);
    try {
      await testing.apiKeys.store('openai', STORED_KEY);
      await setting('openai.baseUrl', `${server.url}/v1`);
      await setting('model', 'openai/gpt-test');
      assert.equal(await api.review.learn({ folder: vscode.Uri.file(demoProject) }), 'failed');
      const report = api.review.lastLearn()!;
      assert.equal(report.status, 'failed');
      assert.equal(report.notices[0]!.severity, 'error');
      assert.match(report.notices[0]!.message, /^The openai analyzer failed: /);
      assert.equal(api.review.getReviewState().message, report.notices[0]!.message, 'the view shows the failure');
    } finally {
      await server.close();
    }
  });

  it('a vscode.lm model in headroom.model: with none available, Learn says so before scanning (no silent offline)', async function () {
    const models = await vscode.lm.selectChatModels();
    if (models.length > 0) this.skip();
    await setting('model', 'vscode-lm/copilot-gpt-4o');
    const workersBefore = api.review.startedScanWorkers();
    await vscode.commands.executeCommand('headroom.learn', vscode.Uri.file(demoProject));
    const report = api.review.lastLearn()!;
    assert.equal(report.status, 'failed');
    assert.match(report.notices[0]!.message, /no language model available.*choose another in Headroom: Select Model/i);
    assert.equal(api.review.startedScanWorkers(), workersBefore, 'nothing was scanned');
  });

  it('headroom.minOccurrences reaches the pipeline: a higher threshold gives fewer learnings on the demo', async () => {
    await setting('model', 'offline');
    assert.equal(await api.review.learn({ folder: vscode.Uri.file(demoProject) }), 'done');
    const atDefault = learningCount(api);
    await setting('minOccurrences', 4);
    assert.equal(await api.review.learn({ folder: vscode.Uri.file(demoProject) }), 'done');
    const atFour = learningCount(api);
    assert.ok(atFour < atDefault, `min occurrences 4: ${atFour} learnings < ${atDefault} at the default`);
    assert.match(api.review.lastLearn()!.analyzers[0]!, /^offline, because the headroom.model setting offline$/);
  });

  it('headroom.learn includes the agents other extensions register: the fake agent’s learnings are in the review tree', async () => {
    const fake = vscode.extensions.getExtension('headroom-test.fake-agent');
    assert.ok(fake, 'the fake-agent test extension is installed');
    await fake.activate();
    await vscode.commands.executeCommand('headroom.learn');
    assert.equal(api.review.lastLearn()?.status, 'done');
    const state = api.review.getReviewState();
    const target = state.targets.find((t) => t.agents.includes('fake-agent'));
    assert.equal(target?.path, path.join(workspaceFolderUri().fsPath, 'FAKE_AGENT.md'));
    const file = find(state.tree, (item) => item.kind === 'target' && item.label === 'FAKE_AGENT.md');
    assert.ok(file, `its target file is under Files: ${state.tree.map((i) => i.label).join(', ')}`);
    assert.match(file.tooltip ?? '', /Read(&nbsp;| )by(&nbsp;| )Fake(&nbsp;| )Agent/);
    const project = reviewProject(state, workspaceFolderUri().fsPath);
    const rules = project.learnings.filter((l) => l.files.includes(target.path)).map((l) => l.text).join('\n');
    assert.match(rules, /`docs\/sample\.txt` → actually at `sample\.txt`/);
    assert.match(rules, /uv run python/);
    assert.ok(find(file.children, (item) => item.kind === 'fileRule' && item.label.includes('uv run python')), 'the rule is listed under its file');
    assert.ok(find(state.tree, (item) => item.kind === 'learning' && item.label.includes('uv run python')), 'the learning is a tree item');
  });

  it('untrusted: Learn, Learn All Projects and Apply run nothing and say why; trust re-enables them', async () => {
    const granted = new vscode.EventEmitter<void>();
    const source = { isTrusted: false, onDidGrantWorkspaceTrust: granted.event };
    const override = testing.trust.overrideSource(source);
    try {
      const before = api.review.getReviewState();
      const workersBefore = api.review.startedScanWorkers();
      await vscode.commands.executeCommand('headroom.learn');
      assert.equal(api.review.lastLearn()?.status, 'untrusted');
      await vscode.commands.executeCommand('headroom.learnAllProjects');
      assert.equal(await api.review.learn({ folder: vscode.Uri.file(demoProject) }), 'untrusted');
      assert.equal(api.review.startedScanWorkers(), workersBefore, 'no scan worker started');
      assert.match(api.review.lastLearn()!.notices[0]!.message, /Restricted Mode/);
      assert.match(api.review.getReviewState().message ?? '', /Restricted Mode: .*trust this workspace/);

      const target = before.targets.find((t) => t.changed && !t.error);
      assert.ok(target, 'a file with changes to apply');
      const existed = fs.existsSync(target.path);
      const result = await api.review.applyFile(target.path);
      assert.equal(result.status, 'untrusted');
      await vscode.commands.executeCommand('headroom.applySelected');
      assert.equal(fs.existsSync(target.path), existed, 'nothing written');
      assert.deepEqual(api.review.getReviewState().targets.map((t) => t.path), before.targets.map((t) => t.path), 'the review is as it was');

      source.isTrusted = true;
      granted.fire();
      assert.doesNotMatch(api.review.getReviewState().message ?? '', /Restricted Mode/);
      await setting('model', 'offline');
      assert.equal(await api.review.learn({ folder: vscode.Uri.file(demoProject) }), 'done');
      assert.equal(api.review.startedScanWorkers(), workersBefore + 1);
    } finally {
      override.dispose();
      granted.dispose();
    }
  });
});
