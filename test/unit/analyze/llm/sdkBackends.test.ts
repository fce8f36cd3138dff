import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets } from '../../../../src/core/redact/redactSecrets.js';
import { createAnthropicClient, DEFAULT_ANTHROPIC_MODEL } from '../../../../src/core/analyze/llm/backends/anthropic.js';
import { createGeminiClient, DEFAULT_GEMINI_MODEL } from '../../../../src/core/analyze/llm/backends/gemini.js';
import { createOpenAiClient, DEFAULT_OPENAI_MODEL } from '../../../../src/core/analyze/llm/backends/openai.js';
import type { LlmClient } from '../../../../src/core/analyze/llm/llmClient.js';
import { LlmAnalyzer } from '../../../../src/core/analyze/llm/llmAnalyzer.js';
import { LlmError } from '../../../../src/core/analyze/llm/llmError.js';
import { analyzerInput, goodAnswer, PLANTED_SECRETS, recordingSleep } from './support/evidenceFixture.js';
import { startProviderServer, type RecordedRequest, type ScriptedResponse } from './support/providerServer.js';

const KEY = 'test-key-not-real-0123456789';

interface ProviderWire {
  name: string;
  model: string;
  create(url: string): LlmClient;
  assertRequest(request: RecordedRequest): void;
  ok(text: string): ScriptedResponse;
  unauthorized: ScriptedResponse;
  rateLimited: ScriptedResponse;
  serverError: ScriptedResponse;
  contextTooLong: ScriptedResponse;
}

const providers: ProviderWire[] = [
  {
    name: 'anthropic',
    model: DEFAULT_ANTHROPIC_MODEL,
    // Base URL through the SDK's own variable, as a user behind a gateway would set it.
    create: (url) => createAnthropicClient({ apiKey: KEY, env: { ANTHROPIC_BASE_URL: url } }),
    assertRequest(request) {
      assert.equal(request.method, 'POST');
      assert.equal(request.path, '/v1/messages');
      // @anthropic-ai/sdk 1.x sends the API key as a bearer token.
      assert.equal(request.headers.authorization, `Bearer ${KEY}`);
      assert.ok(request.headers['anthropic-version']);
      const body = JSON.parse(request.body);
      assert.equal(body.model, DEFAULT_ANTHROPIC_MODEL);
      assert.match(body.system, /Answer with one JSON object/);
      assert.equal(body.messages[0].role, 'user');
    },
    ok: (text) => ({
      status: 200,
      body: {
        id: 'msg_01',
        type: 'message',
        role: 'assistant',
        model: DEFAULT_ANTHROPIC_MODEL,
        content: [{ type: 'text', text }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 2000, output_tokens: 150 },
      },
    }),
    unauthorized: { status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } },
    rateLimited: {
      status: 429,
      headers: { 'retry-after': '2' },
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your rate limit' } },
    },
    serverError: { status: 500, body: { type: 'error', error: { type: 'api_error', message: 'Internal server error' } } },
    contextTooLong: {
      status: 400,
      body: { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 212000 tokens > 200000 maximum' } },
    },
  },
  {
    name: 'openai',
    model: DEFAULT_OPENAI_MODEL,
    // Base URL through the option (the setting), which wins over OPENAI_BASE_URL.
    create: (url) => createOpenAiClient({ apiKey: KEY, baseUrl: `${url}/v1`, env: { OPENAI_BASE_URL: 'http://127.0.0.1:9/nowhere' } }),
    assertRequest(request) {
      assert.equal(request.method, 'POST');
      assert.equal(request.path, '/v1/chat/completions');
      assert.equal(request.headers.authorization, `Bearer ${KEY}`);
      const body = JSON.parse(request.body);
      assert.equal(body.model, DEFAULT_OPENAI_MODEL);
      assert.deepEqual(body.response_format, { type: 'json_object' });
      assert.equal(body.messages[0].role, 'system');
      assert.equal(body.messages[1].role, 'user');
    },
    ok: (text) => ({
      status: 200,
      body: {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1767225600,
        model: DEFAULT_OPENAI_MODEL,
        choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: 2000, completion_tokens: 150, total_tokens: 2150 },
      },
    }),
    unauthorized: {
      status: 401,
      body: { error: { message: 'Incorrect API key provided: test-key***.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } },
    },
    rateLimited: {
      status: 429,
      headers: { 'retry-after': '2' },
      body: { error: { message: 'Rate limit reached for requests', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
    },
    serverError: { status: 500, body: { error: { message: 'The server had an error', type: 'server_error', param: null, code: null } } },
    contextTooLong: {
      status: 400,
      body: {
        error: {
          message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 212000 tokens.",
          type: 'invalid_request_error',
          param: 'messages',
          code: 'context_length_exceeded',
        },
      },
    },
  },
  {
    name: 'gemini',
    model: DEFAULT_GEMINI_MODEL,
    create: (url) => createGeminiClient({ apiKey: KEY, env: { GOOGLE_GEMINI_BASE_URL: url } }),
    assertRequest(request) {
      assert.equal(request.method, 'POST');
      assert.equal(request.path.split('?')[0], `/v1beta/models/${DEFAULT_GEMINI_MODEL}:generateContent`);
      assert.equal(request.headers['x-goog-api-key'], KEY);
      const body = JSON.parse(request.body);
      assert.match(JSON.stringify(body.systemInstruction), /Answer with one JSON object/);
      assert.equal(body.generationConfig.responseMimeType, 'application/json');
      assert.equal(body.contents[0].role, 'user');
    },
    ok: (text) => ({
      status: 200,
      body: {
        candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 2000, candidatesTokenCount: 150, totalTokenCount: 2150 },
        modelVersion: DEFAULT_GEMINI_MODEL,
      },
    }),
    unauthorized: {
      status: 403,
      body: { error: { code: 403, message: 'Method doesn\'t allow unregistered callers. Please use API Key.', status: 'PERMISSION_DENIED' } },
    },
    rateLimited: {
      status: 429,
      body: {
        error: {
          code: 429,
          message: 'You exceeded your current quota.',
          status: 'RESOURCE_EXHAUSTED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' }],
        },
      },
    },
    serverError: { status: 500, body: { error: { code: 500, message: 'An internal error has occurred.', status: 'INTERNAL' } } },
    contextTooLong: {
      status: 400,
      body: {
        error: {
          code: 400,
          message: 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
          status: 'INVALID_ARGUMENT',
        },
      },
    },
  },
];

