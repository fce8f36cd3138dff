/*
 * The fixture home (test/fixtures/claude/home/.claude/projects):
 *   -home-dev-my-app-v2-with-space/   /home/dev/my_app.v2/with space
 *       11111111-…-0001.jsonl                     main session (26 calls)
 *       11111111-…-0001/subagents/agent-a1b2c3.jsonl  new-layout subagent, cwd …/with space/src (2 calls)
 *       11111111-…-0002.jsonl                     resumed session replaying A01, A02 (3 calls)
 *       agent-0ld5ub.jsonl                        old-layout subagent of session …0002 (1 call)
 *       memory/MEMORY.md                          Claude's auto memory, not a transcript
 *   C--git-x/                          one session recorded on Windows, cwd C:\git\x
 *   -a-b-c/                            three sessions: cwd /a/b-c, /a/b.c and /a/b/c
 *   <200-unit prefix>-frk7ag/          LONG_PROJECT (hash computed with a python port of Claude's
 *                                      function) + one session of LONG_SIBLING_PROJECT (same prefix)
 *   <200-unit prefix>-zz9new/          LONG_PROJECT again, under another suffix (newer Claude naming)
 *   -home-dev-empty/                   a file with snapshots only, no cwd: no project
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ClaudeCodePlugin } from '../../../../src/core/agents/claude/ClaudeCodePlugin.js';
import { scanAllProjects, scanProject } from '../../../../src/core/scan/scanProject.js';
import { createDefaultRegistry } from '../../../../src/core/agents/builtins.js';
import {
  APP_FOLDER,
  APP_PROJECT,
  APP_RESUMED_SESSION,
  APP_SESSION,
  collectingReporter,
  FIXTURE_HOME,
  FIXTURE_PROJECTS,
  fixtureEnvironment,
  LONG_PROJECT,
  LONG_SIBLING_PROJECT,
} from './claudeFixtureHome.js';

const plugin = new ClaudeCodePlugin();
const rel = (p: string) => path.relative(FIXTURE_PROJECTS, p);

test('the built-in registry has the Claude Code plugin under "claude"', () => {
  assert.equal(createDefaultRegistry().get('claude')?.displayName, 'Claude Code');
});

test('detect: a projects folder under <home>/.claude or $CLAUDE_CONFIG_DIR', async () => {
  assert.equal(await plugin.detect(fixtureEnvironment()), true);
  assert.equal(await plugin.detect(fixtureEnvironment('/nonexistent-home')), false);
  assert.equal(await plugin.detect(fixtureEnvironment('/nonexistent-home', { CLAUDE_CONFIG_DIR: path.join(FIXTURE_HOME, '.claude') })), true);
});

test('findSessions: a path with dots, spaces and underscores finds its sessions and both subagent layouts', async () => {
  const reporter = collectingReporter();
  const files = await plugin.findSessions(APP_PROJECT, fixtureEnvironment(), reporter);
  const folder = path.basename(APP_FOLDER);
  assert.deepEqual(
    files.map((f) => [rel(f.path), f.subagent, f.sessionId]),
    [
      [`${folder}/${APP_SESSION}.jsonl`, false, APP_SESSION],
      [`${folder}/${APP_SESSION}/subagents/agent-a1b2c3.jsonl`, true, APP_SESSION],
      [`${folder}/${APP_RESUMED_SESSION}.jsonl`, false, APP_RESUMED_SESSION],
      [`${folder}/agent-0ld5ub.jsonl`, true, APP_RESUMED_SESSION],
    ],
  );
  assert.ok(files.every((f) => f.agent === 'claude' && f.projectPath === APP_PROJECT));
  assert.deepEqual(reporter.warnings, []);
});

test('findSessions reads $CLAUDE_CONFIG_DIR instead of <home>/.claude when it is set', async () => {
  const env = fixtureEnvironment('/nonexistent-home', { CLAUDE_CONFIG_DIR: path.join(FIXTURE_HOME, '.claude') });
  assert.equal((await plugin.findSessions(APP_PROJECT, env, collectingReporter())).length, 4);
  const elsewhere = fixtureEnvironment(FIXTURE_HOME, { CLAUDE_CONFIG_DIR: '/nonexistent-config' });
  assert.equal((await plugin.findSessions(APP_PROJECT, elsewhere, collectingReporter())).length, 0);
});

test('findSessions: colliding folder names are told apart by the recorded cwd', async () => {
  for (const [project, session] of [['/a/b-c', 1], ['/a/b.c', 2], ['/a/b/c', 3]] as const) {
    const files = await plugin.findSessions(project, fixtureEnvironment(), collectingReporter());
    assert.deepEqual(files.map((f) => rel(f.path)), [`-a-b-c/33333333-cccc-4ccc-8ccc-00000000000${session}.jsonl`], project);
  }
  assert.deepEqual(await plugin.findSessions('/a/b', fixtureEnvironment(), collectingReporter()), []);
});

test('findSessions: a Windows cwd matches in any drive-letter case and separator style', async () => {
  for (const project of ['C:\\git\\x', 'c:\\git\\x', 'C:/git/x', 'C:\\git\\x\\']) {
    const files = await plugin.findSessions(project, fixtureEnvironment(), collectingReporter());
    assert.deepEqual(files.map((f) => rel(f.path)), ['C--git-x/22222222-bbbb-4bbb-8bbb-000000000001.jsonl'], project);
  }
});

test('findSessions: a path over 200 characters finds both hashed folders, and not the sibling sharing the prefix', async () => {
  const files = await plugin.findSessions(LONG_PROJECT, fixtureEnvironment(), collectingReporter());
  assert.deepEqual(files.map((f) => path.basename(f.path)).sort(), [
    '44444444-dddd-4ddd-8ddd-000000000001.jsonl',
    '44444444-dddd-4ddd-8ddd-000000000002.jsonl',
  ]);
  const sibling = await plugin.findSessions(LONG_SIBLING_PROJECT, fixtureEnvironment(), collectingReporter());
  assert.deepEqual(sibling.map((f) => path.basename(f.path)), ['44444444-dddd-4ddd-8ddd-000000000003.jsonl']);
});

test('listProjects groups transcripts by recorded cwd, subagents with their parent session', async () => {
  const reporter = collectingReporter();
  const projects = await plugin.listProjects(fixtureEnvironment(), reporter);
  assert.deepEqual(
    projects.map((p) => [p.projectPath, p.sessions.length, p.sessions.filter((s) => s.subagent).length]),
    [
      ['/a/b-c', 1, 0],
      ['/a/b.c', 1, 0],
      ['/a/b/c', 1, 0],
      [LONG_PROJECT, 2, 0],
      [LONG_SIBLING_PROJECT, 1, 0],
      // The new-layout subagent recorded cwd …/with space/src, but joins its parent's project.
      [APP_PROJECT, 4, 2],
      ['C:\\git\\x', 1, 0],
    ],
  );
  assert.ok(projects.every((p) => p.sessions.every((s) => s.projectPath === p.projectPath)));
  assert.deepEqual(reporter.warnings, []);
});

test('scan end to end: per-project totals, with the resumed session\'s replayed calls counted once', async () => {
  const reporter = collectingReporter();
  const [scan] = await scanProject([plugin], APP_PROJECT, { environment: fixtureEnvironment(), reporter });
  // Calls: main 26 + subagent 2 + resumed 3 (A01, A02 replayed → 1 new) + old-layout subagent 1.
  // Unique: 26 + 2 + 1 + 1 = 30; the resumed file's A01/A02 are duplicates of the main session's.
  // Outcomes in the main session: ok = A02, A09, A10, A11, A12, A24, A25 (7); rejected A06, A07;
  // interrupted A08, A26; failed the other 15. Subagents and R01 are ok.
  assert.deepEqual(
    { ...scan.stats, errorKinds: undefined },
    { sessions: 4, subagentSessions: 2, toolCalls: 30, failed: 15, rejected: 2, interrupted: 2, skippedLines: 0, duplicateCalls: 2, errorKinds: undefined },
  );
  assert.deepEqual(scan.stats.errorKinds, {
    command_not_found: 1,
    file_not_found: 1,
    file_too_large: 1,
    edit_mismatch: 2,
    timeout: 1,
    permission_denied: 2,
    is_directory: 1,
    module_not_found: 1,
    syntax_error: 1,
    no_matches: 1,
    tool_validation: 1,
    other: 1,
    exit_code: 1,
  });
  const all = await scanAllProjects([plugin], { environment: fixtureEnvironment(), reporter });
  assert.equal(all.length, 7);
  assert.equal(all.find((p) => p.projectPath === APP_PROJECT)?.agents[0].stats.toolCalls, 30);
});
