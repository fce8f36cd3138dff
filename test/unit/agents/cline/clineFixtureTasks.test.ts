import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clinePlugin, rooCodePlugin } from '../../../../src/core/agents/cline/clineAgents.js';
import type { AgentEnvironment, ParsedSession, SessionFile } from '../../../../src/core/agents/plugin.js';
import { workingFolderInJsonText } from '../../../../src/core/agents/cline/taskWorkingFolder.js';
import { xmlToolUses } from '../../../../src/core/agents/cline/xmlToolUses.js';
import { clineCallViews } from '../../../../src/core/agents/cline/clineToolNames.js';

/**
 * Task folders written in the formats read at the agents' source (cited in src/core/agents/cline/*.ts): Cline's
 * XML era and native tool calls, Roo Code's versioned envelope and legacy array. The generator's intent per file
 * is in test/fixtures/cline/README.md. "line" is the 1-based position of the message in the conversation array.
 */
const HOME = path.resolve(__dirname, '../../../../test/fixtures/cline/home');
const STORAGE = path.join(HOME, '.config', 'Code', 'User', 'globalStorage');
const CLINE_TASKS = path.join(STORAGE, 'saoudrizwan.claude-dev', 'tasks');
const ROO_TASKS = path.join(STORAGE, 'rooveterinaryinc.roo-cline', 'tasks');
const environment: AgentEnvironment = { home: HOME, env: {} };

function collect(): { warn(m: string): void; warnings: string[] } {
  const warnings: string[] = [];
  return { warn: (m) => warnings.push(m), warnings };
}

function session(agent: string, tasks: string, taskId: string): SessionFile {
  return { agent, path: path.join(tasks, taskId, 'api_conversation_history.json'), projectPath: '/work/shop', subagent: false, sessionId: taskId };
}

const summary = (parsed: ParsedSession) =>
  parsed.calls.map((c) => [c.index, c.callId, c.tool, c.line, c.outcome, c.errorKind, c.exitCode, c.command ?? c.path, c.userFeedback, c.turn]);

test('Cline, XML era: a failed read and its fix, a rejection with the user\'s words, a tool that never ran, a damaged record', async () => {
  const parsed = await clinePlugin().parse(session('cline', CLINE_TASKS, '1767100000000'));
  assert.equal(parsed.sessionId, '1767100000000');
  assert.equal(parsed.startedAt, '2025-12-30T13:06:40.000Z', 'the task id is its start in epoch milliseconds');
  assert.equal(parsed.cwd, '/work/shop');
  assert.deepEqual(summary(parsed), [
    [0, 'xml:2:0', 'Read', 3, 'failed', 'file_not_found', undefined, 'src/util.ts', undefined, 'message:2'],
    [1, 'xml:4:0', 'Read', 5, 'ok', undefined, undefined, 'src/utils.ts', undefined, 'message:4'],
    [2, 'xml:6:0', 'Bash', 7, 'rejected', undefined, undefined, 'docker compose up -d', 'I start the containers myself', 'message:6'],
    [3, 'xml:8:0', 'Bash', 9, 'ok', undefined, undefined, 'npm test', undefined, 'message:8'],
    // Cline runs one tool per message: the second tag got "Tool [read_file] was not executed …".
    [4, 'xml:8:1', 'Read', 8, 'interrupted', undefined, undefined, 'package.json', undefined, 'message:8'],
    // The last call has no answer: the task ended before it ran.
    [5, 'xml:11:0', 'Other', 11, 'interrupted', undefined, undefined, undefined, undefined, 'message:11'],
  ]);
  assert.match(parsed.calls[0].output, /File not found: \/work\/shop\/src\/util\.ts/, 'the error inside the wrapper is the output');
  assert.match(parsed.calls[3].output, /error: none/, '"error" in a successful output does not make it fail');
  assert.equal(parsed.skippedLines, 1);
  assert.deepEqual(parsed.warnings, [`${path.join(CLINE_TASKS, '1767100000000', 'api_conversation_history.json')}:10: not a message record; skipped`]);
});

test('Cline, native tool calls: tool_result blocks matched by id, the "Result:" header dropped', async () => {
  const parsed = await clinePlugin().parse(session('cline', CLINE_TASKS, '1767200000000'));
  assert.deepEqual(summary(parsed), [
    [0, 'toolu_01', 'Read', 3, 'failed', 'file_not_found', undefined, 'src/util.ts', undefined, 'message:2'],
    [1, 'toolu_02', 'Read', 5, 'ok', undefined, undefined, 'src/utils.ts', undefined, 'message:4'],
    [2, 'toolu_03', 'Bash', 7, 'rejected', undefined, undefined, 'docker compose up -d', 'no containers, please', 'message:6'],
  ]);
  assert.equal(parsed.calls[1].output, 'export const sum = (a: number, b: number) => a + b;');
  assert.equal(parsed.skippedLines, 0);
});

