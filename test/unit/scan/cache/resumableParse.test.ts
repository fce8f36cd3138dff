// ResumableParser (agents/plugin.ts): a log parsed up to some point, then read on from its checkpoint once it
// grew, gives exactly what a parse of the whole grown file gives. Run on the real samples and fixtures of Claude
// Code transcripts and Codex rollouts, cut at many places (between lines, and inside a line still being written).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AgentPlugin, ParseCheckpoint, SessionFile } from '../../../../src/core/agents/plugin.js';
import { ClaudeCodePlugin } from '../../../../src/core/agents/claude/ClaudeCodePlugin.js';
import { CodexPlugin } from '../../../../src/core/agents/codex/CodexPlugin.js';

const FIXTURES = path.resolve(__dirname, '../../../fixtures');

function jsonlFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => path.join(folder, name))
    .sort();
}

const CLAUDE_LOGS = [...jsonlFiles(path.join(FIXTURES, 'samples', 'claude')), ...jsonlFiles(path.join(FIXTURES, 'corpus')).slice(0, 8)];
const CODEX_LOGS = [...jsonlFiles(path.join(FIXTURES, 'samples', 'codex')), ...jsonlFiles(path.join(FIXTURES, 'codex', 'home'))];

/** Places to cut `bytes`: after a spread of its lines, and inside a few lines (a line still being written). */
function cutPoints(bytes: Buffer): number[] {
  const ends: number[] = [];
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) ends.push(i + 1);
  const step = Math.max(1, Math.floor(ends.length / 8));
  const between = ends.filter((_, i) => i % step === 0);
  const inside = between.slice(1, 4).map((end) => end - 7);
  return [...new Set([0, ...between, ...inside])].filter((cut) => cut >= 0 && cut < bytes.length).sort((a, b) => a - b);
}

/** The session as JSON would keep it (what the scan cache stores and gives back). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function tempLog(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resume-'));
  return path.join(dir, name);
}

async function checkResumes(plugin: AgentPlugin, logs: readonly string[]): Promise<number> {
  let checked = 0;
  for (const log of logs) {
    const bytes = fs.readFileSync(log);
    const target = tempLog(path.basename(log));
    const file: SessionFile = { agent: plugin.name, path: target, projectPath: '/p', subagent: false };
    fs.writeFileSync(target, bytes);
    const whole = plain(await plugin.parse(file));
    for (const cut of cutPoints(bytes)) {
      fs.writeFileSync(target, bytes.subarray(0, cut));
      const first = await plugin.resumable!.parseFrom(file, undefined);
      assert.ok(first.checkpoint, `${log}: a JSONL log gives a checkpoint`);
      assert.ok(first.checkpoint.offset <= cut, `${log} cut at ${cut}: the checkpoint is at a line end inside what was there`);
      fs.writeFileSync(target, bytes);
      const resumed = await plugin.resumable!.parseFrom(file, plain(first.checkpoint) as ParseCheckpoint);
      assert.deepEqual(plain(resumed.session), whole, `${log} cut at byte ${cut}: resumed = parsed whole`);
      checked += 1;
    }
    fs.rmSync(path.dirname(target), { recursive: true, force: true });
  }
  return checked;
}

test('Claude Code: a transcript read on from its checkpoint after it grew gives exactly the whole parse', async () => {
  assert.ok(CLAUDE_LOGS.length >= 5);
  assert.ok((await checkResumes(new ClaudeCodePlugin(), CLAUDE_LOGS)) > 40);
});

test('Codex: a rollout read on from its checkpoint after it grew gives exactly the whole parse', async () => {
  assert.ok(CODEX_LOGS.length >= 5);
  assert.ok((await checkResumes(new CodexPlugin(), CODEX_LOGS)) > 40);
});

test('a resumed parse does not read the lines before its checkpoint again', async () => {
  for (const [plugin, log] of [
    [new ClaudeCodePlugin(), CLAUDE_LOGS[0]],
    [new CodexPlugin(), CODEX_LOGS[0]],
  ] as const) {
    const bytes = fs.readFileSync(log);
    const target = tempLog(path.basename(log));
    const file: SessionFile = { agent: plugin.name, path: target, projectPath: '/p', subagent: false };
    fs.writeFileSync(target, bytes);
    const { session, checkpoint } = await plugin.resumable!.parseFrom(file, undefined);
    assert.ok(checkpoint && checkpoint.offset > 0 && session.calls.length > 0, `${log}: calls and a checkpoint`);
    // The bytes before the checkpoint blanked out: a parse from the start finds no calls there; a resumed one
    // never looks there, so it keeps every call.
    const blanked = Buffer.from(bytes);
    blanked.fill(0x20, 0, checkpoint.offset);
    fs.writeFileSync(target, blanked);
    assert.ok((await plugin.parse(file)).calls.length < session.calls.length);
    const resumed = await plugin.resumable!.parseFrom(file, checkpoint);
    assert.deepEqual(plain(resumed.session), plain(session));
  }
});

test('a checkpoint the parser did not write (another agent, a damaged state) is ignored: the file is read from its start', async () => {
  const claude = new ClaudeCodePlugin();
  const log = CLAUDE_LOGS[0];
  const file: SessionFile = { agent: 'claude', path: log, projectPath: '/p', subagent: false };
  const whole = plain(await claude.parse(file));
  const codexFile: SessionFile = { agent: 'codex', path: CODEX_LOGS[0], projectPath: '/p', subagent: false };
  const codexCheckpoint = (await new CodexPlugin().resumable.parseFrom(codexFile, undefined)).checkpoint!;
  for (const from of [
    { ...codexCheckpoint, offset: 0, line: 0 },
    { offset: 0, line: 0, state: { invalidUtf8Seen: false, parser: { uses: 'not a list' } } },
    { offset: 0, line: 0, state: 'garbage' },
  ]) {
    assert.deepEqual(plain((await claude.resumable.parseFrom(file, from)).session), whole);
  }
});

test('Codex legacy JSON sessions give no checkpoint (parsed whole when they change)', async () => {
  const legacy = fs
    .readdirSync(path.join(FIXTURES, 'codex', 'home', '.codex', 'sessions'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(FIXTURES, 'codex', 'home', '.codex', 'sessions', name));
  assert.ok(legacy.length > 0);
  const { session, checkpoint } = await new CodexPlugin().resumable.parseFrom({ agent: 'codex', path: legacy[0], projectPath: '/p', subagent: false }, undefined);
  assert.equal(checkpoint, undefined);
  assert.ok(session.calls.length > 0);
});
