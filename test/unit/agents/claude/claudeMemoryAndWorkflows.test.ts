/*
 * The gaps closed in Claude Code support: where MEMORY.md goes when the user moved the auto memory
 * (autoMemoryDirectory, CLAUDE_CODE_PROJECT_DIR_NAME) or the project path is long enough for Claude Code
 * 2.1.224+'s unpublished folder suffix, and the agents of Workflow runs
 * (`<session>/subagents/workflows/<run>/agent-*.jsonl`). Each test builds its own home in a temp folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { ClaudeCodePlugin } from '../../../../src/core/agents/claude/ClaudeCodePlugin.js';
import { encodeClaudeProjectPath } from '../../../../src/core/agents/claude/encodeClaudeProjectPath.js';
import type { AgentEnvironment } from '../../../../src/core/agents/plugin.js';
import { collectingReporter } from './claudeFixtureHome.js';

const plugin = new ClaudeCodePlugin();

async function tempHome(): Promise<{ home: string; cleanup: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'headroom-claude-gaps-'));
  return { home: dir, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

async function write(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
}

/** A Claude Code transcript with one failed Bash call and its fix, recorded in `cwd`. */
function transcript(cwd: string, sessionId: string, sidechain = false): string {
  const base = { cwd, sessionId, version: '2.1.230', isSidechain: sidechain, userType: 'external' };
  const records = [
    { ...base, type: 'user', uuid: 'u1', timestamp: '2026-11-01T10:00:00.000Z', message: { role: 'user', content: 'run the tests' } },
    { ...base, type: 'assistant', uuid: 'a1', timestamp: '2026-11-01T10:00:01.000Z', message: { id: 'm1', role: 'assistant', content: [{ type: 'tool_use', id: `${sessionId}-t1`, name: 'Bash', input: { command: 'pytest' } }] } },
    { ...base, type: 'user', uuid: 'u2', timestamp: '2026-11-01T10:00:02.000Z', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `${sessionId}-t1`, is_error: true, content: 'Exit code 127\nsh: pytest: command not found' }] } },
    { ...base, type: 'assistant', uuid: 'a2', timestamp: '2026-11-01T10:00:03.000Z', message: { id: 'm2', role: 'assistant', content: [{ type: 'tool_use', id: `${sessionId}-t2`, name: 'Bash', input: { command: 'uv run pytest' } }] } },
    { ...base, type: 'user', uuid: 'u3', timestamp: '2026-11-01T10:00:04.000Z', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `${sessionId}-t2`, content: '3 passed' }] } },
  ];
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

function memoryTarget(projectPath: string, environment: AgentEnvironment): { path: string; root?: string } {
  const target = plugin.targets(projectPath, environment).find((t) => t.kind === 'memory');
  assert.ok(target);
  return { path: target.path, root: target.root };
}

test('MEMORY.md follows autoMemoryDirectory of the user settings (~/ expanded), and the memory file may not leave it', async () => {
  const { home, cleanup } = await tempHome();
  try {
    await write(path.join(home, '.claude', 'settings.json'), JSON.stringify({ autoMemoryDirectory: '~/notes/claude-memory', model: 'opus' }));
    const target = memoryTarget('/work/shop', { home, env: {} });
    assert.equal(target.path, path.join(home, 'notes', 'claude-memory', 'MEMORY.md'));
    assert.equal(target.root, path.join(home, 'notes', 'claude-memory'));
  } finally {
    await cleanup();
  }
});

test('the project settings.local.json wins over the user settings; the shared .claude/settings.json and a relative value are not used', async () => {
  const { home, cleanup } = await tempHome();
  const project = path.join(home, 'code', 'shop');
  try {
    await write(path.join(home, '.claude', 'settings.json'), JSON.stringify({ autoMemoryDirectory: '/srv/user-memory' }));
    await write(path.join(project, '.claude', 'settings.json'), JSON.stringify({ autoMemoryDirectory: '/tmp/repo-says-here' }));
    assert.equal(memoryTarget(project, { home, env: {} }).path, path.join('/srv/user-memory', 'MEMORY.md'));

    await write(path.join(project, '.claude', 'settings.local.json'), JSON.stringify({ autoMemoryDirectory: '/srv/local-memory' }));
    assert.equal(memoryTarget(project, { home, env: {} }).path, path.join('/srv/local-memory', 'MEMORY.md'));

    await write(path.join(project, '.claude', 'settings.local.json'), JSON.stringify({ autoMemoryDirectory: 'relative/memory' }));
    assert.equal(memoryTarget(project, { home, env: {} }).path, path.join('/srv/user-memory', 'MEMORY.md'));

    await write(path.join(home, '.claude', 'settings.json'), '{ not json');
    assert.equal(
      memoryTarget(project, { home, env: {} }).path,
      path.join(home, '.claude', 'projects', encodeClaudeProjectPath(project), 'memory', 'MEMORY.md'),
    );
  } finally {
    await cleanup();
  }
});

