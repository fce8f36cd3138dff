import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { promises as fs, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseClaudeSession } from '../../../../src/core/agents/claude/parseClaudeSession.js';
import { ClaudeCodePlugin } from '../../../../src/core/agents/claude/ClaudeCodePlugin.js';
import { scanProject } from '../../../../src/core/scan/scanProject.js';
import { encodeClaudeProjectPath } from '../../../../src/core/agents/claude/encodeClaudeProjectPath.js';
import { APP_FOLDER, APP_PROJECT, collectingReporter, copyFixtureHome, FIXTURE_FILES, fixtureEnvironment, sessionFile } from './claudeFixtureHome.js';

/*
 * damaged.jsonl, line by line:
 *  1 user prompt (cwd /home/dev/damaged)       6 assistant tool_use without an id → malformed, skipped
 *  2 `this is not json {` → skipped            7 assistant tool_use toolu_D01 (Bash df -h)
 *  3 unknown type "attachment" → ignored       8 blank → ignored
 *  4 `[1,2,3]` (not a record) → skipped        9 tool_result for toolu_D01 → ok
 *  5 user record with message null → ignored  10 truncated last line, no newline → skipped
 */
test('garbage, non-record, malformed and truncated lines are counted and listed; the rest parses', async () => {
  const file = path.join(FIXTURE_FILES, 'damaged.jsonl');
  const session = await parseClaudeSession(sessionFile(file, false, '/home/dev/damaged'));
  assert.equal(session.skippedLines, 4);
  assert.deepEqual(session.warnings, [
    `${file}:2: not JSON; skipped`,
    `${file}:4: not a Claude Code record (no "type"); skipped`,
    `${file}:6: 1 malformed tool block(s); skipped`,
    `${file}:10: truncated last line; skipped`,
  ]);
  assert.deepEqual(session.calls.map((c) => [c.callId, c.line, c.outcome]), [['toolu_D01', 9, 'ok']]);
  assert.equal(session.cwd, '/home/dev/damaged');
});

test('a line over 8 MB is skipped without stopping the parse, and warnings stay bounded', async () => {
  const { home, cleanup } = await copyFixtureHome();
  try {
    const file = path.join(home, 'huge.jsonl');
    const out = createWriteStream(file);
    const record = (n: number, body: object) =>
      JSON.stringify({ type: 'user', sessionId: 'S', cwd: '/p', timestamp: `2026-03-04T00:00:0${n}.000Z`, uuid: `u${n}`, ...body });
    out.write(`${record(1, { message: { role: 'user', content: 'go' } })}\n`);
    out.write(`${JSON.stringify({ type: 'assistant', message: { content: [{ type: 'tool_use', id: 'toolu_H1', name: 'Read', input: { file_path: '/p/big.log' } }] } })}\n`);
    // 9 MB result line, written in chunks so the test itself never holds it whole.
    out.write('{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"toolu_H1","content":"');
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 9; i++) if (!out.write(chunk)) await once(out, 'drain');
    out.write('"}]}}\n');
    for (let i = 0; i < 30; i++) out.write(`garbage ${i}\n`);
    out.write(`${JSON.stringify({ type: 'assistant', message: { content: [{ type: 'tool_use', id: 'toolu_H2', name: 'Bash', input: { command: 'tail big.log' } }] } })}\n`);
    out.write(`${JSON.stringify({ type: 'user', message: { content: [{ type: 'tool_result', tool_use_id: 'toolu_H2', content: 'last lines' }] } })}\n`);
    out.end();
    await once(out, 'finish');

    const session = await parseClaudeSession(sessionFile(file, false, '/p'));
    assert.equal(session.skippedLines, 31, 'the 9 MB line and 30 garbage lines');
    assert.equal(session.warnings[0], `${file}:3: line longer than 8 MB; skipped`);
    assert.equal(session.warnings.length, 21, '20 kept + one "and N more"');
    assert.equal(session.warnings[20], '… and 11 more problems in the same file');
    // The Read whose result was on the skipped line has no result left: interrupted, on its own line.
    assert.deepEqual(session.calls.map((c) => [c.callId, c.outcome, c.line]), [
      ['toolu_H1', 'interrupted', 2],
      ['toolu_H2', 'ok', 35],
    ]);
  } finally {
    await cleanup();
  }
});

