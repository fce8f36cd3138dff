/*
 * test/fixtures/codebuddy/home/.codebuddy/projects/home-dev-shop (project /home/dev/shop), written by hand in
 * CodeBuddy Code 2.117's own item format (SessionStore.appendHistory in the CLI bundle of npm
 * @tencent-ai/agent-sdk 0.3.201; see src/core/agents/codebuddy/codebuddyRecords.ts). Main session, 15 lines:
 *   2 Bash pytest (call_1)       3 its streamed in_progress partial   4 result: incomplete, "Exit code 127 … not found"
 *   5 Bash uv run pytest         6 result: completed
 *   7 Read, 8 Grep (one model response), 9–10 their results
 *  11 a damaged line (cut JSON)
 *  12 Bash git push (call_5)     13 result: incomplete, Claude Code's rejection text (skipRun)
 *  15 Bash make deploy (call_6): no result, the session ends
 * Subagent <session>/subagents/agent-ab12cd.jsonl (cwd /home/dev/shop/src): a Read of a missing file, then the right one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { CodebuddyPlugin } from '../../../../src/core/agents/codebuddy/CodebuddyPlugin.js';
import { codebuddyProjectFolderName } from '../../../../src/core/agents/codebuddy/codebuddyLocations.js';
import { createDefaultRegistry } from '../../../../src/core/agents/builtins.js';
import { scanProject } from '../../../../src/core/scan/scanProject.js';
import { learnProject } from '../../../../src/core/pipeline/learnProject.js';
import type { ScanReporter } from '../../../../src/core/agents/plugin.js';

const FIXTURE_HOME = path.resolve(__dirname, '../../../fixtures/codebuddy/home');
const PROJECT = '/home/dev/shop';
const SESSION = 'cb000001-0000-4000-8000-000000000001';
const FOLDER = path.join(FIXTURE_HOME, '.codebuddy', 'projects', 'home-dev-shop');
const plugin = new CodebuddyPlugin();

function reporter(): ScanReporter & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (m) => warnings.push(m) };
}

test('the registry has CodeBuddy Code under "codebuddy"; detect needs <home>/.codebuddy/projects or $CODEBUDDY_CONFIG_DIR', async () => {
  assert.equal(createDefaultRegistry().get('codebuddy')?.displayName, 'CodeBuddy Code');
  assert.equal(await plugin.detect({ home: FIXTURE_HOME, env: {} }), true);
  assert.equal(await plugin.detect({ home: '/nonexistent', env: {} }), false);
  assert.equal(await plugin.detect({ home: '/nonexistent', env: { CODEBUDDY_CONFIG_DIR: path.join(FIXTURE_HOME, '.codebuddy') } }), true);
});

test('folder names are CodeBuddy\'s compressPath: separators and colons to one dash, none at the ends', () => {
  assert.equal(codebuddyProjectFolderName('/home/dev/shop'), 'home-dev-shop');
  assert.equal(codebuddyProjectFolderName('/Users/me/my.app//x/'), 'Users-me-my.app-x');
  assert.equal(codebuddyProjectFolderName('C:\\git\\x'), 'C-git-x');
});

test('findSessions and listProjects: the main session and its subagent, confirmed by the recorded cwd', async () => {
  const environment = { home: FIXTURE_HOME, env: {} };
  const found = await plugin.findSessions(PROJECT, environment, reporter());
  assert.deepEqual(
    found.map((f) => [path.relative(FOLDER, f.path), f.subagent, f.sessionId, f.agent]),
    [
      [`${SESSION}.jsonl`, false, SESSION, 'codebuddy'],
      [path.join(SESSION, 'subagents', 'agent-ab12cd.jsonl'), true, SESSION, 'codebuddy'],
    ],
  );
  assert.deepEqual(await plugin.findSessions('/home/dev/shop-old', environment, reporter()), []);
  const projects = await plugin.listProjects(environment, reporter());
  assert.deepEqual(projects.map((p) => [p.projectPath, p.sessions.length]), [[PROJECT, 2]]);
});

test('parse: every call with the outcome CodeBuddy recorded, the damaged line counted, the cut-off call interrupted', async () => {
  const session = await plugin.parse({ agent: 'codebuddy', path: path.join(FOLDER, `${SESSION}.jsonl`), projectPath: PROJECT, subagent: false, sessionId: SESSION });
  assert.equal(session.sessionId, SESSION);
  assert.equal(session.cwd, PROJECT);
  assert.equal(session.startedAt, '2026-11-01T10:00:01.000Z');
  assert.equal(session.skippedLines, 1);
  assert.match(session.warnings[0], /:11: not JSON; skipped$/);
  assert.deepEqual(
    session.calls.map((c) => [c.callId, c.tool, c.command ?? c.path ?? c.pattern, c.outcome, c.errorKind, c.exitCode, c.line]),
    [
      ['call_1', 'Bash', 'pytest', 'failed', 'command_not_found', 127, 4],
      ['call_2', 'Bash', 'uv run pytest', 'ok', undefined, undefined, 6],
      ['call_3', 'Read', '/home/dev/shop/src/app.py', 'ok', undefined, undefined, 9],
      ['call_4', 'Grep', '/home/dev/shop/src', 'ok', undefined, undefined, 10],
      ['call_5', 'Bash', 'git push origin main', 'rejected', undefined, undefined, 13],
      ['call_6', 'Bash', 'make deploy', 'interrupted', undefined, undefined, 15],
    ],
  );
  const [first, , read, grep] = session.calls;
  assert.equal(first.timestamp, '2026-11-01T10:00:02.000Z');
  assert.equal(read.turn, grep.turn, 'Read and Grep came from one model response');
  assert.notEqual(first.turn, read.turn);
  assert.equal(grep.pattern, 'def main');
});

test('scanProject counts exactly: 8 calls, 2 failed, 1 rejected, 1 interrupted, 1 damaged line, 1 subagent session', async () => {
  const [scan] = await scanProject([plugin], PROJECT, { environment: { home: FIXTURE_HOME, env: {} }, reporter: reporter() });
  const stats = scan.stats;
  assert.deepEqual(
    { sessions: stats.sessions, subagentSessions: stats.subagentSessions, toolCalls: stats.toolCalls, failed: stats.failed, rejected: stats.rejected, interrupted: stats.interrupted, skippedLines: stats.skippedLines },
    { sessions: 2, subagentSessions: 1, toolCalls: 8, failed: 2, rejected: 1, interrupted: 1, skippedLines: 1 },
  );
});

test('targets: CODEBUDDY.md, and MEMORY.md in projects/<folder>/memory, or the older memories/<folder> when only that exists', async () => {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'headroom-codebuddy-'));
  try {
    const environment = { home, env: {} };
    const memory = () => plugin.targets(PROJECT, environment).find((t) => t.kind === 'memory')!;
    assert.deepEqual(
      plugin.targets(PROJECT, environment).map((t) => [t.kind, t.path]),
      [
        ['context', path.join(PROJECT, 'CODEBUDDY.md')],
        ['memory', path.join(home, '.codebuddy', 'projects', 'home-dev-shop', 'memory', 'MEMORY.md')],
      ],
    );
    assert.equal(memory().readLimitLines, 200);
    await fs.mkdir(path.join(home, '.codebuddy', 'memories', 'home-dev-shop'), { recursive: true });
    assert.equal(memory().path, path.join(home, '.codebuddy', 'memories', 'home-dev-shop', 'MEMORY.md'));
    await fs.mkdir(path.join(home, '.codebuddy', 'projects', 'home-dev-shop', 'memory'), { recursive: true });
    assert.equal(memory().path, path.join(home, '.codebuddy', 'projects', 'home-dev-shop', 'memory', 'MEMORY.md'));
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});

test('learn: the failure → fix seen in two sessions becomes a rule in CODEBUDDY.md; the user\'s own text stays byte for byte', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'headroom-codebuddy-learn-'));
  try {
    const home = path.join(root, 'home');
    const project = path.join(root, 'shop');
    const folder = path.join(home, '.codebuddy', 'projects', codebuddyProjectFolderName(project));
    await fs.mkdir(folder, { recursive: true });
    await fs.mkdir(path.join(project, 'src'), { recursive: true });
    const text = (await fs.readFile(path.join(FOLDER, `${SESSION}.jsonl`), 'utf8')).replaceAll(PROJECT, project);
    // Two sessions (ids and call ids of their own: copies of one call would be counted once).
    for (const id of ['a', 'b']) {
      const sessionId = `cb000001-0000-4000-8000-00000000000${id}`;
      await fs.writeFile(path.join(folder, `${sessionId}.jsonl`), text.replaceAll(SESSION, sessionId).replaceAll('"call_', `"call_${id}`));
    }
    const own = '# Shop\r\n\r\nOur own notes, CRLF and no final newline';
    await fs.writeFile(path.join(project, 'CODEBUDDY.md'), own);
    const learned = await learnProject({ projectPath: project, plugins: [plugin], environment: { home, env: {} } });
    const context = learned.proposals.find((p) => p.path === path.join(project, 'CODEBUDDY.md'))!;
    assert.equal(context.agent, 'codebuddy');
    assert.ok(context.proposedText!.startsWith(own), 'the text outside the markers is unchanged');
    assert.match(context.proposedSection!, /^<!-- headroom:learn:start -->\r\n## Headroom Learned Patterns\r\n/);
    assert.match(context.proposedSection!, /`uv run pytest`/);
    assert.match(context.proposedSection!, /<!-- headroom:learn:end -->$/);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});

test('a session file in Claude Code\'s record format (earlier CodeBuddy versions) is read by the Claude parser, as CodeBuddy\'s calls', async () => {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'headroom-codebuddy-claude-format-'));
  try {
    const folder = path.join(home, '.codebuddy', 'projects', 'home-dev-shop');
    await fs.mkdir(folder, { recursive: true });
    const base = { cwd: PROJECT, sessionId: 'old-1', isSidechain: false };
    const records = [
      { ...base, type: 'user', uuid: 'u1', timestamp: '2026-06-01T10:00:00.000Z', message: { role: 'user', content: 'lint it' } },
      { ...base, type: 'assistant', uuid: 'a1', timestamp: '2026-06-01T10:00:01.000Z', message: { id: 'm1', role: 'assistant', content: [{ type: 'tool_use', id: 'tu1', name: 'Bash', input: { command: 'eslint .' } }] } },
      { ...base, type: 'user', uuid: 'u2', timestamp: '2026-06-01T10:00:02.000Z', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu1', is_error: true, content: 'Exit code 127\nsh: eslint: command not found' }] } },
    ];
    await fs.writeFile(path.join(folder, 'old-1.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const [found] = await plugin.findSessions(PROJECT, { home, env: {} }, reporter());
    const session = await plugin.parse(found);
    assert.deepEqual(
      session.calls.map((c) => [c.agent, c.tool, c.command, c.outcome, c.errorKind, c.exitCode]),
      [['codebuddy', 'Bash', 'eslint .', 'failed', 'command_not_found', 127]],
    );
    await assert.rejects(plugin.parse({ ...found, path: path.join(folder, 'missing.jsonl') }), /Cannot read CodeBuddy Code session .*missing\.jsonl: not found/);
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});