test('A conversation cut off mid-write is one skipped record with a warning, not an error', async () => {
  const parsed = await clinePlugin().parse(session('cline', CLINE_TASKS, '1767300000000'));
  assert.deepEqual(parsed.calls, []);
  assert.equal(parsed.skippedLines, 1);
  assert.match(parsed.warnings[0], /1767300000000\/api_conversation_history\.json: not valid JSON \(truncated or damaged conversation\); skipped$/);
});

test('An unreadable conversation throws an error naming the agent and the file', async () => {
  await assert.rejects(clinePlugin().parse(session('cline', CLINE_TASKS, 'no-such-task')), /^Error: Cannot read Cline task .*no-such-task.*: not found$/);
});

test('Roo Code, versioned envelope: AI SDK parts, the exit code Roo states, a denial with feedback as JSON, a reasoning item, a damaged record', async () => {
  const parsed = await rooCodePlugin().parse(session('roo', ROO_TASKS, '0b1c2d3e-0000-4000-8000-000000000001'));
  assert.equal(parsed.startedAt, '2026-01-05T08:00:00.000Z');
  assert.deepEqual(summary(parsed), [
    [0, 'call_1', 'Bash', 3, 'failed', 'module_not_found', 1, 'python3 -m pytest', undefined, 'message:2'],
    [1, 'call_2', 'Bash', 6, 'ok', undefined, 0, 'uv run pytest', undefined, 'message:5'],
    [2, 'call_3', 'Write', 8, 'rejected', undefined, undefined, 'tests/test_new.py', 'keep tests in tests/unit', 'message:7'],
  ]);
  assert.equal(parsed.calls[0].timestamp, '2026-01-05T08:00:02.000Z');
  assert.equal(parsed.skippedLines, 1, 'the message whose ts is not a number');
  assert.match(parsed.warnings[0], /:9: not a message record; skipped$/);
});

test('Roo Code, legacy array: is_error and the JSON error text', async () => {
  const parsed = await rooCodePlugin().parse(session('roo', ROO_TASKS, '0b1c2d3e-0000-4000-8000-000000000002'));
  assert.deepEqual(summary(parsed), [
    [0, 'toolu_r1', 'Bash', 3, 'failed', 'module_not_found', 1, 'python3 -m pytest -q', undefined, 'message:2'],
    [1, 'toolu_r2', 'Bash', 5, 'ok', undefined, 0, 'uv run pytest -q', undefined, 'message:4'],
    [2, 'toolu_r3', 'Read', 7, 'failed', 'permission_denied', undefined, 'README.md', undefined, 'message:6'],
  ]);
  assert.equal(parsed.calls[2].output, 'Access blocked by .rooignore');
});

test('Projects: working folders from Cline\'s task index, Roo\'s history item or the environment details; the rest reported', async () => {
  const reporter = collect();
  const cline = await clinePlugin().listProjects(environment, reporter);
  assert.deepEqual(
    cline.map((p) => [p.projectPath, p.sessions.map((s) => s.sessionId)]),
    [['/work/shop', ['1767100000000', '1767200000000', '1767300000000', '1767600000000']]],
    'a folder with no conversation yet (1767500000000) is no session',
  );
  assert.equal(reporter.warnings.length, 1);
  assert.match(reporter.warnings[0], /^1 Cline task\(s\) name no working folder.*1767400000000\/api_conversation_history\.json\.$/);

  const roo = await rooCodePlugin().listProjects(environment, collect());
  assert.deepEqual(
    roo.map((p) => [p.projectPath, p.sessions.map((s) => [s.sessionId, s.subagent])]),
    [['/work/shop', [['0b1c2d3e-0000-4000-8000-000000000001', false], ['0b1c2d3e-0000-4000-8000-000000000002', true]]]],
    'a subtask (parentTaskId) is a subagent session',
  );
  const inSubfolder = await clinePlugin().findSessions('/work', environment, collect());
  assert.equal(inSubfolder.length, 4, 'a task that worked inside the project belongs to it');
  assert.deepEqual(await clinePlugin().findSessions('/work/shopping', environment, collect()), [], 'a sibling with a longer name does not');
});

test('Detection: the extension storage of any VS Code family editor, and HEADROOM_VSCODE_USER_DIR', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cline-detect-'));
  assert.equal(await clinePlugin().detect({ home: empty, env: {} }), false);
  const userDir = path.join(empty, 'portable', 'User');
  fs.mkdirSync(path.join(userDir, 'globalStorage', 'saoudrizwan.claude-dev', 'tasks'), { recursive: true });
  assert.equal(await clinePlugin().detect({ home: empty, env: { HEADROOM_VSCODE_USER_DIR: userDir } }), true);
  const mac = path.join(empty, 'Library', 'Application Support', 'VSCodium', 'User', 'globalStorage', 'rooveterinaryinc.roo-cline', 'tasks');
  fs.mkdirSync(mac, { recursive: true });
  assert.equal(await rooCodePlugin().detect({ home: empty, env: {} }), true);
  fs.rmSync(empty, { recursive: true, force: true });
});

