// The CLI and the extension's scan worker learn the same project to the same proposals: both run core
// learnProject (the worker in a real worker thread, as the extension starts it), and the host-analyzer split
// (findFindings in the worker, analyzeAndPlan in the host) gives the same result as running both stages at once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { createDefaultRegistry } from '../../../src/core/agents/builtins.js';
import { processEnvironment } from '../../../src/core/agents/environment.js';
import { OfflineAnalyzer } from '../../../src/core/analyze/offline/offlineAnalyzer.js';
import { diskProjectFiles } from '../../../src/core/correlate/projectFiles.js';
import { analyzeAndPlan } from '../../../src/core/pipeline/analyzeAndPlan.js';
import type { AgentProposal } from '../../../src/core/pipeline/learnProposals.js';
import { learnProject } from '../../../src/core/pipeline/learnProject.js';
import { readTextFile } from '../../../src/core/pipeline/readTextFile.js';
import { toProposalJson, type LearnJson } from '../../../src/cli/learnJson.js';
import { runLearnInWorker, type WorkerOutcome } from '../../../src/extension/learn/runInWorker.js';
import type { AnalyzerOptions, LearnRequest } from '../../../src/extension/learn/workerProtocol.js';
import { demoFixture, REPO, runCli, safeEnv, tempDir, type DemoFixture } from '../cli/cliHarness.js';

/** dist/scanWorker.js as esbuild.mjs builds it, from the current source, into a temp folder (dist/ is left alone). */
async function buildWorker(): Promise<string> {
  const outfile = path.join(tempDir('learn-worker-bundle-'), 'scanWorker.js');
  await esbuild.build({
    entryPoints: [path.join(REPO, 'src', 'extension', 'learn', 'scanWorker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  return outfile;
}

const savedEnv = { ...process.env };
after(() => {
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

/** The worker inherits this process's environment (runInWorker passes process.env), as in the extension host. */
function useHome(env: Record<string, string>): void {
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, env);
}

const neverCancelled = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

async function runWorker(workerScript: string, fx: DemoFixture, analyzer: AnalyzerOptions, agents: LearnRequest['agents'] = 'auto'): Promise<WorkerOutcome> {
  const request: LearnRequest = { type: 'learn', scope: { kind: 'project', projectPath: fx.project }, agents, analyzer, memoryFile: 'auto' };
  return runLearnInWorker(request, { workerScript, token: neverCancelled as never, onProgress: () => {} });
}

function learned(outcome: WorkerOutcome) {
  assert.equal(outcome.stage, 'learned');
  assert.equal(outcome.projects.length, 1);
  return outcome.projects[0]!;
}

/** What the review and the writer take from a proposal: the file, its readers, the planned text. */
const planned = (proposals: readonly AgentProposal[]) =>
  proposals.map((p) => ({ path: p.path, agents: p.agents, changed: p.changed, currentText: p.currentText, proposedSection: p.proposedSection, proposedText: p.proposedText }));

let fixture: Promise<{ fx: DemoFixture; worker: string; env: Record<string, string> }> | undefined;
function setUp() {
  fixture ??= (async () => {
    const fx = await demoFixture();
    return { fx, worker: await buildWorker(), env: safeEnv(fx.home) };
  })();
  return fixture;
}

test('the CLI (--json) and the scan worker propose the same files, texts and rules on the demo home', async () => {
  const { fx, worker, env } = await setUp();
  const cli = await runCli(['--project', fx.project, '--json'], env);
  assert.equal(cli.code, 0, cli.err);
  const json = JSON.parse(cli.out) as LearnJson;
  useHome(env);
  const project = learned(await runWorker(worker, fx, { model: 'offline' }));

  // As the CLI prints them (JSON drops the keys whose value is undefined).
  assert.deepEqual(JSON.parse(JSON.stringify(project.proposals.map(toProposalJson))), json.proposals);
  assert.deepEqual(project.learnings.map((l) => l.text), json.rules.map((r) => r.text));
  // Every agent with sessions gets its files; AGENTS.md (Codex) is planned once.
  assert.deepEqual(
    project.proposals.map((p) => [path.basename(p.path), p.agents.map((a) => a.name).join('+'), p.changed]),
    [
      ['CLAUDE.md', 'claude', true],
      ['MEMORY.md', 'claude', true],
      ['AGENTS.md', 'codex', true],
      ['instructions.md', 'codex', true],
      ['GEMINI.md', 'gemini', true],
    ],
  );
  // The same core run the CLI makes, compared whole: readers, sections and texts byte for byte.
  const direct = await learnProject({ projectPath: fx.project, plugins: createDefaultRegistry().all(), environment: processEnvironment(env), targetOptions: { memoryFile: 'auto' } });
  assert.deepEqual(planned(project.proposals), planned(direct.proposals));
  assert.deepEqual(project.learnings, direct.learnings);
  assert.deepEqual(project.existingRules, direct.existingRules);
});

test('the comparison notices a front end that leaves an agent out', async () => {
  const { fx, worker, env } = await setUp();
  useHome(env);
  const all = learned(await runWorker(worker, fx, { model: 'offline' }));
  const claudeOnly = learned(await runWorker(worker, fx, { model: 'offline' }, ['claude']));
  assert.notDeepEqual(planned(claudeOnly.proposals), planned(all.proposals));
  assert.deepEqual(claudeOnly.agentTargets.map((a) => a.agent), ['claude']);
});

test('host analyzer: findings from the worker, analyzeAndPlan in the host, give the same proposals and rules', async () => {
  const { fx, worker, env } = await setUp();
  useHome(env);
  const whole = learned(await runWorker(worker, fx, { model: 'offline' }));
  const outcome = await runWorker(worker, fx, { deferToHost: { backend: 'offline', reason: 'test: the host analyses' } });
  assert.equal(outcome.stage, 'found');
  const [found] = outcome.projects;
  assert.ok(found);
  assert.equal('learnings' in found, false, 'the worker ran no analyzer');
  const analysis = await analyzeAndPlan(found, { analyzer: new OfflineAnalyzer(), readFile: readTextFile, pathExists: diskProjectFiles(fx.project).exists });
  assert.deepEqual(planned(analysis.proposals), planned(whole.proposals));
  assert.deepEqual(analysis.learnings, whole.learnings);
  const findings = Object.fromEntries(Object.entries(whole).filter(([key]) => !['learnings', 'analyzer', 'proposals', 'analyzerFailure'].includes(key)));
  assert.deepEqual(found, findings);
});
