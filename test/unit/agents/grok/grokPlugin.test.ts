/*
 * test/fixtures/grok/home/.grok/sessions, written by hand in Grok Build's format (grok-build xai-grok-shell
 * session storage: `{timestamp, method, params:{sessionId, update}}` lines of ACP tool_call / tool_call_update;
 * see src/core/agents/grok/grokRecords.ts):
 *   %2Fhome%2Fdev%2Fshop/<a001>/updates.jsonl (summary.json: cwd /home/dev/shop), 20 lines:
 *     2–4  t1 `pytest`: in_progress, then failed "command not found"
 *     5–6  t2 `uv run pytest`: completed (line 6 is a legacy line without the envelope)
 *     7–8  t3 read_file cfg.yml: failed "File not found"
 *     9    a torn line
 *     10–13 t4 `git push` and t5 in one batch: t4 rejected by the user, t5 cancelled after it
 *     15–17 turn 1: t6 `make deploy` completed, then 18 a rewind_marker to turn 1 drops it
 *     19–20 turn 1 again: t7 `make build`, never ended
 *   <a001>/subagents/sub-1/updates.jsonl: one grep, completed
 *   other-0123456789abcdef/ (a long path's hashed folder, its `.cwd` says /home/dev/other): one session, no summary
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { GrokPlugin } from '../../../../src/core/agents/grok/GrokPlugin.js';
import { grokToolOutcome } from '../../../../src/core/agents/grok/grokToolOutcome.js';
import { createDefaultRegistry } from '../../../../src/core/agents/builtins.js';
import { scanProject } from '../../../../src/core/scan/scanProject.js';
import { learnProject } from '../../../../src/core/pipeline/learnProject.js';
import type { ScanReporter } from '../../../../src/core/agents/plugin.js';

const FIXTURE_HOME = path.resolve(__dirname, '../../../fixtures/grok/home');
const SESSIONS = path.join(FIXTURE_HOME, '.grok', 'sessions');
const SESSION = '0193a5b2-7c1d-7000-8000-00000000a001';
const MAIN = path.join(SESSIONS, '%2Fhome%2Fdev%2Fshop', SESSION, 'updates.jsonl');
const plugin = new GrokPlugin();

function reporter(): ScanReporter & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (m) => warnings.push(m) };
}

test('the registry has Grok under "grok"; detect needs <home>/.grok/sessions or $GROK_HOME', async () => {
  assert.equal(createDefaultRegistry().get('grok')?.displayName, 'Grok CLI');
  assert.equal(await plugin.detect({ home: FIXTURE_HOME, env: {} }), true);
  assert.equal(await plugin.detect({ home: '/nonexistent', env: {} }), false);
  assert.equal(await plugin.detect({ home: '/nonexistent', env: { GROK_HOME: path.join(FIXTURE_HOME, '.grok') } }), true);
});

test('listProjects: each session by its recorded cwd (summary.json, the URL-decoded folder, or the hashed folder\'s .cwd); chat_history.jsonl is never a session', async () => {
  const projects = await plugin.listProjects({ home: FIXTURE_HOME, env: {} }, reporter());
  assert.deepEqual(
    projects.map((p) => [p.projectPath, p.sessions.map((s) => [path.relative(SESSIONS, s.path), s.subagent, s.sessionId])]),
    [
      ['/home/dev/other', [[path.join('other-0123456789abcdef', '0193a5b2-7c1d-7000-8000-00000000b002', 'updates.jsonl'), false, '0193a5b2-7c1d-7000-8000-00000000b002']]],
      [
        '/home/dev/shop',
        [
          [path.join('%2Fhome%2Fdev%2Fshop', SESSION, 'subagents', 'sub-1', 'updates.jsonl'), true, SESSION],
          [path.join('%2Fhome%2Fdev%2Fshop', SESSION, 'updates.jsonl'), false, SESSION],
        ],
      ],
    ],
  );
  const found = await plugin.findSessions('/home/dev/shop', { home: FIXTURE_HOME, env: {} }, reporter());
  assert.equal(found.length, 2);
  assert.deepEqual(await plugin.findSessions('/home/dev', { home: FIXTURE_HOME, env: {} }, reporter()).then((f) => f.length), 3, 'a parent folder holds both');
});

test('parse: the replay keeps each call\'s final status, drops the rewound turn, counts the torn line, and a call never ended is interrupted', async () => {
  const session = await plugin.parse({ agent: 'grok', path: MAIN, projectPath: '/home/dev/shop', subagent: false, sessionId: SESSION });
  assert.equal(session.sessionId, SESSION);
  assert.equal(session.startedAt, '2026-11-01T10:00:00.000Z');
  assert.equal(session.skippedLines, 1);
  assert.match(session.warnings[0], /:9: not JSON; skipped$/);
  assert.deepEqual(
    session.calls.map((c) => [c.callId, c.tool, c.originalTool, c.command ?? c.path, c.outcome, c.errorKind, c.line]),
    [
      ['t1', 'Bash', 'run_terminal_cmd', 'pytest', 'failed', 'command_not_found', 4],
      ['t2', 'Bash', 'run_terminal_cmd', 'uv run pytest', 'ok', undefined, 6],
      ['t3', 'Read', 'read_file', '/home/dev/shop/cfg.yml', 'failed', 'file_not_found', 8],
      ['t4', 'Bash', 'run_terminal_cmd', 'git push origin main', 'rejected', undefined, 12],
      ['t5', 'Read', 'read_file', '/home/dev/shop/README.md', 'interrupted', undefined, 13],
      ['t7', 'Bash', 'run_terminal_cmd', 'make build', 'interrupted', undefined, 20],
    ],
  );
  assert.equal(session.calls[0].output, 'sh: pytest: command not found', 'the last content replaces the in_progress description');
  assert.equal(session.calls[0].timestamp, '2026-11-01T10:00:01.000Z');
});

test('outcomes from Grok\'s own texts for calls it did not run', () => {
  assert.equal(grokToolOutcome('failed', 'User cancelled the execution for tool `run_terminal_cmd`').outcome, 'interrupted');
  assert.equal(grokToolOutcome('failed', 'Permission request timed out; tool `edit_file` was not executed').outcome, 'interrupted');
  assert.equal(grokToolOutcome('failed', 'The user elected to avoid running the run_terminal_cmd tool. The tool was not executed. Please refer to the user\'s message for next steps.').outcome, 'rejected');
  assert.deepEqual(grokToolOutcome('failed', 'Tool `run_terminal_cmd` was not executed: blocked by policy'), { outcome: 'failed', errorKind: 'permission_denied' });
  assert.deepEqual(grokToolOutcome('completed', 'Error: the word error inside a good result'), { outcome: 'ok' });
});

test('scanProject counts exactly: 7 calls in 2 sessions, 2 failed, 1 rejected, 2 interrupted, 1 damaged line', async () => {
  const [scan] = await scanProject([plugin], '/home/dev/shop', { environment: { home: FIXTURE_HOME, env: {} }, reporter: reporter() });
  const s = scan.stats;
  assert.deepEqual(
    [s.sessions, s.subagentSessions, s.toolCalls, s.failed, s.rejected, s.interrupted, s.skippedLines],
    [2, 1, 7, 2, 1, 2, 1],
  );
});

test('targets: GROK.md, or AGENTS.md when the project has only that; learn writes the rule there with the user\'s text kept', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'headroom-grok-'));
  try {
    const project = path.join(root, 'shop');
    await fs.mkdir(project, { recursive: true });
    assert.deepEqual(plugin.targets(project).map((t) => [t.kind, path.basename(t.path)]), [['context', 'GROK.md'], ['memory', 'GROK.md']]);
    const own = '# Agents\n\nKeep this line.\n';
    await fs.writeFile(path.join(project, 'AGENTS.md'), own);
    assert.deepEqual(plugin.targets(project).map((t) => path.basename(t.path)), ['AGENTS.md', 'AGENTS.md']);

    // Two sessions with the pytest → uv run pytest correction: a rule.
    const home = path.join(root, 'home');
    const text = (await fs.readFile(MAIN, 'utf8')).replaceAll('/home/dev/shop', project);
    for (const id of ['c1', 'c2']) {
      const folder = path.join(home, '.grok', 'sessions', encodeURIComponent(project), id);
      await fs.mkdir(folder, { recursive: true });
      await fs.writeFile(path.join(folder, 'updates.jsonl'), text.replaceAll(SESSION, id).replace(/"toolCallId": "t/g, `"toolCallId": "${id}t`));
    }
    const learned = await learnProject({ projectPath: project, plugins: [plugin], environment: { home, env: {} } });
    assert.deepEqual(learned.proposals.map((p) => [path.basename(p.path), p.agent]), [['AGENTS.md', 'grok']]);
    const proposal = learned.proposals[0];
    assert.ok(proposal.proposedText!.startsWith(own));
    assert.match(proposal.proposedSection!, /^<!-- headroom:learn:start -->\n## Headroom Learned Patterns\n/);
    assert.match(proposal.proposedSection!, /`uv run pytest`/);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
});
