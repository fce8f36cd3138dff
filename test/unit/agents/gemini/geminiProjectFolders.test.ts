import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { GeminiCliPlugin } from '../../../../src/core/agents/gemini/GeminiCliPlugin.js';
import type { AgentEnvironment } from '../../../../src/core/agents/plugin.js';
import { createDefaultRegistry } from '../../../../src/core/agents/builtins.js';
import { scanProject } from '../../../../src/core/scan/scanProject.js';

const HOME = path.resolve(__dirname, '../../../../test/fixtures/gemini/home');
const TMP = path.join(HOME, '.gemini', 'tmp');
const PROJECT = '/work/my.project_v2 (copy)';
const plugin = new GeminiCliPlugin();

function environment(env: Record<string, string> = {}, home = HOME): AgentEnvironment {
  return { home, env };
}
function collecting() {
  const warnings: string[] = [];
  return { warnings, reporter: { warn: (m: string) => warnings.push(m) } };
}
const relative = (p: string) => path.relative(TMP, p).split(path.sep).join('/');

test('the fixture hash folders really are sha256 of the exact project path strings', () => {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  assert.equal(sha(PROJECT), '48effff039ac1b49fb3619fc63b41ea2292d5df91c82a65e4a611e7a414fb39a');
  assert.equal(sha('/srv/hash only_project'), '39e264f8c2d68778a954d1818b75b455873f33ec12184457ba3328412aed81f4');
});

test('a project with a slug folder (.project_root) and its old sha256 folder: both read, copies and migrated .json left out', async () => {
  const { warnings, reporter } = collecting();
  const files = await plugin.findSessions(PROJECT, environment(), reporter);
  assert.deepEqual(
    files.map((f) => [relative(f.path), f.subagent]),
    [
      ['my-project-v2-copy/chats/5e55a0d1-0000-4000-8000-000000000001/9a9a9a9a-0000-4000-8000-000000000002.jsonl', true],
      // session-2026-02-10T07-00-3c3c3c3c.json is left out: the .jsonl beside it is its migrated continuation.
      ['my-project-v2-copy/chats/session-2026-02-10T07-00-3c3c3c3c.jsonl', false],
      ['my-project-v2-copy/chats/session-2026-03-01T10-00-5e55a0d1.jsonl', false],
      ['my-project-v2-copy/chats/session-2026-03-02T09-30-7c0ffee0.jsonl', false],
      // The sha256 folder's stale copy of session-2026-03-01T10-00-5e55a0d1.jsonl is left out (slug copy wins).
      ['48effff039ac1b49fb3619fc63b41ea2292d5df91c82a65e4a611e7a414fb39a/chats/session-2026-01-05T08-15-1e6ac7d0.json', false],
    ],
  );
  assert.equal(files[0].sessionId, '9a9a9a9a-0000-4000-8000-000000000002');
  assert.ok(files.every((f) => f.agent === 'gemini' && f.projectPath === PROJECT));
  assert.deepEqual(warnings, []);
  const withSlash = await plugin.findSessions(`${PROJECT}/`, environment(), reporter);
  assert.equal(withSlash.length, 5, 'a trailing slash names the same project');
});

test('folder names are never decoded: a parent, a child or a look-alike path finds nothing', async () => {
  const { reporter } = collecting();
  for (const other of ['/work/my.project_v2', '/work/my.project_v2 (copy)/src', '/work/my-project-v2-copy', '/srv/hash-only-project']) {
    assert.deepEqual(await plugin.findSessions(other, environment(), reporter), [], other);
  }
});

test('Windows path registered lower-cased in projects.json matches the project in any case', async () => {
  const { reporter } = collecting();
  const files = await plugin.findSessions('C:\\Users\\Dev\\win_proj.v1 space', environment(), reporter);
  assert.deepEqual(files.map((f) => relative(f.path)), ['win-proj-v1-space/chats/session-2026-03-05T12-00-e1e1e1e1.jsonl']);
});

