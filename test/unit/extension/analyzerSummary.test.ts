import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortAnalyzerName, summariseAnalyzers } from '../../../src/extension/review/analyzerSummary.js';
import { summariseRun } from '../../../src/extension/stats/runStats.js';

const fallback = { backend: 'offline', reason: 'offline, because openai failed: 401 Unauthorized (the stored key was rejected); choose a backend with Headroom: Select Model' };
const openai = { backend: 'openai', model: 'gpt-4o-mini', reason: 'openai (gpt-4o-mini), because a key is stored with Headroom: Set API Key' };

test('the review view names the analyzer in a few words; the reason stays whole for tooltips and the dashboard', () => {
  assert.equal(shortAnalyzerName(fallback), 'offline');
  assert.equal(shortAnalyzerName(openai), 'openai (gpt-4o-mini)');
  assert.equal(shortAnalyzerName({ backend: 'offline', model: 'offline' }), 'offline');
  const { names, reasons } = summariseAnalyzers([fallback, openai, fallback]);
  assert.deepEqual(names, ['offline', 'openai (gpt-4o-mini)']);
  assert.deepEqual(reasons, [fallback.reason, openai.reason]);
  assert.deepEqual(summariseAnalyzers([{ backend: 'claude-cli', reason: '' }]).reasons, ['claude-cli']);
});

test('the stats snapshot carries each analyzer with its full reason', () => {
  const waste = { preventableCalls: 0, preventableOutputBytes: 0, preventableOutputTokens: 0, failedCalls: 0, failedOutputBytes: 0, failedOutputTokens: 0 };
  const project = (projectPath: string, analyzer?: typeof openai | typeof fallback) => ({ projectPath, agents: [], corrections: [], findings: [], learnings: [], waste, analyzer });
  assert.deepEqual(summariseRun([project('/a', fallback), project('/b', fallback), project('/c')]).analyzers, [fallback.reason]);
  assert.deepEqual(summariseRun([]).analyzers, []);
});
