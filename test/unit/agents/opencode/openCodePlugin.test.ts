import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OpenCodePlugin } from '../../../../src/core/agents/opencode/OpenCodePlugin.js';
import type { LearnJson } from '../../../../src/cli/learnCommand.js';
import type { ScanJson } from '../../../../src/cli/scanCommand.js';
import { demoFixture, runCli, safeEnv, tempDir } from '../../cli/cliHarness.js';
import { writeOpencodeDatabase, type SessionSpec } from './opencodeDatabase.js';

const NO_PYTEST = '/usr/bin/python3: No module named pytest\n';

/** Two sessions with the same failure → fix (python3 -m pytest → uv run pytest), a rejection with the user's words, damage. */
function sessions(project: string): SessionSpec[] {
  return [
    {
      id: 'ses_a',
      directory: project,
      at: 0,
      messages: [
        [{ tool: 'bash', input: { command: 'python3 -m pytest tests/', description: 'Run tests' }, status: 'completed', output: NO_PYTEST, metadata: { exit: 1 } }],
        [{ tool: 'bash', input: { command: 'uv run pytest tests/', description: 'Run tests' }, status: 'completed', output: '3 passed in 0.2s\n', metadata: { exit: 0 } }],
        [{ tool: 'read', input: { filePath: path.join(project, 'src/app/main.py') }, status: 'error', error: `File not found: ${path.join(project, 'src/app/main.py')}` }],
        [{ tool: 'read', input: { filePath: path.join(project, 'src/main.py') }, status: 'completed', output: '<file>\n00001| print("hi")\n</file>' }],
        [
          {
            tool: 'bash',
            input: { command: 'git push origin main' },
            status: 'error',
            error: 'The user rejected permission to use this specific tool call with the following feedback: never push, I push myself',
          },
        ],
        [{ raw: '{"type": "tool", "tool": "bash", "state": {' }],
      ],
    },
    {
      id: 'ses_b',
      directory: project,
      at: 60,
      messages: [
        [{ tool: 'bash', input: { command: 'python3 -m pytest -q' }, status: 'completed', output: NO_PYTEST, metadata: { exit: 1 } }],
        [{ tool: 'bash', input: { command: 'uv run pytest -q' }, status: 'completed', output: '3 passed\n', metadata: { exit: 0 } }],
        [{ tool: 'bash', input: { command: 'sleep 100' }, status: 'error', error: 'Tool execution aborted', metadata: { interrupted: true } }],
        [
          {
            tool: 'edit',
            input: { filePath: path.join(project, '.env'), oldString: 'A', newString: 'B' },
            status: 'error',
            error: 'The user has specified a rule which prevents you from using this specific tool call. Here are some of the relevant rules [{"permission":"edit","pattern":"*","action":"deny"}]',
          },
        ],
      ],
    },
    {
      id: 'ses_c',
      parentId: 'ses_b',
      directory: path.join(project, 'src'),
      at: 61,
      messages: [
        [
          // One step, two calls: requested together.
          { tool: 'grep', input: { pattern: 'TODO', path: project }, status: 'completed', output: 'No files found' },
          { tool: 'bash', input: { command: 'ls' }, status: 'running' },
        ],
      ],
    },
  ];
}

async function fixture(): Promise<{ home: string; project: string; database: string }> {
  const root = tempDir('opencode-');
  const home = path.join(root, 'home');
  const project = path.join(root, 'shop');
  fs.mkdirSync(path.join(project, 'src'), { recursive: true });
  fs.writeFileSync(path.join(project, 'src', 'main.py'), 'print("hi")\n');
  const database = await writeOpencodeDatabase(path.join(home, '.local', 'share'), [
    { id: 'prj_shop', worktree: project, sessions: sessions(project) },
    { id: 'global', worktree: '/', sessions: [{ id: 'ses_elsewhere', directory: path.join(root, 'scratch'), at: 5, messages: [[{ tool: 'bash', input: { command: 'pwd' }, status: 'completed', output: '/x', metadata: { exit: 0 } }]] }] },
  ]);
  return { home, project, database };
}

test('scan: exact counts from OpenCode’s own signals (exit code, rejection, abort, rule denial, unfinished), damage counted', async () => {
  const { home, project } = await fixture();
  const { code, out, err } = await runCli(['scan', '--project', project, '--agent', 'opencode', '--json'], safeEnv(home));
  assert.equal(code, 0, err);
  const json = JSON.parse(out) as ScanJson;
  assert.deepEqual(json.totals.opencode, {
    sessions: 3,
    subagentSessions: 1,
    toolCalls: 11,
    failed: 4,
    rejected: 1,
    interrupted: 2,
    skippedLines: 1,
    duplicateCalls: 0,
    errorKinds: { module_not_found: 2, file_not_found: 1, permission_denied: 1 },
  });
  assert.ok(
    json.warnings.some((w) => w.includes('opencode.db#ses_a:') && w.includes('part is not JSON')),
    'the damaged part is named by session and position',
  );
});