test('Targets: .clinerules (or .clinerules/headroom-learn.md when it is a folder) and .roo/rules/headroom-learn.md', () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'cline-targets-'));
  const paths = (targets: Array<{ kind: string; path: string; scope: string }>) => targets.map((t) => [t.kind, t.path, t.scope]);
  assert.deepEqual(paths(clinePlugin().targets(project)), [
    ['context', path.join(project, '.clinerules'), 'project'],
    ['memory', path.join(project, '.clinerules'), 'project'],
  ]);
  fs.mkdirSync(path.join(project, '.clinerules'));
  assert.deepEqual(paths(clinePlugin().targets(project)), [
    ['context', path.join(project, '.clinerules', 'headroom-learn.md'), 'project'],
    ['memory', path.join(project, '.clinerules', 'headroom-learn.md'), 'project'],
  ]);
  assert.deepEqual(paths(rooCodePlugin().targets(project)), [
    ['context', path.join(project, '.roo', 'rules', 'headroom-learn.md'), 'project'],
    ['memory', path.join(project, '.roo', 'rules', 'headroom-learn.md'), 'project'],
  ]);
  fs.rmSync(project, { recursive: true, force: true });
});

test('The working folder in the raw JSON of the first message: escaped Windows paths, parentheses, Roo\'s folders-only variant', () => {
  const jsonOf = (text: string) => JSON.stringify([{ role: 'user', content: [{ type: 'text', text }] }]);
  assert.equal(workingFolderInJsonText(jsonOf('# Current Working Directory (C:\\Users\\ana\\shop (old)) Files\nsrc/\n')), 'C:\\Users\\ana\\shop (old)');
  assert.equal(workingFolderInJsonText(jsonOf('# Current Workspace Directory (c:/Users/ana/shop)\n(Only folders are included.)')), 'c:/Users/ana/shop');
  assert.equal(workingFolderInJsonText(jsonOf('The current working directory is now \'/x\'.')), undefined, 'a resumption notice is not the task\'s folder');
});

test('Cline 3.5x: native tool_use answered by a "[tool for \'x\'] Result:" text block; thinking blocks and metrics ignored', async () => {
  const parsed = await clinePlugin().parse(session('cline', CLINE_TASKS, '1767600000000'));
  assert.deepEqual(summary(parsed), [
    [0, 'toolu_01AAA', 'Bash', 3, 'failed', 'command_not_found', undefined, 'yarn test', undefined, 'message:2'],
    [1, 'toolu_01BBB', 'Bash', 5, 'ok', undefined, undefined, 'npm test', undefined, 'message:4'],
  ]);
  assert.equal(parsed.calls[1].output, 'Command executed.\nOutput:\n3 passing');
  assert.equal(parsed.skippedLines, 0);
});

test('XML tool tags: parameters trimmed, a tag left open is no call, Roo\'s multi-file read_file names its first path', () => {
  const uses = xmlToolUses('Let me look.\n<read_file>\n<args>\n<file>\n<path>src/a.ts</path>\n</file>\n<file><path>src/b.ts</path></file>\n</args>\n</read_file>\n<execute_command>\n<command>npm');
  assert.deepEqual(uses.map((u) => u.name), ['read_file']);
  assert.equal(clineCallViews('Read', uses[0].params).path, 'src/a.ts');
  assert.deepEqual(xmlToolUses('<search_files>\n<path> src </path>\n<regex>TODO</regex>\n</search_files>')[0].params, { path: 'src', regex: 'TODO' });
  assert.deepEqual(clineCallViews('Grep', { path: 'src', regex: 'TODO' }), { path: 'src', pattern: 'TODO' });
});

test('A damaged task index is reported and the working folders are read from the tasks themselves', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cline-index-'));
  fs.cpSync(HOME, home, { recursive: true });
  const index = path.join(home, '.config', 'Code', 'User', 'globalStorage', 'saoudrizwan.claude-dev', 'state', 'taskHistory.json');
  fs.writeFileSync(index, '[{"id":"1767100000000","cwdOnTask');
  const reporter = collect();
  const projects = await clinePlugin().listProjects({ home, env: {} }, reporter);
  assert.deepEqual(projects.map((p) => [p.projectPath, p.sessions.length]), [['/work/shop', 4]], "1767100000000's first message names /work/shop too");
  assert.equal(reporter.warnings[0], `Cline: ${index} is not valid JSON (damaged); skipped.`);
  fs.rmSync(home, { recursive: true, force: true });
});
