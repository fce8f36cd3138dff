/// <reference types="mocha" />
// The vscode-lm analyzer end to end, in the real extension host: a language model provider of our own (registered
// by the fake-agent test extension through vscode.lm.registerLanguageModelChatProvider, test/host/fixtures/
// fake-agent-extension/fakeLanguageModel.js) answers Headroom: Learn when `headroom.model` names it. The worker
// returns the findings, the host builds the prompt, redacts it, sends it through vscode.lm and grounds the answer.
//
// Consent: in VS Code 1.139 `context.languageModelAccessInformation.canSendRequest()` always returns true, and the
// extension host asks for consent (an authentication-style modal) only for models whose metadata carries `auth`,
// which a provider gets only with `requiresAuthorization` under the proposed API `chatProvider`. A provider on
// the finalized API (ours, and any extension from the Marketplace without that proposal) gets no consent step, so
// no dialog appears here; the consent dialog of Copilot-like providers is not covered by these tests.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HeadroomTestingApi } from '../../src/extension/api/testingHooks.js';
import type { TreeSnapshotItem } from '../../src/extension/views/learningsTree.js';
import { SYSTEM_PROMPT } from '../../src/core/analyze/llm/systemPrompt.js';
import { activateTestingHooks, forgetModelAnswers } from './hostTestSupport.js';

const demoProject = process.env.HEADROOM_TEST_DEMO_PROJECT ?? '';
const agentHome = process.env.HEADROOM_TEST_AGENT_HOME ?? '';

/** The fake model's controls (the fake-agent extension's exports.languageModel). */
interface FakeLanguageModel {
  vendor: string;
  modelId: string;
  modelName: string;
  rulePrefix: string;
  unsentEvidenceId: string;
  readonly requests: ReadonlyArray<{ model: string; messages: Array<{ role: string; text: string }>; requestInitiator?: string }>;
  setEnabled(enabled: boolean): void;
  setMode(mode: 'rules' | 'invalid'): void;
  reset(): void;
}

/** An OpenAI-looking key planted in a demo session's tool input, which the prompt quotes. */
const PLANTED_KEY = 'sk-proj-HeadroomPlanted4f1d9c2b7a8e6d5c3b1a';
/** A Claude Code session of the demo home, and a call in it that the prompt shows (evidence of "git push"). */
const PLANTED_SESSION = '5d0f2a9c-3b7e-4c1a-9e55-0c6f1b2d8a41.jsonl';
const PLANTED_CALL = '"command":"git push origin feature/order-totals","description":"Push the branch"';

function findFile(dir: string, name: string): string | undefined {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    } else if (entry.name === name) {
      return full;
    }
  }
  return undefined;
}

function flatten(items: readonly TreeSnapshotItem[]): TreeSnapshotItem[] {
  return items.flatMap((item) => [item, ...flatten(item.children)]);
}

async function setModel(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('headroom').update('model', value, vscode.ConfigurationTarget.Global);
}

