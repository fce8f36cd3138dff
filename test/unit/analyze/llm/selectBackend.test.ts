import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalyzerBackend } from '../../../../src/core/analyze/backend.js';
import {
  BackendSelectionError,
  chooseBackend,
  selectAnalyzerBackend,
  type SelectBackendOptions,
} from '../../../../src/core/analyze/selectBackend.js';
import { LlmError } from '../../../../src/core/analyze/llm/llmError.js';
import { analyzerInput, goodAnswer } from './support/evidenceFixture.js';
import { makeFakeClis } from './support/fakeAgentClis.js';

const offlineStub: AnalyzerBackend = {
  name: 'offline',
  analyze: async () => ({ learnings: [], report: { backend: 'offline', reason: 'set by offline', dropped: [], notes: ['offline ran'] } }),
};

function options(overrides: Partial<SelectBackendOptions> & { onPath?: string[] }): SelectBackendOptions {
  const onPath = overrides.onPath ?? [];
  return { env: {}, createOffline: () => offlineStub, isOnPath: (command) => onPath.includes(command), ...overrides };
}

const ALL_KEYS = { ANTHROPIC_API_KEY: 'a-key', OPENAI_API_KEY: 'o-key', GEMINI_API_KEY: 'g-key' };
const ALL_CLIS = ['claude', 'gemini', 'codex'];

test('(1) --model with a model name picks its provider, over keys, HEADROOM_LEARN_CLI and PATH', () => {
  const rows: Array<[string, string, string]> = [
    ['claude-opus-5-5', 'anthropic', 'claude-opus-5-5'],
    ['gpt-5.4-mini', 'openai', 'gpt-5.4-mini'],
    ['o3', 'openai', 'o3'],
    ['o4-mini', 'openai', 'o4-mini'],
    ['gemini-3.5-flash', 'gemini', 'gemini-3.5-flash'],
    ['gemini/gemini-flash-latest', 'gemini', 'gemini-flash-latest'],
    ['openai/gpt-4.1', 'openai', 'gpt-4.1'],
  ];
  for (const [model, kind, sentModel] of rows) {
    const choice = chooseBackend(options({ model, env: { ...ALL_KEYS, HEADROOM_LEARN_CLI: 'codex' }, onPath: ALL_CLIS }));
    assert.equal(choice.kind, kind, model);
    assert.equal(choice.model, sentModel, model);
    assert.equal(choice.automatic, false, model);
    assert.match(choice.reason, new RegExp(`because --model ${model.replace(/[./]/g, '\\$&')}`));
  }
});

test('(1) --model claude-cli, gemini-cli, codex-cli and offline pick those backends', () => {
  for (const cli of ['claude', 'gemini', 'codex']) {
    const choice = chooseBackend(options({ model: `${cli}-cli`, env: ALL_KEYS, onPath: ALL_CLIS }));
    assert.equal(choice.kind, `${cli}-cli`);
    assert.equal(choice.automatic, false);
  }
  const offline = chooseBackend(options({ model: 'offline', env: ALL_KEYS, onPath: ALL_CLIS }));
  assert.equal(offline.kind, 'offline');
  assert.equal(offline.automatic, false);
});

test('(1) an unknown --model is an error that lists the valid forms', () => {
  assert.throws(
    () => chooseBackend(options({ model: 'llama3:70b', env: ALL_KEYS })),
    (error: unknown) =>
      error instanceof BackendSelectionError &&
      /Unknown --model "llama3:70b"/.test(error.message) &&
      /claude-…/.test(error.message) &&
      /gpt-…/.test(error.message) &&
      /gemini-…/.test(error.message) &&
      /claude-cli, gemini-cli, codex-cli, offline/.test(error.message),
  );
});

test('(1) a model without its key, or a CLI not on PATH, is an error rather than a silent switch', () => {
  assert.throws(() => chooseBackend(options({ model: 'gpt-5.4', env: { ANTHROPIC_API_KEY: 'a' } })), /needs OpenAI API access: set OPENAI_API_KEY/);
  assert.throws(() => chooseBackend(options({ model: 'codex-cli', onPath: ['claude'] })), /codex is not on PATH/);
});

test('(2) API keys in the order ANTHROPIC, OPENAI, GEMINI, before HEADROOM_LEARN_CLI and PATH', () => {
  const rows: Array<[Record<string, string>, string]> = [
    [ALL_KEYS, 'anthropic'],
    [{ OPENAI_API_KEY: 'o', GEMINI_API_KEY: 'g' }, 'openai'],
    [{ GEMINI_API_KEY: 'g' }, 'gemini'],
  ];
  for (const [keys, kind] of rows) {
    const choice = chooseBackend(options({ env: { ...keys, HEADROOM_LEARN_CLI: 'codex' }, onPath: ALL_CLIS }));
    assert.equal(choice.kind, kind);
    assert.equal(choice.automatic, true);
    assert.match(choice.reason, /_API_KEY is set/);
  }
});

