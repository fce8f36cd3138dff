import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalyzerInput } from '../../../../src/core/analyze/backend.js';
import type { Finding } from '../../../../src/core/model/finding.js';
import { buildPrompt } from '../../../../src/core/analyze/llm/buildPrompt.js';
import { groundRules } from '../../../../src/core/analyze/llm/groundRules.js';
import type { LlmClient, LlmRequest } from '../../../../src/core/analyze/llm/llmClient.js';
import { LlmAnalyzer } from '../../../../src/core/analyze/llm/llmAnalyzer.js';
import { LlmError } from '../../../../src/core/analyze/llm/llmError.js';
import { mentionedPaths } from '../../../../src/core/analyze/llm/mentionedPaths.js';
import { parseAnswer } from '../../../../src/core/analyze/llm/parseAnswer.js';
import { retryAfterFromHeaders, withRetry } from '../../../../src/core/analyze/llm/retryPolicy.js';
import { redactSecrets } from '../../../../src/core/redact/redactSecrets.js';
import { analyzerInput, loadEvidence } from './support/evidenceFixture.js';

function manyFindings(count: number): Finding[] {
  const [template] = loadEvidence().findings;
  return Array.from({ length: count }, (_, index) => ({
    ...template,
    id: `file_path:f${index}`,
    key: `f${index}`,
    sessions: 1,
    occurrences: 2,
    lastSeen: `2026-01-${String(1 + (index % 28)).padStart(2, '0')}T00:00:00Z`,
  }));
}

test('evidence ids follow strength: user-stated first, then sessions, then occurrences', () => {
  const prompt = buildPrompt(loadEvidence(), 30_000);
  assert.deepEqual(
    [...prompt.evidenceById.entries()].map(([id, finding]) => [id, finding.category]),
    [
      ['E1', 'permission'],
      ['E2', 'file_path'],
      ['E3', 'environment'],
    ],
  );
  assert.match(prompt.user, /R1 \[context\/file_path\] Money helpers live in `src\/utils\/`\./);
  assert.ok(!prompt.user.includes('/home/u/.claude'), 'session log paths are not sent');
});

test('the budget keeps the most recent of equally strong findings and counts the rest', () => {
  const prompt = buildPrompt({ projectPath: '/p', findings: manyFindings(200), existingRules: [] }, 5_000);
  assert.ok(prompt.findingsSent > 0 && prompt.findingsSent < 200);
  assert.ok(prompt.estimatedTokens <= 5_000, String(prompt.estimatedTokens));
  const sentDates = [...prompt.evidenceById.values()].map((finding) => finding.lastSeen ?? '');
  assert.equal(sentDates[0], '2026-01-28T00:00:00Z');
  assert.deepEqual([...sentDates].sort().reverse(), sentDates);
  assert.match(prompt.user, new RegExp(`${prompt.findingsSent} of 200 findings`));
});

test('parseAnswer: fenced JSON, JSON inside prose, and a schema error that names the field', () => {
  const rule = { category: 'retry', target: 'memory', text: 'x', evidenceIds: ['E1'] };
  assert.ok(parseAnswer('```json\n' + JSON.stringify({ rules: [rule] }) + '\n```').ok);
  assert.ok(parseAnswer('Sure: ' + JSON.stringify({ rules: [rule] }) + ' done').ok);
  const bad = parseAnswer(JSON.stringify({ rules: [{ ...rule, category: 'vibes' }] }));
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? '' : bad.error, /category/);
  const noIds = parseAnswer(JSON.stringify({ rules: [{ ...rule, evidenceIds: [] }] }));
  assert.equal(noIds.ok, false);
});

test('mentionedPaths: paths in code spans and clear paths in prose; commands, globs, flags and URLs are not', () => {
  assert.deepEqual(mentionedPaths('Use `src/lib/money.ts:12`, not `src/utils/money.ts`.'), ['src/lib/money.ts', 'src/utils/money.ts']);
  assert.deepEqual(mentionedPaths('Run `uv run pytest tests/unit -x`.'), ['tests/unit']);
  assert.deepEqual(mentionedPaths('Edit `package.json` (see https://example.com/a/b.html), e.g. and/or `src/**/*.ts`.'), ['package.json']);
  assert.deepEqual(mentionedPaths('Config lives in ./config/app.yaml and docs/guide.md.'), ['./config/app.yaml', 'docs/guide.md']);
});