test('CLAUDE_CODE_PROJECT_DIR_NAME names the memory and transcript folder, only together with CLAUDE_CONFIG_DIR', async () => {
  const { home, cleanup } = await tempHome();
  const configDir = path.join(home, 'claude-config');
  try {
    await write(path.join(configDir, 'projects', 'shop-vm', 'sess-1.jsonl'), transcript('/workspace', 'sess-1'));
    const withConfig: AgentEnvironment = { home, env: { CLAUDE_CONFIG_DIR: configDir, CLAUDE_CODE_PROJECT_DIR_NAME: 'shop-vm' } };
    assert.equal(memoryTarget('/workspace', withConfig).path, path.join(configDir, 'projects', 'shop-vm', 'memory', 'MEMORY.md'));
    const found = await plugin.findSessions('/workspace', withConfig, collectingReporter());
    assert.deepEqual(found.map((f) => path.relative(configDir, f.path)), [path.join('projects', 'shop-vm', 'sess-1.jsonl')]);

    const withoutConfig: AgentEnvironment = { home, env: { CLAUDE_CODE_PROJECT_DIR_NAME: 'shop-vm' } };
    assert.equal(memoryTarget('/workspace', withoutConfig).path, path.join(home, '.claude', 'projects', '-workspace', 'memory', 'MEMORY.md'));
    const escaping: AgentEnvironment = { home, env: { CLAUDE_CONFIG_DIR: configDir, CLAUDE_CODE_PROJECT_DIR_NAME: '../elsewhere' } };
    assert.equal(memoryTarget('/workspace', escaping).path, path.join(configDir, 'projects', '-workspace', 'memory', 'MEMORY.md'));
  } finally {
    await cleanup();
  }
});

test('a long project path: MEMORY.md goes into the folder Claude Code itself used for the project, whatever its suffix', async () => {
  const { home, cleanup } = await tempHome();
  const project = `/home/dev/${'a-long-folder-name-to-pass-two-hundred/'.repeat(6)}shop`;
  const sibling = `/home/dev/${'a-long-folder-name-to-pass-two-hundred/'.repeat(6)}other`;
  const projects = path.join(home, '.claude', 'projects');
  const prefix = encodeClaudeProjectPath(project).slice(0, 200);
  try {
    // A newer Claude Code named the folder with a suffix we cannot compute; a sibling project shares the prefix.
    await write(path.join(projects, `${prefix}-x9new01`, 'sess-1.jsonl'), transcript(project, 'sess-1'));
    await write(path.join(projects, `${prefix}-s1bl1ng`, 'sess-2.jsonl'), transcript(sibling, 'sess-2'));
    assert.equal(memoryTarget(project, { home, env: {} }).path, path.join(projects, `${prefix}-x9new01`, 'memory', 'MEMORY.md'));
    assert.equal(memoryTarget(sibling, { home, env: {} }).path, path.join(projects, `${prefix}-s1bl1ng`, 'memory', 'MEMORY.md'));
    // No transcript of the project yet: the suffix older versions compute.
    const fresh = `/home/dev/${'a-long-folder-name-to-pass-two-hundred/'.repeat(6)}new`;
    assert.equal(memoryTarget(fresh, { home, env: {} }).path, path.join(projects, encodeClaudeProjectPath(fresh), 'memory', 'MEMORY.md'));
  } finally {
    await cleanup();
  }
});

test('agents of Workflow runs are read as subagents of their session; the run journal is not a transcript', async () => {
  const { home, cleanup } = await tempHome();
  const folder = path.join(home, '.claude', 'projects', '-work-shop');
  try {
    await write(path.join(folder, 'sess-1.jsonl'), transcript('/work/shop', 'sess-1'));
    await write(path.join(folder, 'sess-1', 'subagents', 'agent-a1.jsonl'), transcript('/work/shop', 'sess-1', true));
    await write(path.join(folder, 'sess-1', 'subagents', 'workflows', 'wf_8ca2332b-21c', 'agent-w1.jsonl'), transcript('/work/shop', 'sess-1', true));
    await write(path.join(folder, 'sess-1', 'subagents', 'workflows', 'wf_8ca2332b-21c', 'journal.jsonl'), '{"type":"started","agentId":"w1"}\n');
    await write(path.join(folder, 'sess-1', 'subagents', 'workflows', 'wf_8ca2332b-21c', 'agent-w1.meta.json'), '{"agentType":"general"}');
    const environment = { home, env: {} };
    const found = await plugin.findSessions('/work/shop', environment, collectingReporter());
    assert.deepEqual(
      found.map((f) => [path.relative(folder, f.path), f.subagent, f.sessionId]),
      [
        ['sess-1.jsonl', false, 'sess-1'],
        [path.join('sess-1', 'subagents', 'agent-a1.jsonl'), true, 'sess-1'],
        [path.join('sess-1', 'subagents', 'workflows', 'wf_8ca2332b-21c', 'agent-w1.jsonl'), true, 'sess-1'],
      ],
    );
    const workflowAgent = await plugin.parse(found[2]);
    assert.deepEqual(
      workflowAgent.calls.map((c) => [c.command, c.outcome, c.subagent]),
      [
        ['pytest', 'failed', true],
        ['uv run pytest', 'ok', true],
      ],
    );
    const listed = await plugin.listProjects(environment, collectingReporter());
    assert.deepEqual(listed.map((p) => [p.projectPath, p.sessions.length]), [['/work/shop', 3]]);
  } finally {
    await cleanup();
  }
});