test('projects.json slug without .project_root is used; a slug whose .project_root names another project is not', async () => {
  const { reporter } = collecting();
  const registryOnly = await plugin.findSessions('/srv/registry only', environment(), reporter);
  assert.deepEqual(registryOnly.map((f) => relative(f.path)), ['registry-only/chats/session-2026-03-06T09-00-f0f0f0f0.json']);
  assert.deepEqual(await plugin.findSessions('/srv/claimed', environment(), reporter), []);
  const owner = await plugin.findSessions('/srv/owner', environment(), reporter);
  assert.deepEqual(owner.map((f) => relative(f.path)), ['taken/chats/session-2026-03-07T09-00-0a0a0a0a.json']);
});

test('a sha256 folder is found for its project by hashing the path', async () => {
  const { reporter } = collecting();
  const files = await plugin.findSessions('/srv/hash only_project', environment(), reporter);
  assert.deepEqual(files.map((f) => relative(f.path)), ['39e264f8c2d68778a954d1818b75b455873f33ec12184457ba3328412aed81f4/chats/session-2025-11-20T16-00-4b4b4b4b.json']);
});

test('--all: folders attributed by .project_root, projects.json, known hashes, and the paths a hash folder\'s own sessions recorded', async () => {
  const { warnings, reporter } = collecting();
  const projects = await plugin.listProjects(environment(), reporter);
  const summary = projects.map((p) => [p.projectPath, p.sessions.length]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  // tmp/39e264f8… is named by no marker or registry, but its session edited "/srv/hash only_project/app.py",
  // and sha256("/srv/hash only_project") is the folder's name.
  assert.deepEqual(summary, [
    ['/srv/hash only_project', 1],
    ['/srv/owner', 1],
    ['/srv/registry only', 1],
    [PROJECT, 5],
    ['c:\\users\\dev\\win_proj.v1 space', 1],
  ]);
  assert.deepEqual(warnings, []);
});

test('root is $GEMINI_CLI_HOME/.gemini when set, else <home>/.gemini; never the real home', async () => {
  const { reporter } = collecting();
  assert.equal(await plugin.detect(environment({}, HOME)), true);
  assert.equal(await plugin.detect(environment({}, path.join(HOME, 'nowhere'))), false);
  const viaEnv = environment({ GEMINI_CLI_HOME: HOME }, path.join(HOME, 'nowhere'));
  assert.equal(await plugin.detect(viaEnv), true);
  assert.equal((await plugin.findSessions(PROJECT, viaEnv, reporter)).length, 5);
  const ignoredHome = environment({ GEMINI_CLI_HOME: path.join(HOME, 'nowhere') }, HOME);
  assert.deepEqual(await plugin.findSessions(PROJECT, ignoredHome, reporter), []);
});

test('targets: GEMINI.md at the project root for context and memory', () => {
  assert.deepEqual(plugin.targets(PROJECT), [
    { kind: 'context', path: `${PROJECT}/GEMINI.md`, scope: 'project' },
    { kind: 'memory', path: `${PROJECT}/GEMINI.md`, scope: 'project' },
  ]);
  assert.equal(plugin.targets('C:\\Users\\Dev\\proj')[0].path, 'C:\\Users\\Dev\\proj\\GEMINI.md');
});

test('registered as "gemini" in the default registry, and a whole project scans to the expected totals', async () => {
  const registered = createDefaultRegistry().get('gemini');
  assert.ok(registered instanceof GeminiCliPlugin);
  const { warnings, reporter } = collecting();
  const [scan] = await scanProject([plugin], PROJECT, { environment: environment(), reporter });
  // 5 files: session A 5 calls, checkpoint session 3, subagent 2, migrated session 2, old legacy 2 = 14.
  // failed: A 2 (exit 1, file not found) + checkpoint 1 + subagent 1 (127) + legacy 1 (exit 1) = 5.
  assert.deepEqual(
    { ...scan.stats },
    {
      sessions: 5,
      subagentSessions: 1,
      toolCalls: 14,
      failed: 5,
      rejected: 1,
      interrupted: 1,
      skippedLines: 0,
      duplicateCalls: 0,
      errorKinds: { exit_code: 1, file_not_found: 3, command_not_found: 1 },
    },
  );
  assert.deepEqual(warnings, []);
});
