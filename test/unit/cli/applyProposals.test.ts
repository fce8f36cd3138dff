import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createDefaultRegistry } from '../../../src/core/agents/builtins.js';
import { processEnvironment } from '../../../src/core/agents/environment.js';
import { OfflineAnalyzer } from '../../../src/core/analyze/offline/offlineAnalyzer.js';
import { applyProposals } from '../../../src/cli/applyProposals.js';
import { learnProject } from '../../../src/core/pipeline/learnProject.js';
import { demoFixture, safeEnv } from './cliHarness.js';

test('a file changed between plan and write is refused with one line; the other files are still written', async () => {
  const fx = await demoFixture();
  const environment = processEnvironment(safeEnv(fx.home));
  const outcome = await learnProject({
    projectPath: fx.project,
    plugins: createDefaultRegistry().all(),
    environment,
    analyzer: new OfflineAnalyzer(),
    targetOptions: { memoryFile: 'auto' },
  });
  assert.equal(outcome.proposals.filter((p) => p.changed).length, 5);
  const agentsMd = path.join(fx.project, 'AGENTS.md');
  fs.writeFileSync(agentsMd, '# written by the user after the plan\n');
  const result = await applyProposals(outcome.proposals);
  assert.equal(result.blocked, false);
  assert.deepEqual(result.errors, [`${agentsMd} changed since it was read; nothing was written to it. Run the command again to see the new diff.`]);
  assert.deepEqual(
    result.written.map((f) => path.basename(f)),
    ['CLAUDE.md', 'MEMORY.md', 'instructions.md', 'GEMINI.md'],
  );
  assert.equal(fs.readFileSync(agentsMd, 'utf8'), '# written by the user after the plan\n');
  for (const p of outcome.proposals.filter((p) => p.path !== agentsMd)) assert.equal(fs.readFileSync(p.path, 'utf8'), p.proposedText);
});

test('a file deleted or created between plan and write is refused too', async () => {
  const fx = await demoFixture();
  const environment = processEnvironment(safeEnv(fx.home));
  const plan = () =>
    learnProject({ projectPath: fx.project, plugins: createDefaultRegistry().all(), environment, analyzer: new OfflineAnalyzer(), targetOptions: { memoryFile: 'project' } });
  const first = await plan();
  const claudeMd = path.join(fx.project, 'CLAUDE.md');
  fs.writeFileSync(claudeMd, 'created meanwhile\n');
  const created = await applyProposals(first.proposals);
  assert.equal(created.errors.length, 1);
  assert.match(created.errors[0], /CLAUDE\.md changed since it was read/);

  const second = await plan();
  fs.rmSync(claudeMd);
  const deleted = await applyProposals(second.proposals);
  assert.equal(deleted.errors.length, 1);
  assert.match(deleted.errors[0], /CLAUDE\.md changed since it was read/);
  assert.ok(!fs.existsSync(claudeMd));
});

test('broken markers in one file block every write of the project', async () => {
  const fx = await demoFixture();
  fs.writeFileSync(path.join(fx.project, 'GEMINI.md'), '<!-- headroom:learn:end -->\n');
  const outcome = await learnProject({
    projectPath: fx.project,
    plugins: createDefaultRegistry().all(),
    environment: processEnvironment(safeEnv(fx.home)),
    analyzer: new OfflineAnalyzer(),
    targetOptions: { memoryFile: 'auto' },
  });
  const result = await applyProposals(outcome.proposals);
  assert.deepEqual(result, { written: [], errors: [], blocked: true });
  assert.ok(!fs.existsSync(path.join(fx.project, 'CLAUDE.md')));
});
