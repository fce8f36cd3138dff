// The incremental scan cache (src/core/scan/cache/): what a second scan reads, and that it finds the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AgentPlugin, ParseCheckpoint, SessionFile } from '../../../../src/core/agents/plugin.js';
import { ClaudeCodePlugin } from '../../../../src/core/agents/claude/ClaudeCodePlugin.js';
import { CodexPlugin } from '../../../../src/core/agents/codex/CodexPlugin.js';
import { GeminiCliPlugin } from '../../../../src/core/agents/gemini/GeminiCliPlugin.js';
import { scanSessions, type AgentScan } from '../../../../src/core/scan/scanProject.js';
import { SessionCache } from '../../../../src/core/scan/cache/sessionCache.js';

const FIXTURES = path.resolve(__dirname, '../../../fixtures');
const CLAUDE_LOG = path.join(FIXTURES, 'samples', 'claude', 'cc-2.1.12-rejections-errors.jsonl');
const CODEX_LOG = path.join(FIXTURES, 'samples', 'codex', 'rollout-0.123.0-unified-exec.jsonl');
const GEMINI_LOG = path.join(FIXTURES, 'samples', 'gemini', 'session-legacy-json-c.json');

interface Counted {
  plugin: AgentPlugin;
  /** parse() calls, and parseFrom() calls with the checkpoint each was given. */
  parses: number;
  resumes: Array<ParseCheckpoint | undefined>;
}

/** The plugin with its parser calls counted (its parserVersion replaceable). */
function counted(inner: AgentPlugin, parserVersion = inner.parserVersion): Counted {
  const counts: Counted = { plugin: inner, parses: 0, resumes: [] };
  const resumable = inner.resumable;
  counts.plugin = {
    name: inner.name,
    displayName: inner.displayName,
    parserVersion,
    detect: (environment) => inner.detect(environment),
    findSessions: (p, environment, reporter) => inner.findSessions(p, environment, reporter),
    listProjects: (environment, reporter) => inner.listProjects(environment, reporter),
    targets: (p, environment, options) => inner.targets(p, environment, options),
    parse: (file, options) => {
      counts.parses += 1;
      return inner.parse(file, options);
    },
    resumable: resumable && {
      parseFrom: (file, from, options) => {
        counts.resumes.push(from);
        return resumable.parseFrom(file, from, options);
      },
    },
  };
  return counts;
}

/** A clock before every sample's time: each sample session counts as one that may still grow, so it keeps its checkpoint. */
const SAMPLES_ARE_RECENT = { now: () => Date.parse('2020-01-01T00:00:00Z') };

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A copy of `log` in a temp folder, to change; and a SessionFile for it. */
function copyLog(log: string, agent: string): { file: SessionFile; target: string } {
  const target = path.join(tempDir('cache-log-'), path.basename(log));
  fs.copyFileSync(log, target);
  return { target, file: { agent, path: target, projectPath: '/p', subagent: false } };
}

async function scan(plugin: AgentPlugin, files: SessionFile[], cache?: SessionCache): Promise<AgentScan> {
  return scanSessions(plugin, '/p', files, { environment: { home: '/nonexistent', env: {} }, reporter: { warn: () => undefined }, cache });
}

/** What a user sees of a scan: its sessions and figures, as JSON. */
function seen(result: AgentScan): unknown {
  return JSON.parse(JSON.stringify({ sessions: result.sessions, stats: result.stats }));
}

/** Sets a file's mtime a little later, as a write would (some file systems keep mtimes to the second). */
function bumpMtime(file: string, seconds = 5): void {
  const stats = fs.statSync(file);
  const later = new Date(stats.mtimeMs + seconds * 1000);
  fs.utimesSync(file, later, later);
}

function lines(log: string): string[] {
  return fs.readFileSync(log, 'utf8').split('\n').filter((line) => line.trim() !== '');
}

