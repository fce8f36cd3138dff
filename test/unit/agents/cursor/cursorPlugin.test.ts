import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CursorPlugin } from '../../../../src/core/agents/cursor/CursorPlugin.js';
import { loadSqlJs } from '../../../../src/core/logs/sqlite/loadSqlJs.js';
import type { LearnJson } from '../../../../src/cli/learnCommand.js';
import type { ScanJson } from '../../../../src/cli/scanCommand.js';
import { runCli, safeEnv, tempDir } from '../../cli/cliHarness.js';
import { ACCESS_TOKEN, writeCursorUserDir, type ChatSpec } from './cursorDatabase.js';

const NO_PYTEST = { output: '/usr/bin/python3: No module named pytest\n', exitCode: 1 };

function chats(): ChatSpec[] {
  return [
    {
      id: 'c1',
      at: 0,
      bubbles: [
        { user: 'run the tests' },
        { tool: { name: 'run_terminal_cmd', args: { command: 'python3 -m pytest tests/', is_background: false }, result: NO_PYTEST } },
        { tool: { name: 'run_terminal_cmd', args: { command: 'uv run pytest tests/', is_background: false }, result: { output: '3 passed\n', exitCode: 0 } } },
        { tool: { name: 'read_file', args: { target_file: 'src/app/main.py' }, status: 'error', result: { error: 'File not found: src/app/main.py' } } },
        { tool: { name: 'run_terminal_cmd', args: { command: 'git push origin main' }, userDecision: 'rejected', status: 'completed' } },
        { missing: true },
      ],
    },
    {
      id: 'c2',
      at: 60,
      bubbles: [
        { tool: { name: 'run_terminal_cmd', args: { command: 'python3 -m pytest -q' }, result: NO_PYTEST } },
        { tool: { name: 'run_terminal_cmd', args: { command: 'uv run pytest -q' }, result: { output: '3 passed\n', exitCode: 0 } } },
        { tool: { name: 'run_terminal_cmd', args: { command: 'sleep 100' }, status: 'cancelled' } },
        { raw: '{"type": 2, "toolFormerData": ' },
      ],
    },
    // Not in the window's index, but it records the window it ran in.
    { id: 'c3', at: 90, workspaceId: 'ws-shop', bubbles: [{ tool: { name: 'list_dir', args: { relative_workspace_path: 'src' }, result: { files: [] } } }] },
    // No window names it: reported, not scanned.
    { id: 'c4', at: 95, bubbles: [{ tool: { name: 'run_terminal_cmd', args: { command: 'pwd' }, result: { output: '/', exitCode: 0 } } }] },
    // Opened and closed without a message: not a session.
    { id: 'c5', at: 99, bubbles: [] },
  ];
}

async function fixture(): Promise<{ home: string; project: string; database: string }> {
  const root = tempDir('cursor-');
  const home = path.join(root, 'home');
  const project = path.join(root, 'shop');
  fs.mkdirSync(path.join(project, 'src'), { recursive: true });
  const database = await writeCursorUserDir(path.join(home, '.config', 'Cursor', 'User'), chats(), [{ id: 'ws-shop', folder: project, chats: ['c1', 'c2'] }]);
  return { home, project, database };
}

