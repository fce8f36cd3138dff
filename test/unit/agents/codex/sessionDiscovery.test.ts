/** Which Codex sessions belong to which project, on the fixture home test/fixtures/codex/home. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CodexPlugin } from '../../../../src/core/agents/codex/CodexPlugin.js';
import type { AgentEnvironment } from '../../../../src/core/agents/plugin.js';
import { createDefaultRegistry } from '../../../../src/core/agents/builtins.js';

const HOME = path.resolve(__dirname, '../../../fixtures/codex/home');
const CODEX = path.join(HOME, '.codex');
const environment: AgentEnvironment = { home: HOME, env: {} };
const plugin = new CodexPlugin();

function collect(): { warn: (m: string) => void; warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (m) => warnings.push(m) };
}
const names = (files: Array<{ path: string }>): string[] => files.map((f) => path.basename(f.path)).sort();

test('the codex plugin is registered between claude and gemini', () => {
  const registered = createDefaultRegistry().names();
  assert.ok(registered.includes('codex'));
  const builtins: string[] = registered.filter((name) => name === 'claude' || name === 'gemini' || name === 'codex');
  const expected: string[] = ['claude', 'codex', 'gemini'];
  assert.deepEqual(builtins, expected.filter((name) => builtins.includes(name)));
});

test('root is $CODEX_HOME when set, else <home>/.codex; detect() needs the folder', async () => {
  assert.equal(await plugin.detect(environment), true);
  assert.equal(await plugin.detect({ home: '/nonexistent-home', env: {} }), false);
  assert.equal(await plugin.detect({ home: '/nonexistent-home', env: { CODEX_HOME: CODEX } }), true);
  const viaEnv = await plugin.findSessions('/work/a/proj', { home: '/nonexistent-home', env: { CODEX_HOME: CODEX } }, collect());
  assert.equal(viaEnv.length, 5);
});

test('a project gets the sessions started in it or in a subfolder, from sessions/ and archived_sessions/, not its sibling with a common prefix', async () => {
  const reporter = collect();
  const files = await plugin.findSessions('/work/a/proj', environment, reporter);
  assert.deepEqual(names(files), [
    'rollout-2025-05-02-6a2d8e2f-3c8b-4d2f-8e4a-1b2c3d4e5f60.json', // legacy with an environment_context cwd
    'rollout-2025-09-01T07-00-00-01990000-9999-7aaa-8bbb-000000000009.jsonl', // archived_sessions/
    'rollout-2025-10-02T14-00-00-0199a0b0-5555-7eee-8fff-000000000005.jsonl', // cwd /work/a/proj/packages/web
    'rollout-2025-10-03T08-00-00-0199a5c0-6666-7aaa-8bbb-000000000006.jsonl', // its fork
    'rollout-2026-01-15T11-00-00-019b0000-7777-7ccc-8ddd-000000000007.jsonl',
  ]);
  assert.ok(files.every((f) => f.projectPath === '/work/a/proj' && f.agent === 'codex' && !f.subagent));
  assert.equal(files.find((f) => f.path.includes('000000000007'))?.sessionId, '019b0000-7777-7ccc-8ddd-000000000007');
  assert.deepEqual(reporter.warnings, []);
  // /work/a/proj-2 has its own session (early flat layout, headerless header with cwd) and only that one.
  assert.deepEqual(names(await plugin.findSessions('/work/a/proj-2', environment, collect())), ['rollout-2025-05-20T10-00-00-0196f0a1-1111-7aaa-8bbb-000000000003.jsonl']);
  // The subfolder itself gets only what started inside it.
  assert.equal((await plugin.findSessions('/work/a/proj/packages/web/', environment, collect())).length, 2);
  assert.equal((await plugin.findSessions('/work/a', environment, collect())).length, 6);
});

test('paths with dots, spaces and underscores, and Windows paths in any case or slash style, match', async () => {
  assert.deepEqual(names(await plugin.findSessions('/home/dev/my.project v2_x', environment, collect())), ['rollout-2025-06-10T09-00-00-0197a1b2-2222-7ccc-8ddd-000000000004.jsonl']);
  assert.equal((await plugin.findSessions('/home/dev/my-project v2_x', environment, collect())).length, 0);
  for (const project of ['C:\\Users\\dev\\Win Proj', 'c:/users/DEV/win proj/', 'C:\\Users\\dev']) {
    assert.deepEqual(names(await plugin.findSessions(project, environment, collect())), ['rollout-2026-02-01T12-00-00-019b1000-8888-7eee-8fff-000000000008.jsonl'], project);
  }
  assert.equal((await plugin.findSessions('C:\\Users\\dev\\Win Project', environment, collect())).length, 0);
});

test('--all groups sessions by the cwd they started in and reports the legacy session that records none', async () => {
  const reporter = collect();
  const projects = await plugin.listProjects(environment, reporter);
  const grouped = Object.fromEntries(projects.map((p) => [p.projectPath, names(p.sessions).length]));
  assert.deepEqual(grouped, {
    '/home/dev/my.project v2_x': 1,
    '/work/a/proj/packages/web': 2,
    '/work/a/proj': 3,
    'C:\\Users\\dev\\Win Proj': 1,
    '/work/a/proj-2': 1,
  });
  assert.equal(reporter.warnings.length, 1);
  assert.match(reporter.warnings[0], /^1 Codex session records no working directory.*rollout-2025-04-20-5f1c7d1e-2b7a-4c1e-9d3f-0a1b2c3d4e5f\.json\.$/);
});

test('targets: AGENTS.md in the project, and the shared instructions.md in the Codex root', () => {
  assert.deepEqual(plugin.targets('/work/a/proj', { home: HOME, env: { CODEX_HOME: '/opt/codex' } }), [
    { kind: 'context', path: '/work/a/proj/AGENTS.md', scope: 'project' },
    { kind: 'memory', path: '/opt/codex/instructions.md', scope: 'shared', root: '/opt/codex' },
  ]);
  assert.equal(plugin.targets('/p', environment)[1].path, path.join(CODEX, 'instructions.md'));
});