test('an unchanged log is served from the cache: its parser is not called, and the scan is the same', async () => {
  for (const [inner, log] of [
    [new ClaudeCodePlugin(), CLAUDE_LOG],
    [new CodexPlugin(), CODEX_LOG],
    [new GeminiCliPlugin(), GEMINI_LOG],
  ] as const) {
    const { file } = copyLog(log, inner.name);
    const cache = new SessionCache(tempDir('cache-'));
    const first = counted(inner);
    const cold = await scan(first.plugin, [file], cache);
    assert.equal(first.parses + first.resumes.length, 1);
    const second = counted(inner);
    const warm = await scan(second.plugin, [file], new SessionCache(cache.folder.replace(/[\\/]scan-cache$/, '')));
    assert.equal(second.parses + second.resumes.length, 0, `${inner.name}: no parse on a warm scan`);
    assert.deepEqual(seen(warm), seen(cold));
    assert.deepEqual(seen(warm), seen(await scan(inner, [file])), `${inner.name}: the same as with no cache`);
    assert.ok(cold.stats.toolCalls > 0);
  }
});

test('a log that only grew is read on from its checkpoint and gives what a full parse gives', async () => {
  for (const [inner, log] of [
    [new ClaudeCodePlugin(), CLAUDE_LOG],
    [new CodexPlugin(), CODEX_LOG],
  ] as const) {
    const all = lines(log);
    const half = Math.floor(all.length / 2);
    const { file, target } = copyLog(log, inner.name);
    fs.writeFileSync(target, `${all.slice(0, half).join('\n')}\n`);
    const root = tempDir('cache-');
    await scan(inner, [file], new SessionCache(root, SAMPLES_ARE_RECENT));
    const before = fs.statSync(target).size;
    fs.appendFileSync(target, `${all.slice(half).join('\n')}\n`);
    bumpMtime(target);
    const grown = counted(inner);
    const resumed = await scan(grown.plugin, [file], new SessionCache(root, SAMPLES_ARE_RECENT));
    assert.equal(grown.parses, 0);
    assert.equal(grown.resumes.length, 1);
    assert.equal(grown.resumes[0]?.offset, before, `${inner.name}: read on from where the first scan ended`);
    assert.deepEqual(seen(resumed), seen(await scan(inner, [file])), `${inner.name}: resumed = parsed whole`);
  }
});

