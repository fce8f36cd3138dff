import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GeminiCliPlugin } from '../../../../src/core/agents/gemini/GeminiCliPlugin.js';
import { MAX_WARNINGS_PER_FILE } from '../../../../src/core/agents/gemini/sessionNotes.js';
import type { AgentEnvironment } from '../../../../src/core/agents/plugin.js';
import { MAX_LINE_BYTES } from '../../../../src/core/logs/readJsonLines.js';
import { scanProject } from '../../../../src/core/scan/scanProject.js';

const PROJECT = '/home/dev/damaged_logs.project';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const line = (value: unknown) => `${JSON.stringify(value)}\n`;
const shellCall = (id: string, output: string) => ({
  id,
  name: 'run_shell_command',
  args: { command: 'true' },
  status: 'success',
  result: [{ functionResponse: { id, name: 'run_shell_command', response: { output } } }],
});

async function makeHome(): Promise<{ home: string; chats: string; environment: AgentEnvironment }> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'gemini-damaged-'));
  const chats = path.join(home, '.gemini', 'tmp', sha(PROJECT), 'chats');
  await fs.mkdir(chats, { recursive: true });
  return { home, chats, environment: { home, env: {} } };
}

test('garbage, unknown, oversized (> 8 MB, made here) and truncated lines are counted and listed; the scan goes on', async () => {
  const { home, chats } = await makeHome();
  try {
    const file = path.join(chats, 'session-2026-04-01T00-00-aaaaaaaa.jsonl');
    const huge = { id: 'g-huge', type: 'gemini', toolCalls: [shellCall('huge-call', 'x'.repeat(MAX_LINE_BYTES + 10))] };
    await fs.writeFile(
      file,
      line({ sessionId: 'aaaaaaaa-1', projectHash: sha(PROJECT), startTime: '2026-04-01T00:00:00.000Z', kind: 'main' }) + // 1
        'this is not json\n' + // 2
        line({ id: 'u-1', type: 'user', content: 'go' }) + // 3
        line({ type: 'mystery', detail: 1 }) + // 4: unknown record type
        line({ id: 'g-1', type: 'gemini', toolCalls: [shellCall('ok-call', 'Output: fine\nProcess Group PGID: 1')] }) + // 5
        line(huge) + // 6: over MAX_LINE_BYTES
        line({ id: 'no-type' }) + // 7: an id but no message type
        '{"id":"g-9","type":"gemini","toolCalls":[', // 8: cut while being written (no newline)
    );
    const session = await new GeminiCliPlugin().parse({ agent: 'gemini', path: file, projectPath: PROJECT, subagent: false });
    assert.deepEqual(session.calls.map((c) => [c.callId, c.line]), [['ok-call', 5]]);
    assert.equal(session.skippedLines, 5);
    assert.deepEqual(
      session.warnings.map((w) => w.slice(file.length)),
      [
        ':2: not JSON; skipped',
        ':4: unknown record type; skipped',
        ':6: line longer than 8 MB; skipped',
        ':7: record with an id but no message type; skipped',
        ':8: truncated last line (log cut while being written); skipped',
      ],
    );
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});

test('warnings per file are bounded; every skipped line is still counted', async () => {
  const { home, chats } = await makeHome();
  try {
    const file = path.join(chats, 'session-2026-04-05T00-00-eeeeeeee.jsonl');
    await fs.writeFile(file, line({ sessionId: 'e', projectHash: 'h' }) + 'garbage\n'.repeat(MAX_WARNINGS_PER_FILE + 10));
    const session = await new GeminiCliPlugin().parse({ agent: 'gemini', path: file, projectPath: PROJECT, subagent: false });
    assert.equal(session.skippedLines, MAX_WARNINGS_PER_FILE + 10);
    assert.equal(session.warnings.length, MAX_WARNINGS_PER_FILE + 1);
    assert.equal(session.warnings.at(-1), `${file}: … and 10 more`);
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});

test('a legacy .json that is not valid JSON, or is over the size bound, is one skipped record with a warning naming the file', async () => {
  const { home, chats } = await makeHome();
  try {
    const broken = path.join(chats, 'session-2026-04-02T00-00-bbbbbbbb.json');
    await fs.writeFile(broken, '{\n  "sessionId": "bbbbbbbb-1",\n  "messages": [\n    {"id": "u-1", "type": "user"');
    const plugin = new GeminiCliPlugin({ maxDocumentBytes: 1024 });
    const parsedBroken = await plugin.parse({ agent: 'gemini', path: broken, projectPath: PROJECT, subagent: false });
    assert.equal(parsedBroken.skippedLines, 1);
    assert.equal(parsedBroken.calls.length, 0);
    assert.deepEqual(parsedBroken.warnings, [`${broken}: not valid JSON (truncated or damaged session document); skipped`]);

    const big = path.join(chats, 'session-2026-04-06T00-00-ffffffff.json');
    const messages = [{ id: 'g-1', type: 'gemini', toolCalls: [shellCall('c', 'Output: ' + 'y'.repeat(2000))] }];
    await fs.writeFile(big, JSON.stringify({ sessionId: 'f', messages }, null, 2));
    const parsedBig = await plugin.parse({ agent: 'gemini', path: big, projectPath: PROJECT, subagent: false });
    assert.equal(parsedBig.skippedLines, 1);
    assert.equal(parsedBig.calls.length, 0);
    assert.match(parsedBig.warnings[0], /^.*session-2026-04-06T00-00-ffffffff\.json: single-document session of \d+\.\d KB is over the 1\.0 KB limit; not read$/);
    // The default bound reads it.
    assert.equal((await new GeminiCliPlugin().parse({ agent: 'gemini', path: big, projectPath: PROJECT, subagent: false })).calls.length, 1);
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});

test('a pretty-printed document saved as .jsonl is read as one document', async () => {
  const { home, chats } = await makeHome();
  try {
    const file = path.join(chats, 'session-2026-04-07T00-00-abababab.jsonl');
    const messages = [{ id: 'u', type: 'user' }, { id: 'g', type: 'gemini', toolCalls: [shellCall('c', 'Output: x\nExit Code: 2')] }];
    await fs.writeFile(file, JSON.stringify({ sessionId: 'abababab-1', projectHash: 'h', messages }, null, 2));
    const session = await new GeminiCliPlugin().parse({ agent: 'gemini', path: file, projectPath: PROJECT, subagent: false });
    assert.deepEqual(session.calls.map((c) => [c.line, c.outcome, c.exitCode]), [[2, 'failed', 2]]);
    assert.equal(session.skippedLines, 0);
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});

test('unreadable files (dangling link, folder named like a session) and folders are reported; the scan finishes', async () => {
  const { home, chats, environment } = await makeHome();
  try {
    await fs.writeFile(
      path.join(chats, 'session-2026-04-01T00-00-aaaaaaaa.jsonl'),
      line({ sessionId: 'aaaaaaaa-1', projectHash: sha(PROJECT) }) +
        line({ id: 'g-1', type: 'gemini', toolCalls: [shellCall('fail-call', 'Output: boom\nExit Code: 3\nProcess Group PGID: 9')] }),
    );
    const dangling = path.join(chats, 'session-2026-04-03T00-00-cccccccc.jsonl');
    await fs.symlink(path.join(chats, 'gone.jsonl'), dangling);
    const folder = path.join(chats, 'session-2026-04-04T00-00-dddddddd.jsonl');
    await fs.mkdir(folder);
    // A subagent folder that cannot be listed (a link to itself: ELOOP; chmod does not stop root).
    await fs.symlink('loop', path.join(chats, 'loop'));
    await fs.mkdir(path.join(chats, 'parent-session'));
    await fs.symlink(path.join(chats, 'loop'), path.join(chats, 'parent-session', 'child.jsonl'));

    const plugin = new GeminiCliPlugin();
    await assert.rejects(plugin.parse({ agent: 'gemini', path: dangling, projectPath: PROJECT, subagent: false }), (error: Error) => {
      assert.match(error.message, /session-2026-04-03T00-00-cccccccc\.jsonl: not found/);
      return true;
    });
    await assert.rejects(plugin.parse({ agent: 'gemini', path: folder, projectPath: PROJECT, subagent: false }), /session-2026-04-04T00-00-dddddddd\.jsonl: is a folder/);

    const warnings: string[] = [];
    const [scan] = await scanProject([plugin], PROJECT, { environment, reporter: { warn: (m) => warnings.push(m) } });
    assert.equal(scan.stats.sessions, 1);
    assert.equal(scan.stats.failed, 1);
    assert.equal(scan.stats.errorKinds.exit_code, 1);
    assert.deepEqual(scan.unreadableFiles.map((f) => path.basename(f)).sort(), [
      'child.jsonl',
      'session-2026-04-03T00-00-cccccccc.jsonl',
      'session-2026-04-04T00-00-dddddddd.jsonl',
    ]);
    assert.equal(warnings.length, 3);
    assert.ok(warnings.every((w) => /^Cannot read session .*; skipped\.$/.test(w)), warnings.join('\n'));
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});

test('an unreadable chats folder is reported and skipped', async () => {
  const { home, environment } = await makeHome();
  try {
    const projectFolder = path.join(home, '.gemini', 'tmp', sha(PROJECT));
    await fs.rm(path.join(projectFolder, 'chats'), { recursive: true });
    await fs.symlink('chats', path.join(projectFolder, 'chats'));
    const warnings: string[] = [];
    const files = await new GeminiCliPlugin().findSessions(PROJECT, environment, { warn: (m) => warnings.push(m) });
    assert.deepEqual(files, []);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^Cannot read folder .*chats: .*; skipped\.$/);
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});