test('scan: exact counts from toolFormerData (status, exit code, the user’s rejection, cancel); damaged messages counted', async () => {
  const { home, project } = await fixture();
  const { code, out, err } = await runCli(['scan', '--project', project, '--agent', 'cursor', '--json'], safeEnv(home));
  assert.equal(code, 0, err);
  const json = JSON.parse(out) as ScanJson;
  assert.deepEqual(json.totals.cursor, {
    sessions: 3,
    subagentSessions: 0,
    toolCalls: 8,
    failed: 3,
    rejected: 1,
    interrupted: 1,
    skippedLines: 2,
    duplicateCalls: 0,
    errorKinds: { module_not_found: 2, file_not_found: 1 },
  });
  assert.ok(json.warnings.some((w) => /state\.vscdb#c1:6: message c1-b6 is missing or not JSON/.test(w)), json.warnings.join('\n'));
});

test('parse: calls carry their arguments’ views, exit codes, the window’s folder and the bubble’s time', async () => {
  const { project, database } = await fixture();
  const session = await new CursorPlugin().parse({ agent: 'cursor', path: `${database}#c1`, projectPath: project, subagent: false });
  assert.deepEqual(
    session.calls.map((c) => [c.line, c.tool, c.command ?? c.path, c.outcome, c.errorKind, c.exitCode]),
    [
      [2, 'Bash', 'python3 -m pytest tests/', 'failed', 'module_not_found', 1],
      [3, 'Bash', 'uv run pytest tests/', 'ok', undefined, 0],
      [4, 'Read', 'src/app/main.py', 'failed', 'file_not_found', undefined],
      [5, 'Bash', 'git push origin main', 'rejected', undefined, undefined],
    ],
  );
  assert.equal(session.calls[0].output, NO_PYTEST.output);
  assert.equal(session.calls[0].timestamp, '2026-04-06T08:00:02.000Z');
  assert.equal(session.cwd, project);
});

test('--all: chats are grouped by their window’s folder; a chat no window names is reported', async () => {
  const { home, project } = await fixture();
  const { code, out, err } = await runCli(['scan', '--all', '--agent', 'cursor', '--json'], safeEnv(home));
  assert.equal(code, 0, err);
  const json = JSON.parse(out) as ScanJson;
  assert.deepEqual(json.projects.map((p) => [p.projectPath, p.agents.map((a) => [a.agent, a.sessions])]), [[project, [['cursor', 3]]]]);
  assert.ok(json.warnings.some((w) => /Cursor: 1 chat\(s\) name no window/.test(w)));
});

test('learn --apply: the rule lands in .cursor/rules/headroom-learn.mdc with alwaysApply front matter; a re-run changes nothing', async () => {
  const { home, project } = await fixture();
  const env = safeEnv(home);
  const applied = await runCli(['--project', project, '--agent', 'cursor', '--apply', '--json'], env);
  assert.equal(applied.code, 0, applied.err);
  const file = path.join(project, '.cursor', 'rules', 'headroom-learn.mdc');
  assert.deepEqual((JSON.parse(applied.out) as LearnJson).written, [file]);
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text, /^---\ndescription: [^\n]+\nalwaysApply: true\n---\n\n<!-- headroom:learn:start -->\n## Headroom Learned Patterns\n/);
  assert.match(text, /uv run pytest/);
  assert.match(text, /<!-- headroom:learn:end -->\n$/);
  const again = await runCli(['--project', project, '--agent', 'cursor', '--apply', '--json'], env);
  assert.equal(again.code, 0, again.err);
  assert.deepEqual((JSON.parse(again.out) as LearnJson).written, []);
  assert.equal(fs.readFileSync(file, 'utf8'), text);
});

test('only the chat keys are ever selected: no statement reads another key or table, and no token reaches the output', async () => {
  const { home, project } = await fixture();
  const SQL = await loadSqlJs();
  const statements: string[] = [];
  const prototype = SQL.Database.prototype;
  const { prepare, exec } = prototype;
  prototype.prepare = function (this: typeof prototype, sql: string, ...rest: unknown[]) {
    statements.push(sql);
    return (prepare as (...args: unknown[]) => ReturnType<typeof prepare>).call(this, sql, ...rest);
  } as typeof prepare;
  prototype.exec = function (this: typeof prototype, sql: string, ...rest: unknown[]) {
    statements.push(sql);
    return (exec as (...args: unknown[]) => ReturnType<typeof exec>).call(this, sql, ...rest);
  } as typeof exec;
  let outputs: string;
  try {
    const scan = await runCli(['scan', '--all', '--agent', 'cursor', '--json'], safeEnv(home));
    const learn = await runCli(['--project', project, '--agent', 'cursor', '--json', '--explain'], safeEnv(home));
    outputs = scan.out + scan.err + learn.out + learn.err;
  } finally {
    prototype.prepare = prepare;
    prototype.exec = exec;
  }
  const allowed = [
    'SELECT count(*) FROM sqlite_master',
    "SELECT key, value FROM cursorDiskKV WHERE key >= 'composerData:' AND key < 'composerData;'",
    'SELECT value FROM cursorDiskKV WHERE key = ?',
    'SELECT key, value FROM cursorDiskKV WHERE key >= ? AND key < ?',
    "SELECT value FROM ItemTable WHERE key = 'composer.composerData'",
  ];
  assert.ok(statements.length > 0);
  assert.deepEqual([...new Set(statements)].filter((sql) => !allowed.includes(sql)), []);
  assert.ok(!outputs.includes(ACCESS_TOKEN));
});

test('a Cursor database that is not SQLite is reported by name and skipped', async () => {
  const root = tempDir('cursor-bad-');
  const home = path.join(root, 'home');
  const file = path.join(home, '.config', 'Cursor', 'User', 'globalStorage', 'state.vscdb');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'garbage '.repeat(200));
  const { code, out, err } = await runCli(['scan', '--all', '--agent', 'cursor', '--json'], safeEnv(home));
  assert.equal(code, 0, err);
  assert.ok((JSON.parse(out) as ScanJson).warnings.some((w) => /Cursor: .*state\.vscdb: not a readable SQLite database/.test(w)));
});