test('a log rewritten shorter, or rewritten at the same length, is parsed again from its start', async () => {
  const inner = new ClaudeCodePlugin();
  const all = lines(CLAUDE_LOG);
  const { file, target } = copyLog(CLAUDE_LOG, 'claude');
  const root = tempDir('cache-');
  await scan(inner, [file], new SessionCache(root));

  fs.writeFileSync(target, `${all.slice(0, 3).join('\n')}\n`);
  bumpMtime(target);
  const truncated = counted(inner);
  const shorter = await scan(truncated.plugin, [file], new SessionCache(root));
  assert.deepEqual(truncated.resumes, [undefined], 'a truncated log is not resumed');
  assert.deepEqual(seen(shorter), seen(await scan(inner, [file])));

  // Same size, other bytes: the first line's session id changed in place.
  const text = fs.readFileSync(target, 'utf8');
  const changed = text.replace(/"sessionId":"(.)/, (_, c: string) => `"sessionId":"${c === 'x' ? 'y' : 'x'}`);
  assert.equal(changed.length, text.length);
  assert.notEqual(changed, text);
  fs.writeFileSync(target, changed);
  bumpMtime(target, 10);
  const rewritten = counted(inner);
  const again = await scan(rewritten.plugin, [file], new SessionCache(root));
  assert.deepEqual(rewritten.resumes, [undefined], 'a rewritten log is not resumed');
  assert.deepEqual(seen(again), seen(await scan(inner, [file])));
});

test('a Gemini chat file that changed is parsed again whole', async () => {
  const inner = new GeminiCliPlugin();
  const { file, target } = copyLog(GEMINI_LOG, 'gemini');
  const root = tempDir('cache-');
  await scan(inner, [file], new SessionCache(root));
  const document = JSON.parse(fs.readFileSync(target, 'utf8')) as { messages: unknown[] };
  document.messages = document.messages.slice(0, Math.max(1, document.messages.length - 2));
  fs.writeFileSync(target, JSON.stringify(document));
  bumpMtime(target);
  const second = counted(inner);
  const result = await scan(second.plugin, [file], new SessionCache(root));
  assert.equal(second.parses, 1);
  assert.deepEqual(seen(result), seen(await scan(inner, [file])));
});

test('damaged cache entries are discarded with one log line, never an error, and written again', async () => {
  const inner = new ClaudeCodePlugin();
  const { file } = copyLog(CLAUDE_LOG, 'claude');
  const codex = copyLog(CODEX_LOG, 'codex');
  const root = tempDir('cache-');
  const expected = seen(await scan(inner, [file], new SessionCache(root)));
  await scan(new CodexPlugin(), [codex.file], new SessionCache(root));
  const folder = path.join(root, 'scan-cache');
  const entries = fs.readdirSync(folder);
  assert.ok(entries.length >= 2);
  for (const name of entries) fs.writeFileSync(path.join(folder, name), name.endsWith('.resume.json') ? '[1,2' : '{"format":1,"parser":"claude@1/source"}');

  const logged: string[] = [];
  const again = counted(inner);
  const result = await scan(again.plugin, [file], new SessionCache(root, { log: (message) => logged.push(message) }));
  assert.equal(again.resumes.length, 1);
  assert.deepEqual(seen(result), expected);
  assert.equal(logged.length, 1, 'one line for all the damaged entries');
  assert.match(logged[0], /damaged entry/);

  const third = counted(inner);
  await scan(third.plugin, [file], new SessionCache(root));
  assert.equal(third.parses + third.resumes.length, 0, 'the entry was written again');
});

test('entries another version wrote are parsed again, with one log line', async () => {
  const root = tempDir('cache-');
  const claude = copyLog(CLAUDE_LOG, 'claude');
  const codex = copyLog(CODEX_LOG, 'codex');
  await scan(new ClaudeCodePlugin(), [claude.file], new SessionCache(root));
  await scan(new CodexPlugin(), [codex.file], new SessionCache(root));
  const logged: string[] = [];
  const cache = new SessionCache(root, { log: (message) => logged.push(message) });
  const newer = counted(new ClaudeCodePlugin(), '2');
  await scan(newer.plugin, [claude.file], cache);
  const newerCodex = counted(new CodexPlugin(), '2');
  await scan(newerCodex.plugin, [codex.file], cache);
  assert.deepEqual(newer.resumes, [undefined], 'no checkpoint of the other version is used');
  assert.deepEqual(newerCodex.resumes, [undefined]);
  assert.equal(logged.length, 1);
  assert.match(logged[0], /another version/);
});

test('past its size bound the cache removes the least recently used entries first', async () => {
  const root = tempDir('cache-');
  const logs = ['a', 'b', 'c'].map((name) => {
    const target = path.join(tempDir('cache-log-'), `${name}.jsonl`);
    fs.copyFileSync(CLAUDE_LOG, target);
    return { agent: 'claude', path: target, projectPath: '/p', subagent: false } satisfies SessionFile;
  });
  const plugin = new ClaudeCodePlugin();
  for (const file of logs) await scan(plugin, [file], new SessionCache(root, SAMPLES_ARE_RECENT));
  const folder = path.join(root, 'scan-cache');
  const sizes = fs.readdirSync(folder).map((name) => fs.statSync(path.join(folder, name)).size);
  const perLog = sizes.reduce((a, b) => a + b, 0) / logs.length;
  // b used long ago, a a while ago, c just now.
  const entriesOf = (file: SessionFile) => fs.readdirSync(folder).filter((name) => fs.readFileSync(path.join(folder, name), 'utf8').includes(JSON.stringify(file.path)));
  const age = (file: SessionFile, minutes: number) => {
    for (const name of entriesOf(file)) fs.utimesSync(path.join(folder, name), new Date(Date.now() - minutes * 60_000), new Date(Date.now() - minutes * 60_000));
  };
  age(logs[1], 60);
  age(logs[0], 30);

  const d = { ...logs[0], path: logs[0].path.replace(/a\.jsonl$/, 'd.jsonl') };
  fs.copyFileSync(CLAUDE_LOG, d.path);
  const bound = Math.floor(perLog * 3.5);
  await scan(plugin, [d], new SessionCache(root, { ...SAMPLES_ARE_RECENT, maxBytes: bound }));
  const total = fs.readdirSync(folder).reduce((sum, name) => sum + fs.statSync(path.join(folder, name)).size, 0);
  assert.ok(total <= bound, `${total} bytes kept, bound ${bound}`);
  assert.equal(entriesOf(logs[1]).length, 0, 'the least recently used log is gone');
  assert.ok(entriesOf(logs[2]).length > 0 && entriesOf(d).length > 0, 'the recent ones stay');
});

test('a history larger than the bound does not thrash: the entries a run stored stay, the rest is parsed without caching, and the next run reads those from the cache', async () => {
  const root = tempDir('cache-');
  const logs = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => {
    const target = path.join(tempDir('cache-log-'), `${name}.jsonl`);
    fs.copyFileSync(CLAUDE_LOG, target);
    return { agent: 'claude', path: target, projectPath: '/p', subagent: false } satisfies SessionFile;
  });
  // What one log's entries take, measured with an unbounded cache.
  const probe = tempDir('cache-');
  await scan(new ClaudeCodePlugin(), [logs[0]], new SessionCache(probe));
  const probeFolder = path.join(probe, 'scan-cache');
  const perLog = fs.readdirSync(probeFolder).reduce((sum, name) => sum + fs.statSync(path.join(probeFolder, name)).size, 0);
  const bound = Math.floor(perLog * 4.5); // about four logs; one entry may take at most a quarter of the bound

  const logged: string[] = [];
  const first = counted(new ClaudeCodePlugin());
  const firstResult = await scan(first.plugin, logs, new SessionCache(root, { maxBytes: bound, log: (m) => logged.push(m) }));
  assert.equal(first.parses + first.resumes.length, 6);
  assert.equal(logged.filter((m) => /scan cache: full/.test(m)).length, 1, 'said once that the cache is full');
  const second = counted(new ClaudeCodePlugin());
  const secondResult = await scan(second.plugin, logs, new SessionCache(root, { maxBytes: bound }));
  assert.deepEqual(seen(secondResult), seen(firstResult), 'the same scan');
  // Before, each store evicted the least recently used entries, i.e. the ones this very run needs next time: 6 of 6 parsed again.
  assert.ok(second.parses + second.resumes.length <= 3, `the entries kept serve the next run (${second.parses + second.resumes.length} of 6 parsed)`);
});

test('a cache folder that cannot be written only means no caching: the scan is right, one log line', async () => {
  const blocker = path.join(tempDir('cache-'), 'a-file');
  fs.writeFileSync(blocker, 'not a folder');
  const logged: string[] = [];
  const { file } = copyLog(CLAUDE_LOG, 'claude');
  const plugin = new ClaudeCodePlugin();
  const result = await scan(plugin, [file, { ...file }], new SessionCache(blocker, { log: (message) => logged.push(message) }));
  assert.deepEqual(seen(result), seen(await scan(plugin, [file, { ...file }])));
  assert.equal(logged.length, 1);
  assert.match(logged[0], /cannot write/);
});

test('cache clear removes every entry', async () => {
  const root = tempDir('cache-');
  const { file } = copyLog(CLAUDE_LOG, 'claude');
  await scan(new ClaudeCodePlugin(), [file], new SessionCache(root));
  const cache = new SessionCache(root);
  assert.equal((await cache.size()).entries, 1);
  assert.deepEqual(await cache.clear(), { entries: 1, results: 0 });
  assert.equal((await cache.size()).entries, 0);
  const after = counted(new ClaudeCodePlugin());
  await scan(after.plugin, [file], new SessionCache(root));
  assert.equal(after.resumes.length, 1, 'parsed again after clear');
});

test('a scan that rebases a worktree’s paths gets the same calls from the cache as from the log', async () => {
  const inner = new ClaudeCodePlugin();
  const { file } = copyLog(CLAUDE_LOG, 'claude');
  const recordedCwd = (await inner.parse(file)).cwd;
  assert.ok(recordedCwd, 'the sample records its working folder');
  const checkouts = ['/p', recordedCwd];
  const rebasing = (plugin: AgentPlugin, cache?: SessionCache) =>
    scanSessions(plugin, '/p', [file], { environment: { home: '/nonexistent', env: {} }, reporter: { warn: () => undefined }, cache, checkouts });
  const root = tempDir('cache-');
  await scan(inner, [file], new SessionCache(root, SAMPLES_ARE_RECENT));
  // The first scan did not rebase, so it kept only the scanned calls: the session comes from its checkpoint.
  const first = counted(inner);
  const fromCheckpoint = await rebasing(first.plugin, new SessionCache(root, SAMPLES_ARE_RECENT));
  assert.equal(first.parses, 0);
  assert.equal(first.resumes.length, 1);
  assert.ok((first.resumes[0]?.offset ?? 0) > fs.statSync(file.path).size / 2, 'read on from its checkpoint (before the unterminated last line), not from the start');
  const warm = counted(inner);
  const result = await rebasing(warm.plugin, new SessionCache(root, SAMPLES_ARE_RECENT));
  assert.equal(warm.parses + warm.resumes.length, 0, 'a rebasing scan keeps the calls: the next one reads nothing');
  const expected = seen(await rebasing(inner));
  assert.deepEqual(seen(fromCheckpoint), expected);
  assert.deepEqual(seen(result), expected);
  assert.ok(JSON.stringify(expected).includes('"cwd":"/p"'), 'paths were rebased');
});

test('a session quiet for a week keeps no checkpoint (most of an entry’s bytes): if its log grows anyway it is parsed again whole, with the same result', async () => {
  const inner = new CodexPlugin();
  const all = lines(CODEX_LOG);
  const half = Math.floor(all.length / 2);
  const { file, target } = copyLog(CODEX_LOG, 'codex');
  fs.writeFileSync(target, `${all.slice(0, half).join('\n')}\n`);
  const root = tempDir('cache-');
  await scan(inner, [file], new SessionCache(root, { now: () => Date.parse('2099-01-01T00:00:00Z') }));
  assert.deepEqual(
    fs.readdirSync(path.join(root, 'scan-cache')).filter((name) => name.endsWith('.resume.json')),
    [],
    'no checkpoint for a session whose last record is decades old',
  );
  fs.appendFileSync(target, `${all.slice(half).join('\n')}\n`);
  bumpMtime(target);
  const grown = counted(inner);
  const result = await scan(grown.plugin, [file], new SessionCache(root, { now: () => Date.parse('2099-01-01T00:00:00Z') }));
  assert.deepEqual(grown.resumes, [undefined], 'parsed again from its start');
  assert.deepEqual(seen(result), seen(await scan(inner, [file])));

  const recent = tempDir('cache-');
  await scan(inner, [file], new SessionCache(recent, SAMPLES_ARE_RECENT));
  assert.equal(fs.readdirSync(path.join(recent, 'scan-cache')).filter((name) => name.endsWith('.resume.json')).length, 1, 'a recent session keeps its checkpoint');
});