test('(2) a key from the extension counts when the variable is unset; an empty variable is unset', () => {
  const choice = chooseBackend(
    options({
      env: { ANTHROPIC_API_KEY: '  ' },
      apiKeys: { openai: { key: 'stored', source: 'an OpenAI key is stored in VS Code' } },
      onPath: ALL_CLIS,
    }),
  );
  assert.equal(choice.kind, 'openai');
  assert.equal(choice.apiKey, 'stored');
  assert.match(choice.reason, /stored in VS Code/);
});

test('(3) HEADROOM_LEARN_CLI picks a CLI before PATH order; bad values and missing CLIs are errors', () => {
  const choice = chooseBackend(options({ env: { HEADROOM_LEARN_CLI: 'Codex' }, onPath: ALL_CLIS }));
  assert.equal(choice.kind, 'codex-cli');
  assert.equal(choice.automatic, false);
  assert.throws(() => chooseBackend(options({ env: { HEADROOM_LEARN_CLI: 'cursor' }, onPath: ALL_CLIS })), /use one of: claude, gemini, codex/);
  assert.throws(() => chooseBackend(options({ env: { HEADROOM_LEARN_CLI: 'gemini' }, onPath: ['claude'] })), /gemini is not on PATH/);
});

test('(4) the first of claude, gemini, codex on PATH', () => {
  assert.equal(chooseBackend(options({ onPath: ALL_CLIS })).kind, 'claude-cli');
  assert.equal(chooseBackend(options({ onPath: ['codex', 'gemini'] })).kind, 'gemini-cli');
  const codex = chooseBackend(options({ onPath: ['codex'] }));
  assert.equal(codex.kind, 'codex-cli');
  assert.equal(codex.automatic, true);
  assert.match(codex.reason, /codex is on PATH/);
});

test('(5) nothing available: offline, and the reason says why', () => {
  const choice = chooseBackend(options({}));
  assert.equal(choice.kind, 'offline');
  assert.equal(choice.automatic, true);
  assert.match(choice.reason, /no --model, no API key .*none of claude, gemini, codex is on PATH/);
});

test('PATH is searched in the given environment by default', () => {
  const fakes = makeFakeClis(['gemini']);
  const choice = chooseBackend({ env: { PATH: fakes.bin }, createOffline: () => offlineStub });
  assert.equal(choice.kind, 'gemini-cli');
});

test('an automatically chosen CLI that fails falls back to offline and says so', async () => {
  const fakes = makeFakeClis(['claude']);
  const selection = selectAnalyzerBackend({ env: fakes.env('crash', [goodAnswer()]), cliTempRoot: fakes.tempRoot, createOffline: () => offlineStub });
  assert.equal(selection.kind, 'claude-cli');
  assert.equal(selection.automatic, true);
  const result = await selection.backend.analyze(analyzerInput());
  assert.equal(result.report.backend, 'offline');
  assert.match(result.report.reason, /claude-cli failed \(cli_failed\)/);
  assert.match(result.report.notes[0], /Fell back to the offline analyzer because the backend was chosen automatically/);
  assert.ok(result.report.notes.includes('offline ran'));
});

test('an explicitly chosen CLI that fails fails; no fallback', async () => {
  const fakes = makeFakeClis(['claude']);
  const selection = selectAnalyzerBackend({
    model: 'claude-cli',
    env: fakes.env('crash', [goodAnswer()]),
    cliTempRoot: fakes.tempRoot,
    createOffline: () => offlineStub,
  });
  assert.equal(selection.automatic, false);
  await assert.rejects(selection.backend.analyze(analyzerInput()), (error: unknown) => error instanceof LlmError && error.kind === 'cli_failed');
});

test('a working CLI backend reports the selection reason', async () => {
  const fakes = makeFakeClis(['claude']);
  const selection = selectAnalyzerBackend({ env: fakes.env('good', [goodAnswer()]), cliTempRoot: fakes.tempRoot, createOffline: () => offlineStub });
  const result = await selection.backend.analyze(analyzerInput());
  assert.equal(result.report.backend, 'claude-cli');
  assert.equal(result.report.reason, selection.reason);
  assert.equal(result.learnings.length, 3);
});

test('the offline choice runs the offline analyzer with the selection reason', async () => {
  const selection = selectAnalyzerBackend(options({ model: 'offline' }));
  const result = await selection.backend.analyze(analyzerInput());
  assert.equal(result.report.reason, 'offline, because --model offline');
  assert.deepEqual(result.report.notes, ['offline ran']);
});