test('an unreadable file makes parse throw an error that names the file', async () => {
  const { home, cleanup } = await copyFixtureHome();
  try {
    const dangling = path.join(home, 'gone.jsonl');
    await fs.symlink(path.join(home, 'does-not-exist.jsonl'), dangling);
    await assert.rejects(parseClaudeSession(sessionFile(dangling)), (error: Error & { code?: string }) => {
      assert.match(error.message, new RegExp(`${dangling.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not found`));
      assert.equal(error.code, 'ENOENT');
      return true;
    });
    const folder = path.join(home, 'folder.jsonl');
    await fs.mkdir(folder);
    await assert.rejects(parseClaudeSession(sessionFile(folder)), /folder\.jsonl: is a folder/);
  } finally {
    await cleanup();
  }
});

test('a scan over unreadable files and folders finishes and reports each of them', async () => {
  const { home, projects, cleanup } = await copyFixtureHome();
  try {
    const folder = path.join(projects, path.basename(APP_FOLDER));
    await fs.symlink(path.join(folder, 'nowhere.jsonl'), path.join(folder, 'dangling.jsonl'));
    await fs.mkdir(path.join(folder, 'not-a-file.jsonl'));
    await fs.copyFile(path.join(FIXTURE_FILES, 'damaged.jsonl'), path.join(folder, 'damaged.jsonl'));
    // A session folder whose subagents/ is a symlink loop cannot be listed (ELOOP, even as root).
    await fs.mkdir(path.join(folder, 'loop-session'));
    await fs.symlink('subagents', path.join(folder, 'loop-session', 'subagents'));

    const reporter = collectingReporter();
    const [scan] = await scanProject([new ClaudeCodePlugin()], APP_PROJECT, { environment: fixtureEnvironment(home), reporter });
    assert.deepEqual(scan.unreadableFiles.map((f) => path.basename(f)).sort(), ['dangling.jsonl', 'not-a-file.jsonl']);
    assert.ok(reporter.warnings.some((w) => w.startsWith(`Cannot read session ${path.join(folder, 'dangling.jsonl')}: not found`)));
    assert.ok(reporter.warnings.some((w) => w.startsWith(`Cannot read session ${path.join(folder, 'not-a-file.jsonl')}: is a folder`)));
    assert.ok(reporter.warnings.some((w) => w.startsWith(`Cannot read folder ${path.join(folder, 'loop-session', 'subagents')}`)));
    // damaged.jsonl records cwd /home/dev/damaged: it is in the folder but not this project's.
    assert.ok(!scan.sessions.some((s) => s.file.endsWith('damaged.jsonl')));
    // The fixture's four readable transcripts were still scanned (see discovery tests for their counts).
    assert.equal(scan.stats.sessions, 4);
  } finally {
    await cleanup();
  }
});

test('an unreadable project folder is reported and skipped by --all', async () => {
  const { home, projects, cleanup } = await copyFixtureHome();
  try {
    const loop = path.join(projects, encodeClaudeProjectPath('/home/dev/looped'));
    await fs.symlink(loop, loop);
    const reporter = collectingReporter();
    const listed = await new ClaudeCodePlugin().listProjects(fixtureEnvironment(home), reporter);
    assert.ok(listed.some((p) => p.projectPath === APP_PROJECT));
    const loopWarnings = reporter.warnings.filter((w) => w.includes('looped'));
    assert.equal(loopWarnings.length, 1);
    assert.match(loopWarnings[0], /^Cannot read folder .*-home-dev-looped: .*ELOOP.*; skipped\.$/);
  } finally {
    await cleanup();
  }
});
