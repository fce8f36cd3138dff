import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { redactSecrets } from '../../../../src/core/redact/redactSecrets.js';
import { CLAUDE_CLI_ARGS, createClaudeCliClient } from '../../../../src/core/analyze/llm/backends/claudeCli.js';
import { CODEX_CLI_ARGS, createCodexCliClient } from '../../../../src/core/analyze/llm/backends/codexCli.js';
import { createGeminiCliClient, GEMINI_CLI_ARGS } from '../../../../src/core/analyze/llm/backends/geminiCli.js';
import type { AgentCliOptions } from '../../../../src/core/analyze/llm/cli/agentCliClient.js';
import type { LlmClient } from '../../../../src/core/analyze/llm/llmClient.js';
import { LlmAnalyzer } from '../../../../src/core/analyze/llm/llmAnalyzer.js';
import { LlmError, type LlmErrorKind } from '../../../../src/core/analyze/llm/llmError.js';
import { analyzerInput, goodAnswer, PLANTED_SECRETS } from './support/evidenceFixture.js';
import { makeFakeClis } from './support/fakeAgentClis.js';

interface CliCase {
  name: 'claude' | 'gemini' | 'codex';
  create(options: AgentCliOptions): LlmClient;
  args: readonly string[];
  tokens: { sent: number; received: number };
  notLoggedIn: RegExp;
}

const cases: CliCase[] = [
  {
    name: 'claude',
    create: createClaudeCliClient,
    args: CLAUDE_CLI_ARGS,
    tokens: { sent: 12 + 2100 + 300, received: 210 },
    notLoggedIn: /Invalid API key · Please run \/login/,
  },
  {
    name: 'gemini',
    create: createGeminiCliClient,
    args: GEMINI_CLI_ARGS,
    tokens: { sent: 2400, received: 180 },
    notLoggedIn: /Please set an Auth method/,
  },
  {
    name: 'codex',
    create: createCodexCliClient,
    args: CODEX_CLI_ARGS,
    tokens: { sent: 2550, received: 190 },
    notLoggedIn: /Not logged in\. Run `codex login`/,
  },
];

function analyzer(client: LlmClient): LlmAnalyzer {
  return new LlmAnalyzer({ client, redact: redactSecrets });
}

async function rejectsWith(promise: Promise<unknown>, kind: LlmErrorKind, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof LlmError, String(error));
    assert.equal(error.kind, kind, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

for (const cli of cases) {
  test(`${cli.name} CLI: fixed safe flags, prompt on stdin without secrets, fresh temp dir; its envelope is parsed`, async () => {
    const fakes = makeFakeClis();
    const client = cli.create({ env: fakes.env('good', [goodAnswer()]), tempRoot: fakes.tempRoot });
    const result = await analyzer(client).analyze(analyzerInput());

    const calls = fakes.calls();
    assert.equal(calls.length, 1);
    assert.equal(calls[0].name, cli.name);
    assert.deepEqual(calls[0].args, [...cli.args]);
    assert.match(calls[0].stdin, /Answer with one JSON object/);
    assert.match(calls[0].stdin, /### E1 · permission/);
    for (const secret of PLANTED_SECRETS) assert.ok(!calls[0].stdin.includes(secret), 'planted secret sent');
    assert.equal(path.dirname(calls[0].cwd), fakes.tempRoot);
    assert.notEqual(calls[0].cwd, process.cwd());
    assert.ok(!existsSync(calls[0].cwd), 'the temporary working directory was not removed');

    assert.equal(result.report.backend, `${cli.name}-cli`);
    assert.equal(result.learnings.length, 3);
    assert.equal(result.report.tokensSent, cli.tokens.sent);
    assert.equal(result.report.tokensReceived, cli.tokens.received);
  });

  test(`${cli.name} CLI: an unusable answer is asked again, quoting it, on stdin`, async () => {
    const fakes = makeFakeClis();
    const client = cli.create({ env: fakes.env('good', ['I could not find anything.', goodAnswer()]), tempRoot: fakes.tempRoot });
    const result = await analyzer(client).analyze(analyzerInput());
    const calls = fakes.calls();
    assert.equal(calls.length, 2);
    assert.match(calls[1].stdin, /Your previous answer was:\n<<<\nI could not find anything\.\n>>>/);
    assert.match(calls[1].stdin, /That answer cannot be used/);
    assert.notEqual(calls[0].cwd, calls[1].cwd);
    assert.equal(result.learnings.length, 3);
  });

  test(`${cli.name} CLI: not logged in is an auth failure showing the CLI's own message`, async () => {
    const fakes = makeFakeClis();
    const client = cli.create({ env: fakes.env('not-logged-in', [goodAnswer()]), tempRoot: fakes.tempRoot });
    await rejectsWith(analyzer(client).analyze(analyzerInput()), 'auth', cli.notLoggedIn);
  });

  test(`${cli.name} CLI: a non-zero exit is a failure quoting stderr`, async () => {
    const fakes = makeFakeClis();
    const client = cli.create({ env: fakes.env('crash', [goodAnswer()]), tempRoot: fakes.tempRoot });
    await rejectsWith(analyzer(client).analyze(analyzerInput()), 'cli_failed', /exited with code 3: .*segmentation fault in the fake/);
  });

  test(`${cli.name} CLI: garbage on stdout is a bad answer, not "no rules"`, async () => {
    const fakes = makeFakeClis();
    const client = cli.create({ env: fakes.env('garbage', [goodAnswer()]), tempRoot: fakes.tempRoot });
    await rejectsWith(analyzer(client).analyze(analyzerInput()), 'bad_answer', /502 Bad Gateway/);
  });

  test(`${cli.name} CLI: a hang is stopped at the time limit`, async () => {
    const fakes = makeFakeClis();
    const client = cli.create({ env: fakes.env('hang', [goodAnswer()]), tempRoot: fakes.tempRoot, timeoutMs: 400 });
    // The fake never answers: only the time limit can end this call. Under load the fake may not even have
    // started (and recorded its call) before it is killed, so check the run's temp folder through its parent.
    await rejectsWith(analyzer(client).analyze(analyzerInput()), 'timeout', /did not answer within/);
    assert.deepEqual(readdirSync(fakes.tempRoot), [], 'the run\'s temp folder is removed');
  });
}

test('a cancelled run stops the CLI and fails as cancelled', async () => {
  const fakes = makeFakeClis();
  const client = createClaudeCliClient({ env: fakes.env('hang', [goodAnswer()]), tempRoot: fakes.tempRoot, timeoutMs: 60_000 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 300);
  // The time limit is a minute away: only the abort can end this call.
  await rejectsWith(analyzer(client).analyze(analyzerInput(), controller.signal), 'cancelled');
});

test('a CLI missing from PATH fails as cli_not_found', async () => {
  const fakes = makeFakeClis(['claude']);
  const client = createCodexCliClient({ env: fakes.env('good', [goodAnswer()]), tempRoot: fakes.tempRoot });
  await rejectsWith(analyzer(client).analyze(analyzerInput()), 'cli_not_found', /codex is not on PATH/);
});
