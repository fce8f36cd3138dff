// The model's replies kept by request (src/core/analyze/llm/answerCachingClient.ts): a second Learn on the same
// evidence gets the same rules without a model call, says so, and spends no tokens; other evidence asks again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LlmClient, LlmRequest } from '../../../../src/core/analyze/llm/llmClient.js';
import { LlmAnalyzer } from '../../../../src/core/analyze/llm/llmAnalyzer.js';
import { answerCachingClient } from '../../../../src/core/analyze/llm/answerCachingClient.js';
import { LlmError } from '../../../../src/core/analyze/llm/llmError.js';
import { ProjectResultCache } from '../../../../src/core/scan/cache/projectResultCache.js';
import { redactSecrets } from '../../../../src/core/redact/redactSecrets.js';
import { analyzerInput } from './support/evidenceFixture.js';

const ANSWER = JSON.stringify({ rules: [{ category: 'file_path', target: 'context', text: 'Use `src/lib/money.ts`.', evidenceIds: ['E2'] }] });

function scriptedModel(): { client: LlmClient; requests: LlmRequest[]; fail: { next: boolean } } {
  const requests: LlmRequest[] = [];
  const fail = { next: false };
  const client: LlmClient = {
    backend: 'scripted',
    model: 'model-1',
    complete: async (request) => {
      requests.push(request);
      if (fail.next) {
        fail.next = false;
        throw new LlmError('network', 'the network is down', { backend: 'scripted' });
      }
      return { text: ANSWER, inputTokens: 1200, outputTokens: 40 };
    },
  };
  return { client, requests, fail };
}

function analyzerWith(client: LlmClient, root: string): LlmAnalyzer {
  return new LlmAnalyzer({ client: answerCachingClient(client, new ProjectResultCache(root)), redact: redactSecrets, reason: 'test', retryPolicy: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 } });
}

test('the same evidence twice: one model call, the same rules, no tokens counted the second time, and a note saying why', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'answers-'));
  const model = scriptedModel();
  const first = await analyzerWith(model.client, root).analyze(analyzerInput());
  const second = await analyzerWith(model.client, root).analyze(analyzerInput());
  assert.equal(model.requests.length, 1, 'the model was asked once');
  assert.deepEqual(second.learnings, first.learnings);
  assert.equal(first.report.tokensSent, 1200);
  assert.equal(second.report.tokensSent, 0);
  assert.ok(second.report.notes.some((note) => /reused from the cache, without asking the model again/.test(note)));
  assert.ok(!first.report.notes.some((note) => /reused from the cache/.test(note)));

  const other = analyzerInput();
  other.findings = other.findings.slice(1);
  await analyzerWith(model.client, root).analyze(other);
  assert.equal(model.requests.length, 2, 'other evidence is another request');
  const otherModel: LlmClient = { ...model.client, model: 'model-2' };
  await analyzerWith(otherModel, root).analyze(analyzerInput());
  assert.equal(model.requests.length, 3, 'another model is asked itself');
});

test('a failure is never kept: the next Learn asks the model again', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'answers-'));
  const model = scriptedModel();
  model.fail.next = true;
  await assert.rejects(analyzerWith(model.client, root).analyze(analyzerInput()), /network is down/);
  const again = await analyzerWith(model.client, root).analyze(analyzerInput());
  assert.equal(model.requests.length, 2);
  assert.equal(again.learnings.length, 1);
});