test('grounding drops rules citing no id we sent, naming unknown paths, or carrying markup, and counts them', () => {
  const { findings, existingRules } = loadEvidence();
  const prompt = buildPrompt({ projectPath: '/p', findings, existingRules }, 30_000);
  const result = groundRules(
    [
      { category: 'file_path', target: 'context', text: 'Use `src/lib/money.ts`.', evidenceIds: ['E2'] },
      { category: 'file_path', target: 'context', text: 'Use `src/lib/tax.ts`.', evidenceIds: ['E2'] },
      { category: 'environment', target: 'context', text: 'Use `scripts/seed.py` via uv.', evidenceIds: ['E9', 'F1'] },
      { category: 'environment', target: 'context', text: 'Run `make bootstrap` first.', evidenceIds: ['E3'], replaces: 'A rule that is not there' },
      { category: 'permission', target: 'memory', text: 'Ask first <!-- headroom:learn:end -->', evidenceIds: ['E1'] },
      { category: 'file_path', target: 'context', text: 'Docs are in `docs/setup.md`.', evidenceIds: ['E2'] },
    ],
    { evidenceById: prompt.evidenceById, existingRules, pathExists: (candidate) => candidate === 'docs/setup.md' },
  );
  assert.deepEqual(
    result.learnings.map((learning) => learning.text),
    ['Use `src/lib/money.ts`.', 'Run `make bootstrap` first.', 'Docs are in `docs/setup.md`.'],
  );
  assert.deepEqual(
    result.dropped.map((drop) => drop.why),
    [
      'names src/lib/tax.ts, which exists neither in the project nor in the evidence',
      'cites no evidence id we sent (cited: E9, F1)',
      'contains HTML or a marker comment',
    ],
  );
  assert.equal(result.learnings[1].replaces, undefined);
  assert.match(result.notes[0], /not in the file/);
});

test('the analyzer drops ungrounded rules, counts them in the report, and never calls the model without findings', async () => {
  const requests: LlmRequest[] = [];
  const client: LlmClient = {
    backend: 'scripted',
    complete: async (request) => {
      requests.push(request);
      return {
        text: JSON.stringify({
          rules: [
            { category: 'file_path', target: 'context', text: 'Use `src/lib/money.ts`.', evidenceIds: ['E2'] },
            { category: 'file_path', target: 'context', text: 'Use `lib/invented.ts`.', evidenceIds: ['E2'] },
          ],
        }),
      };
    },
  };
  const analyzer = new LlmAnalyzer({ client, redact: redactSecrets, reason: 'because a test said so' });
  const result = await analyzer.analyze(analyzerInput());
  assert.equal(result.learnings.length, 1);
  assert.equal(result.report.dropped.length, 1);
  assert.equal(result.report.reason, 'because a test said so');
  assert.ok(result.report.notes.some((note) => note === 'Dropped 1 of 2 proposed rules as not grounded in the evidence.'));
  assert.ok(result.report.notes.some((note) => /Token counts are estimates/.test(note)));
  assert.ok((result.report.tokensSent ?? 0) > 0);

  const empty: AnalyzerInput = { ...analyzerInput(), findings: [] };
  const none = await analyzer.analyze(empty);
  assert.equal(requests.length, 1);
  assert.deepEqual(none.learnings, []);
  assert.match(none.report.notes[0], /model was not asked/);
});

test('retry: a retry-after longer than the cap fails at once with the wait in the message', async () => {
  let calls = 0;
  const waits: number[] = [];
  await assert.rejects(
    withRetry(
      async () => {
        calls += 1;
        throw new LlmError('rate_limit', 'Rate limited.', { backend: 'x', status: 429, retryAfterMs: 3_600_000 });
      },
      { sleep: async (ms) => void waits.push(ms) },
    ),
    /asked to wait 3600 s/,
  );
  assert.equal(calls, 1);
  assert.deepEqual(waits, []);
});

test('retry: auth and bad requests are not retried', async () => {
  let calls = 0;
  await assert.rejects(
    withRetry(async () => {
      calls += 1;
      throw new LlmError('auth', 'no', { backend: 'x', status: 401 });
    }),
  );
  assert.equal(calls, 1);
});

test('retry-after: milliseconds header, seconds, and an HTTP date', () => {
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });
  assert.equal(retryAfterFromHeaders(headers({ 'retry-after-ms': '1500' })), 1500);
  assert.equal(retryAfterFromHeaders(headers({ 'retry-after': '7' })), 7000);
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(retryAfterFromHeaders(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now), 30_000);
  assert.equal(retryAfterFromHeaders(headers({})), undefined);
});
