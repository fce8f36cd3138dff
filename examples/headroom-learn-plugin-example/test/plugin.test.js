// The example plugin's own tests: `npm test` in this folder (node's test runner, no dependencies).
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const plugin = require('../index.js');

function homeWith(lines) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'example-agent-'));
  fs.mkdirSync(path.join(home, '.example-agent', 'sessions'), { recursive: true });
  fs.writeFileSync(path.join(home, '.example-agent', 'sessions', 's1.jsonl'), lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return home;
}

const reporter = () => {
  const warnings = [];
  return { warn: (m) => warnings.push(m), warnings };
};

test('a session: the failed call, its fix, a denial and a damaged line', async () => {
  const home = homeWith([
    { type: 'session', id: 's1', cwd: '/work/shop', startedAt: '2026-01-01T10:00:00Z' },
    { type: 'call', id: 'c1', tool: 'shell', command: 'python3 -m pytest', exitCode: 1, output: 'No module named pytest' },
    { type: 'call', id: 'c2', tool: 'shell', command: 'uv run pytest', exitCode: 0, output: '3 passed' },
    { type: 'call', id: 'c3', tool: 'shell', command: 'rm -rf build', denied: true },
    '{"type":"call", cut off',
  ]);
  const environment = { home, env: {} };
  assert.equal(await plugin.detect(environment), true);
  const projects = await plugin.listProjects(environment, reporter());
  assert.deepEqual(projects.map((p) => [p.projectPath, p.sessions.length]), [['/work/shop', 1]]);
  assert.equal((await plugin.findSessions('/work', environment, reporter())).length, 1);
  assert.equal((await plugin.findSessions('/work/shopping', environment, reporter())).length, 0);
  const session = await plugin.parse(projects[0].sessions[0]);
  assert.deepEqual(session.calls.map((c) => [c.callId, c.tool, c.line, c.outcome, c.errorKind, c.exitCode]), [
    ['c1', 'Bash', 2, 'failed', 'module_not_found', 1],
    ['c2', 'Bash', 3, 'ok', undefined, 0],
    ['c3', 'Bash', 4, 'rejected', undefined, undefined],
  ]);
  assert.equal(session.skippedLines, 1);
  assert.match(session.warnings[0], /s1\.jsonl:5: not JSON; skipped$/);
  fs.rmSync(home, { recursive: true, force: true });
});

test('no sessions folder: not detected, no projects; targets are EXAMPLE.md', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'example-agent-'));
  assert.equal(await plugin.detect({ home, env: {} }), false);
  assert.deepEqual(await plugin.listProjects({ home, env: {} }, reporter()), []);
  assert.deepEqual(plugin.targets('/work/shop').map((t) => [t.kind, t.path]), [
    ['context', path.join('/work/shop', 'EXAMPLE.md')],
    ['memory', path.join('/work/shop', 'EXAMPLE.md')],
  ]);
  fs.rmSync(home, { recursive: true, force: true });
});