test('parse: each call carries its input views, exit code, the user’s words and the model step it was requested in', async () => {
  const { project, database } = await fixture();
  const plugin = new OpenCodePlugin();
  const a = await plugin.parse({ agent: 'opencode', path: `${database}#ses_a`, projectPath: project, subagent: false });
  assert.deepEqual(
    a.calls.map((c) => [c.tool, c.command ?? c.path, c.outcome, c.errorKind, c.exitCode]),
    [
      ['Bash', 'python3 -m pytest tests/', 'failed', 'module_not_found', 1],
      ['Bash', 'uv run pytest tests/', 'ok', undefined, 0],
      ['Read', path.join(project, 'src/app/main.py'), 'failed', 'file_not_found', undefined],
      ['Read', path.join(project, 'src/main.py'), 'ok', undefined, undefined],
      ['Bash', 'git push origin main', 'rejected', undefined, undefined],
    ],
  );
  assert.equal(a.calls[4].userFeedback, 'never push, I push myself');
  assert.equal(a.calls[2].output, `File not found: ${path.join(project, 'src/app/main.py')}`, 'the error text is state.error');
  assert.equal(a.cwd, project);
  assert.equal(a.startedAt, '2026-03-02T09:00:00.000Z');
  const c = await plugin.parse({ agent: 'opencode', path: `${database}#ses_c`, projectPath: project, subagent: true });
  assert.equal(c.subagent, true);
  assert.equal(c.calls[0].turn, c.calls[1].turn, 'two calls of one step share their turn');
  assert.notEqual(a.calls[0].turn, a.calls[1].turn);
});

test('--all: sessions are grouped by their project’s root; OpenCode’s global project is no project, its folder is', async () => {
  const { home, project } = await fixture();
  const { code, out, err } = await runCli(['scan', '--all', '--agent', 'opencode', '--json'], safeEnv(home));
  assert.equal(code, 0, err);
  const json = JSON.parse(out) as ScanJson;
  assert.deepEqual(
    json.projects.map((p) => [path.basename(p.projectPath), p.agents.map((a) => [a.agent, a.sessions])]),
    [
      ['scratch', [['opencode', 1]]],
      [path.basename(project), [['opencode', 3]]],
    ],
  );
});

test('learn --apply: the failure → fix becomes a rule in AGENTS.md, the user’s text kept byte for byte; a re-run changes nothing', async () => {
  const { home, project } = await fixture();
  const mine = '# Shop\r\n\r\nOur own notes, CRLF.\r\n';
  fs.writeFileSync(path.join(project, 'AGENTS.md'), mine);
  const env = safeEnv(home);
  const applied = await runCli(['--project', project, '--agent', 'opencode', '--apply', '--json'], env);
  assert.equal(applied.code, 0, applied.err);
  const json = JSON.parse(applied.out) as LearnJson;
  assert.deepEqual(json.written, [path.join(project, 'AGENTS.md')]);
  const text = fs.readFileSync(path.join(project, 'AGENTS.md'), 'utf8');
  assert.ok(text.startsWith(mine), 'the text outside the markers is unchanged');
  const section = text.slice(mine.length);
  assert.match(section, /^\r\n<!-- headroom:learn:start -->\r\n## Headroom Learned Patterns\r\n/);
  assert.match(section, /uv run pytest/);
  assert.match(section, /<!-- headroom:learn:end -->\r\n$/);
  const again = await runCli(['--project', project, '--agent', 'opencode', '--apply', '--json'], env);
  assert.equal(again.code, 0, again.err);
  assert.deepEqual((JSON.parse(again.out) as LearnJson).written, []);
  assert.equal(fs.readFileSync(path.join(project, 'AGENTS.md'), 'utf8'), text);
});

test('AGENTS.md read by Codex and OpenCode is planned once, with one section', async () => {
  const fx = await demoFixture();
  await writeOpencodeDatabase(path.join(fx.home, '.local', 'share'), [{ id: 'prj_shop', worktree: fx.project, sessions: sessions(fx.project) }]);
  const { code, out, err } = await runCli(['--project', fx.project, '--json'], safeEnv(fx.home));
  assert.equal(code, 0, err);
  const json = JSON.parse(out) as LearnJson;
  assert.ok(json.totals.codex && json.totals.opencode, 'both agents have sessions for the project');
  const agentsMd = json.proposals!.filter((p) => path.basename(p.path) === 'AGENTS.md');
  assert.equal(agentsMd.length, 1);
  assert.equal(agentsMd[0].proposedText!.split('<!-- headroom:learn:start -->').length, 2, 'one marker section');
});

test('a file named opencode.db that is not SQLite is reported by name and skipped; the scan still succeeds', async () => {
  const root = tempDir('opencode-bad-');
  const home = path.join(root, 'home');
  const dir = path.join(home, '.local', 'share', 'opencode');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'opencode.db'), 'not a database '.repeat(100));
  const { code, out, err } = await runCli(['scan', '--all', '--agent', 'opencode', '--json'], safeEnv(home));
  assert.equal(code, 0, err);
  const json = JSON.parse(out) as ScanJson;
  assert.deepEqual(json.projects, []);
  assert.ok(json.warnings.some((w) => /OpenCode: .*opencode\.db: not a readable SQLite database/.test(w)), json.warnings.join('\n'));
});

test('XDG_DATA_HOME moves OpenCode’s data folder, as xdg-basedir does', async () => {
  const { home, project } = await fixture();
  const moved = tempDir('opencode-xdg-');
  fs.renameSync(path.join(home, '.local', 'share', 'opencode'), path.join(moved, 'opencode'));
  const { out } = await runCli(['scan', '--project', project, '--agent', 'opencode', '--json'], safeEnv(home, { XDG_DATA_HOME: moved }));
  assert.equal((JSON.parse(out) as ScanJson).totals.opencode?.sessions, 3);
});