function analyzerFor(client: LlmClient, sleep = recordingSleep().sleep) {
  return new LlmAnalyzer({ client, redact: redactSecrets, sleep, retryPolicy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 5_000 } });
}

for (const provider of providers) {
  test(`${provider.name}: the real SDK sends model, key and a redacted prompt; a good answer becomes grounded learnings`, async () => {
    const server = await startProviderServer([provider.ok(goodAnswer())]);
    try {
      const result = await analyzerFor(provider.create(server.url)).analyze(analyzerInput());
      assert.equal(server.requests.length, 1);
      provider.assertRequest(server.requests[0]);
      for (const secret of PLANTED_SECRETS) assert.ok(!server.requests[0].body.includes(secret), 'planted secret sent');
      assert.match(server.requests[0].body, /REDACTED/);
      assert.equal(result.report.backend, provider.name);
      assert.equal(result.report.model, provider.model);
      assert.equal(result.report.tokensSent, 2000);
      assert.equal(result.report.tokensReceived, 150);
      assert.deepEqual(
        result.learnings.map((learning) => [learning.category, learning.target, learning.source]),
        [
          ['file_path', 'context', 'llm'],
          ['environment', 'context', 'llm'],
          ['permission', 'memory', 'llm'],
        ],
      );
      assert.equal(result.learnings[0].replaces, 'Money helpers live in `src/utils/`.');
      assert.deepEqual(result.learnings[0].findingIds, ['file_path:src/utils/money.ts']);
      assert.equal(result.learnings[0].evidence.length, 2);
      assert.ok(result.report.notes.some((note) => /Redacted 2 secrets/.test(note)), result.report.notes.join('\n'));
    } finally {
      await server.close();
    }
  });

  test(`${provider.name}: invalid JSON is answered once more with the validation error`, async () => {
    const server = await startProviderServer([provider.ok('Here are the rules: {"rules": [ {"category": "nope"'), provider.ok(goodAnswer())]);
    try {
      const result = await analyzerFor(provider.create(server.url)).analyze(analyzerInput());
      assert.equal(server.requests.length, 2);
      assert.match(server.requests[1].body, /That answer cannot be used/);
      assert.match(server.requests[1].body, /Here are the rules/);
      assert.equal(result.learnings.length, 3);
      assert.equal(result.report.tokensSent, 4000);
      assert.ok(result.report.notes.some((note) => note.includes('asked once more')));
    } finally {
      await server.close();
    }
  });

  test(`${provider.name}: two unusable answers fail as bad_answer, not as "no rules"`, async () => {
    const server = await startProviderServer([provider.ok('no json here')]);
    try {
      await assert.rejects(analyzerFor(provider.create(server.url)).analyze(analyzerInput()), (error: unknown) => {
        assert.ok(error instanceof LlmError);
        assert.equal(error.kind, 'bad_answer');
        return true;
      });
      assert.equal(server.requests.length, 2);
    } finally {
      await server.close();
    }
  });

  test(`${provider.name}: a refused key fails at once as auth with the provider's message`, async () => {
    const server = await startProviderServer([provider.unauthorized]);
    try {
      await assert.rejects(analyzerFor(provider.create(server.url)).analyze(analyzerInput()), (error: unknown) => {
        assert.ok(error instanceof LlmError);
        assert.equal(error.kind, 'auth');
        assert.match(error.message, /key|API Key/i);
        return true;
      });
      assert.equal(server.requests.length, 1);
    } finally {
      await server.close();
    }
  });

  test(`${provider.name}: 429 waits as long as the server asks, then retries`, async () => {
    const server = await startProviderServer([provider.rateLimited, provider.ok(goodAnswer())]);
    const clock = recordingSleep();
    try {
      const result = await analyzerFor(provider.create(server.url), clock.sleep).analyze(analyzerInput());
      assert.deepEqual(clock.waits, [2000]);
      assert.equal(server.requests.length, 2);
      assert.equal(result.learnings.length, 3);
    } finally {
      await server.close();
    }
  });

  test(`${provider.name}: 500 is retried with backoff, then reported as a server failure`, async () => {
    const server = await startProviderServer([provider.serverError]);
    const clock = recordingSleep();
    try {
      await assert.rejects(analyzerFor(provider.create(server.url), clock.sleep).analyze(analyzerInput()), (error: unknown) => {
        assert.ok(error instanceof LlmError);
        assert.equal(error.kind, 'server');
        assert.equal(error.status, 500);
        return true;
      });
      assert.equal(server.requests.length, 3);
      assert.deepEqual(clock.waits, [10, 20]);
    } finally {
      await server.close();
    }
  });

  test(`${provider.name}: a context-length error is retried once with half the budget`, async () => {
    const server = await startProviderServer([provider.contextTooLong, provider.ok(goodAnswer())]);
    try {
      const analyzer = new LlmAnalyzer({ client: provider.create(server.url), redact: redactSecrets, tokenBudget: 1_600 });
      const result = await analyzer.analyze(analyzerInput());
      assert.equal(server.requests.length, 2);
      assert.ok(server.requests[1].body.length < server.requests[0].body.length, 'second prompt is not smaller');
      assert.match(server.requests[0].body, /3 of 3 findings/);
      assert.match(server.requests[1].body, /2 of 3 findings/);
      assert.ok(result.report.notes.some((note) => note.includes('half the budget (800 tokens)')), result.report.notes.join('\n'));
    } finally {
      await server.close();
    }
  });

  test(`${provider.name}: an unreachable endpoint is a network failure`, async () => {
    const server = await startProviderServer([provider.ok(goodAnswer())]);
    const url = server.url;
    await server.close();
    const analyzer = new LlmAnalyzer({
      client: provider.create(url),
      redact: redactSecrets,
      retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    await assert.rejects(analyzer.analyze(analyzerInput()), (error: unknown) => {
      assert.ok(error instanceof LlmError);
      assert.equal(error.kind, 'network');
      return true;
    });
  });
}
