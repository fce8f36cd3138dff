import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { learnProject } from '../../../src/core/pipeline/learnProject.js';
import { scanProject } from '../../../src/core/scan/scanProject.js';
import type { AgentPlugin } from '../../../src/core/agents/plugin.js';
import { summariseRun, formatBytes } from '../../../src/extension/stats/runStats.js';
import { prescannedPlugin } from '../../../src/extension/api/prescannedPlugin.js';

const fixture = path.resolve(__dirname, '../../host/fixtures/fake-agent-extension/fakeAgentPlugin.js');
const { createFakeAgentPlugin } = createRequire(__filename)(fixture) as { createFakeAgentPlugin: () => AgentPlugin };

function projectWithSample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-stats-'));
  fs.writeFileSync(path.join(dir, 'sample.txt'), 'sample text\n');
  return dir;
}

const environment = { home: os.tmpdir(), env: {} };
const reporter = { warn: () => {} };

test('the dashboard figures of a run: totals, rate, kinds, tools, corrections and the CLI waste figure', async () => {
  const result = await learnProject({ projectPath: projectWithSample(), plugins: [createFakeAgentPlugin()], environment });
  const snapshot = summariseRun([result], new Date('2025-03-01T00:00:00Z'));
  assert.equal(snapshot.sessions, 2);
  assert.equal(snapshot.toolCalls, 8);
  assert.equal(snapshot.failed, 4);
  assert.equal(snapshot.failureRate, 0.5);
  assert.deepEqual(snapshot.failuresByKind, [
    { label: 'file_not_found', count: 2 },
    { label: 'module_not_found', count: 2 },
  ]);
  assert.deepEqual(snapshot.failuresByTool, [
    { label: 'Bash', count: 2 },
    { label: 'Read', count: 2 },
  ]);
  assert.equal(snapshot.corrections, result.corrections.length);
  assert.equal(snapshot.learnings, result.learnings.length);
  // Same figure as the CLI summary's "Estimated preventable waste".
  assert.equal(snapshot.waste.preventableOutputBytes, result.waste.preventableOutputBytes);
  assert.equal(snapshot.waste.preventableOutputTokens, result.waste.preventableOutputTokens);
  assert.deepEqual(snapshot.agents, [{ name: 'fake-agent', displayName: 'Fake Agent', sessions: 2, toolCalls: 8, failed: 4 }]);
  assert.equal(snapshot.finishedAt, '2025-03-01T00:00:00.000Z');
});

test('several projects are summed, and an empty run has a zero failure rate', () => {
  const empty = summariseRun([]);
  assert.equal(empty.failureRate, 0);
  assert.equal(empty.toolCalls, 0);
  assert.deepEqual(empty.failuresByKind, []);
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(2048), '2.0 KB');
});

test('a pre-scanned agent (scanned in the host, replayed in the worker) learns exactly what scanning it directly does', async () => {
  const projectPath = projectWithSample();
  const plugin = createFakeAgentPlugin();
  const direct = await learnProject({ projectPath, plugins: [plugin], environment });
  const [scan] = await scanProject([plugin], projectPath, { environment, reporter });
  const replayed = prescannedPlugin({ scan: structuredClone(scan!), targets: plugin.targets(projectPath, environment) });
  const viaHost = await learnProject({ projectPath, plugins: [replayed], environment });
  assert.deepEqual(viaHost.learnings, direct.learnings);
  assert.deepEqual(viaHost.waste, direct.waste);
  assert.deepEqual(replayed.targets(projectPath, environment), [{ kind: 'context', path: path.join(projectPath, 'FAKE_AGENT.md'), scope: 'project' }]);
});