describe('Learn with a VS Code language model (a provider registered in the test host)', function () {
  this.timeout(60_000);
  let testing: HeadroomTestingApi;
  let model: FakeLanguageModel;
  let sessionFile: string;
  let originalSession: string;

  before(async () => {
    assert.ok(demoProject && fs.existsSync(demoProject), 'the harness provides the demo project');
    testing = await activateTestingHooks();
    const fake = vscode.extensions.getExtension<{ languageModel?: FakeLanguageModel }>('headroom-test.fake-agent');
    assert.ok(fake, 'the fake-agent test extension is installed');
    const exports = await fake.activate();
    assert.ok(exports.languageModel, 'this VS Code has vscode.lm.registerLanguageModelChatProvider');
    model = exports.languageModel;
    model.setEnabled(true);

    // Plant a key in a tool input the prompt quotes; restored afterwards for the other suites.
    const found = findFile(path.join(agentHome, '.claude', 'projects'), PLANTED_SESSION);
    assert.ok(found, `the demo home has ${PLANTED_SESSION}`);
    sessionFile = found;
    originalSession = fs.readFileSync(sessionFile, 'utf8');
    assert.equal(originalSession.split(PLANTED_CALL).length, 2, 'the call to plant the key in occurs once');
    fs.writeFileSync(
      sessionFile,
      originalSession.replace(PLANTED_CALL, PLANTED_CALL.replace('Push the branch"', `Push the branch with OPENAI_API_KEY=${PLANTED_KEY} set"`)),
    );
  });

  beforeEach(() => {
    model.reset();
    forgetModelAnswers(testing);
  });

  afterEach(async () => {
    await setModel(undefined);
  });

  after(() => {
    // Later suites test the path where no language model is available.
    model?.setEnabled(false);
    if (sessionFile) fs.writeFileSync(sessionFile, originalSession);
  });

  it('lists the provider’s model through vscode.lm.selectChatModels', async () => {
    const models = await vscode.lm.selectChatModels({ vendor: model.vendor });
    assert.deepEqual(
      models.map((m) => ({ id: m.id, name: m.name, vendor: m.vendor, maxInputTokens: m.maxInputTokens })),
      [{ id: model.modelId, name: model.modelName, vendor: model.vendor, maxInputTokens: 64_000 }],
    );
  });

  it('Headroom: Learn sends the redacted prompt (instructions in the first User message) and shows the model’s rules', async () => {
    await setModel(`vscode-lm/${model.modelId}`);
    await vscode.commands.executeCommand('headroom.learn', vscode.Uri.file(demoProject));
    const report = testing.review.lastLearn();
    assert.equal(report?.status, 'done', `Learn finished: ${JSON.stringify(report)}`);
    assert.deepEqual(report.analyzers, [`vscode-lm (${model.modelName}), because the headroom.model setting is vscode-lm/${model.modelId}`]);
    assert.deepEqual(report.notices, []);

    // One request: no system role in vscode.lm, so the system prompt opens the first (and only) User message.
    assert.equal(model.requests.length, 1, 'one request for one project');
    const [request] = model.requests;
    assert.equal(request!.model, model.modelId);
    assert.equal(request!.requestInitiator, 'headroom.headroom-learn', 'VS Code names Headroom Learn as the requester');
    assert.deepEqual(request!.messages.map((m) => m.role), ['user']);
    const prompt = request!.messages[0]!.text;
    assert.ok(prompt.startsWith(`${SYSTEM_PROMPT}\n\n`), `the prompt opens with the system prompt:\n${prompt.slice(0, 300)}`);
    assert.match(prompt, /## EVIDENCE \(\d+ of \d+ findings/);
    assert.match(prompt, /^### E1 · /m);

    // The planted key never reached the model: the call that held it is there, redacted.
    for (const message of request!.messages) assert.ok(!message.text.includes(PLANTED_KEY), 'the planted key was not sent');
    assert.ok(!prompt.includes('HeadroomPlanted'), 'no part of the planted key was sent');
    assert.match(prompt, /git push origin feature\/order-totals.*OPENAI_API_KEY=\[REDACTED:[a-z_]+\]/, 'the call is quoted with the key redacted');

    // The review shows exactly the model's rules: one per evidence id it cited, the unsent id's rule dropped.
    const sentIds = [...prompt.matchAll(/^### (E\d+) · /gm)].map((m) => m[1]!);
    assert.ok(sentIds.length >= 5, `the demo gives several findings: ${sentIds.join(', ')}`);
    const state = testing.review.getReviewState();
    const texts = new Set(state.projects.flatMap((p) => p.learnings.map((l) => l.text)));
    const cited = [...texts].map((text) => /^Fake LM reworded (E\d+): /.exec(text)?.[1]);
    assert.ok(cited.every((id) => id !== undefined), `every learning is a rule the model wrote:\n${[...texts].join('\n')}`);
    assert.deepEqual(cited.sort(), [...sentIds].sort(), 'one learning per evidence id, in the model’s words');
    assert.ok(![...texts].some((text) => text.includes('never sent')), 'the rule citing an id that was never sent is dropped');
    const treeLearnings = flatten(state.tree).filter((item) => item.kind === 'learning');
    assert.ok(treeLearnings.length > 0, 'the learnings are tree items');
    assert.ok(treeLearnings.every((item) => item.label.startsWith(model.rulePrefix)), `tree labels: ${treeLearnings.map((i) => i.label).join(' | ')}`);
    assert.ok(treeLearnings.every((item) => item.checked === true), 'checked by default');
    assert.match(state.message ?? '', /learnings from \d+ sessions · analyzer: vscode-lm/);

    // Learn again on the same history: the same request, so the kept answer; the model is not asked again.
    await vscode.commands.executeCommand('headroom.learn', vscode.Uri.file(demoProject));
    assert.equal(testing.review.lastLearn()?.status, 'done');
    assert.equal(model.requests.length, 1, 'no second request: the answer was kept');
    assert.deepEqual(new Set(testing.review.getReviewState().projects.flatMap((p) => p.learnings.map((l) => l.text))), texts, 'the same rules');
  });

  it('a model that answers twice without JSON: a failed run that says so (no silent offline fallback)', async () => {
    model.setMode('invalid');
    await setModel(`vscode-lm/${model.modelId}`);
    const learningsBefore = testing.review.getReviewState().targets.length;
    await vscode.commands.executeCommand('headroom.learn', vscode.Uri.file(demoProject));
    const report = testing.review.lastLearn()!;
    assert.equal(report.status, 'failed');
    assert.equal(report.notices.length, 1);
    assert.equal(report.notices[0]!.severity, 'error');
    assert.match(report.notices[0]!.message, /^The vscode-lm analyzer failed: vscode-lm answered twice without usable JSON\./);
    assert.equal(testing.review.getReviewState().message, report.notices[0]!.message, 'the view shows the failure');
    assert.equal(testing.review.getReviewState().targets.length, learningsBefore, 'the previous review is left as it was');

    // Asked once more, quoting its answer and why it cannot be used.
    assert.equal(model.requests.length, 2, 'the first answer and one retry');
    const retry = model.requests[1]!.messages;
    assert.deepEqual(retry.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.ok(retry[0]!.text.startsWith(`${SYSTEM_PROMPT}\n\n`), 'the instructions open the first User message again');
    assert.match(retry[1]!.text, /^Here are the rules you asked for/);
    assert.match(retry[2]!.text, /^That answer cannot be used\./);
  });
});
