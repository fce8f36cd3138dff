/** Bad input never stops a Codex scan: it is counted, named with file:line, and skipped. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as os from 'node:os';
import { promises as fs, createWriteStream } from 'node:fs';
import { CodexPlugin } from '../../../../src/core/agents/codex/CodexPlugin.js';
import { MAX_WARNINGS_PER_FILE } from '../../../../src/core/agents/codex/skippedLines.js';
import { scanProject, scanSessions } from '../../../../src/core/scan/scanProject.js';

const plugin = new CodexPlugin();
const reporter = (): { warn: (m: string) => void; warnings: string[] } => {
  const warnings: string[] = [];
  return { warnings, warn: (m) => warnings.push(m) };
};

async function tempCodexHome(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'codex-robust-'));
}

const meta = (cwd: string): string => JSON.stringify({ timestamp: '2026-01-01T00:00:00.000Z', type: 'session_meta', payload: { id: 'robust-1', cwd } });
const call = (id: string, cmd: string): string =>
  JSON.stringify({ type: 'response_item', payload: { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd }), call_id: id } });
const output = (id: string, code: number): string =>
  JSON.stringify({ type: 'response_item', payload: { type: 'function_call_output', call_id: id, output: `Chunk ID: a\nWall time: 0 seconds\nProcess exited with code ${code}\nOutput:\n` } });

/** Writes a JSONL file with a line of `hugeBytes` bytes in it, streaming so the test holds no big string. */
async function writeWithHugeLine(file: string, before: string[], hugeBytes: number, after: string): Promise<void> {
  const stream = createWriteStream(file);
  for (const line of before) stream.write(`${line}\n`);
  const chunk = 'x'.repeat(1024 * 1024);
  stream.write('{"type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"');
  for (let written = 0; written < hugeBytes; written += chunk.length) stream.write(chunk);
  stream.write('"}]}}\n');
  stream.write(after);
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

test('garbage, an unknown record type, a >8 MB line and a truncated last line are counted and listed; the good calls survive', async () => {
  const home = await tempCodexHome();
  try {
    const dir = path.join(home, '.codex', 'sessions', '2026', '01', '01');
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, 'rollout-2026-01-01T00-00-00-00000000-0000-7000-8000-000000000001.jsonl');
    await writeWithHugeLine(
      file,
      [
        meta('/p/proj'), // 1
        call('c1', 'npm test'), // 2
        'this is not json {', // 3
        JSON.stringify({ timestamp: 't', type: 'brand_new_kind', payload: {} }), // 4
        output('c1', 1), // 5
        '[1,2,3]', // 6: JSON but not an object
        JSON.stringify({ type: 'response_item', payload: { type: 'function_call', name: 'exec_command' } }), // 7: no call_id
      ],
      9 * 1024 * 1024, // 8: the huge line
      `${call('c2', 'ls')}\n${output('c2', 0)}\n{"type":"response_item","payload":{"type":"function_call_out`, // 9, 10, 11 (truncated)
    );
    const session = await plugin.parse({ agent: 'codex', path: file, projectPath: '/p/proj', subagent: false });
    assert.deepEqual(
      session.calls.map((c) => [c.callId, c.outcome, c.line]),
      [
        ['c1', 'failed', 5],
        ['c2', 'ok', 10],
      ],
    );
    assert.equal(session.skippedLines, 6);
    const where = (line: number): RegExp => new RegExp(`${path.basename(file).replace(/\./g, '\\.')}:${line}: `);
    const expectations: Array<[number, RegExp]> = [
      [3, /not JSON/],
      [4, /unknown record type "brand_new_kind"/],
      [6, /not a JSON object/],
      [7, /function_call without name or call_id/],
      [8, /longer than 8 MB/],
      [11, /truncated/],
    ];
    for (const [line, reason] of expectations) {
      assert.ok(session.warnings.some((w) => where(line).test(w) && reason.test(w)), `warning for line ${line}: ${session.warnings.join(' | ')}`);
    }

    // The same file through the scan: finishes and totals the skipped lines.
    const scans = await scanProject([plugin], '/p/proj', { environment: { home, env: {} }, reporter: reporter() });
    assert.equal(scans[0].stats.skippedLines, 6);
    assert.equal(scans[0].stats.failed, 1);
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});

test('warnings per file are bounded; the rest are summed up in one line', async () => {
  const home = await tempCodexHome();
  try {
    const file = path.join(home, 'rollout-garbage.jsonl');
    await fs.writeFile(file, `${meta('/p')}\n${'garbage\n'.repeat(100)}`);
    const session = await plugin.parse({ agent: 'codex', path: file, projectPath: '/p', subagent: false });
    assert.equal(session.skippedLines, 100);
    assert.equal(session.warnings.length, MAX_WARNINGS_PER_FILE + 1);
    assert.match(session.warnings.at(-1) ?? '', /and 80 more skipped lines/);
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});

test('a corrupt legacy .json document is one skipped record, not a crash', async () => {
  const home = await tempCodexHome();
  try {
    const file = path.join(home, 'rollout-2025-04-01-abc.json');
    await fs.writeFile(file, '{"session": {"id": "abc"}, "items": [ {"type": "function_call", ');
    const session = await plugin.parse({ agent: 'codex', path: file, projectPath: '/p', subagent: false });
    assert.deepEqual([session.calls.length, session.skippedLines], [0, 1]);
    assert.match(session.warnings[0], /rollout-2025-04-01-abc\.json:1: not a JSON document/);
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});

test('an unreadable session (dangling symlink, folder named like a rollout) throws an error naming it; the scan reports it and goes on', async () => {
  const home = await tempCodexHome();
  try {
    const sessions = path.join(home, '.codex', 'sessions');
    await fs.mkdir(sessions, { recursive: true });
    const dangling = path.join(sessions, 'rollout-2026-01-01T00-00-00-dangling.jsonl');
    await fs.symlink(path.join(home, 'gone.jsonl'), dangling);
    const folder = path.join(sessions, 'rollout-2026-01-02T00-00-00-folder.jsonl');
    await fs.mkdir(folder);
    const legacyFolder = path.join(sessions, 'rollout-2025-01-01-folder.json');
    await fs.mkdir(legacyFolder);
    const good = path.join(sessions, 'rollout-2026-01-03T00-00-00-good.jsonl');
    await fs.writeFile(good, `${meta('/p/proj')}\n${call('g1', 'ls')}\n${output('g1', 0)}\n`);

    for (const bad of [dangling, folder, legacyFolder]) {
      await assert.rejects(plugin.parse({ agent: 'codex', path: bad, projectPath: '/p/proj', subagent: false }), (error: Error) => {
        assert.ok(error.message.includes(bad), error.message);
        return true;
      });
    }
    const log = reporter();
    const files = [dangling, folder, good].map((p) => ({ agent: 'codex', path: p, projectPath: '/p/proj', subagent: false }));
    const scan = await scanSessions(plugin, '/p/proj', files, { environment: { home, env: {} }, reporter: log });
    assert.deepEqual(scan.unreadableFiles, [dangling, folder]);
    assert.equal(scan.stats.sessions, 1);
    assert.equal(scan.stats.toolCalls, 1);
    assert.equal(log.warnings.length, 2);
    assert.match(log.warnings[0], /dangling\.jsonl: not found/);

    // Discovery walks past the folder and does not list the dangling link: only the good file belongs to /p/proj.
    const found = await plugin.findSessions('/p/proj', { home, env: {} }, reporter());
    assert.deepEqual(found.map((f) => path.basename(f.path)), ['rollout-2026-01-03T00-00-00-good.jsonl']);
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});
