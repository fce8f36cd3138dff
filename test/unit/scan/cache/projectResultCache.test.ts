// Results computed from a project's whole set of logs (src/core/scan/cache/projectResultCache.ts): a second `scan`
// of an unchanged project reads no log, and any change to a log, the files or the parser computes it again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import type { AgentPlugin, SessionFile } from '../../../../src/core/agents/plugin.js';
import { ClaudeCodePlugin } from '../../../../src/core/agents/claude/ClaudeCodePlugin.js';
import { scanSessions, type AgentScan } from '../../../../src/core/scan/scanProject.js';
import { SessionCache } from '../../../../src/core/scan/cache/sessionCache.js';
import { ProjectResultCache, type ProjectResultKey } from '../../../../src/core/scan/cache/projectResultCache.js';

const FIXTURES = path.resolve(__dirname, '../../../fixtures');
const CLAUDE_LOGS = ['cc-2.1.12-rejections-errors.jsonl', 'cc-2.0.76-errors.jsonl'].map((name) => path.join(FIXTURES, 'samples', 'claude', name));

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The Claude plugin with its parses counted. */
function countingPlugin(): { plugin: AgentPlugin; parses: () => number } {
  const inner = new ClaudeCodePlugin();
  let parses = 0;
  const resumable = inner.resumable!;
  const plugin: AgentPlugin = Object.assign(Object.create(inner) as AgentPlugin, {
    parse: (file: SessionFile, options: Parameters<AgentPlugin['parse']>[1]) => {
      parses += 1;
      return inner.parse(file, options);
    },
    resumable: {
      parseFrom: (file: SessionFile, from: Parameters<typeof resumable.parseFrom>[1], options: Parameters<typeof resumable.parseFrom>[2]) => {
        parses += 1;
        return resumable.parseFrom(file, from, options);
      },
    },
  });
  return { plugin, parses: () => parses };
}

/** Copies of the sample logs in a temp folder, as the session files of project /p. */
function copiedLogs(): SessionFile[] {
  const dir = tempDir('project-logs-');
  return CLAUDE_LOGS.map((log) => {
    const target = path.join(dir, path.basename(log));
    fs.copyFileSync(log, target);
    return { agent: 'claude', path: target, projectPath: '/p', subagent: false };
  });
}

async function figures(plugin: AgentPlugin, files: SessionFile[], cache: SessionCache | undefined): Promise<{ scan: AgentScan; warnings: string[] }> {
  const warnings: string[] = [];
  const scan = await scanSessions(plugin, '/p', files, { environment: { home: '/nonexistent', env: {} }, reporter: { warn: (m) => warnings.push(m) }, cache, keepSessions: false });
  return { scan, warnings };
}

test('a figures-only scan keeps no session, and a second one of an unchanged project reads no log: same figures, same warnings', async () => {
  const files = copiedLogs();
  fs.appendFileSync(files[0]!.path, 'not json\n'); // a warning the second scan must give again
  const root = tempDir('cache-');
  const first = countingPlugin();
  const cold = await figures(first.plugin, files, new SessionCache(root));
  assert.ok(first.parses() > 0);
  assert.deepEqual(cold.scan.sessions, [], 'sessions are released once counted');
  assert.ok(cold.scan.stats.toolCalls > 0);
  assert.ok(cold.warnings.some((w) => w.includes('not JSON')));

  const second = countingPlugin();
  const warm = await figures(second.plugin, files, new SessionCache(root));
  assert.equal(second.parses(), 0, 'no log is read');
  assert.deepEqual(warm.scan.stats, cold.scan.stats);
  assert.deepEqual(warm.warnings, cold.warnings);
  const uncached = await figures(new ClaudeCodePlugin(), files, undefined);
  assert.deepEqual(warm.scan.stats, uncached.scan.stats, 'the same as with no cache');
});

test('a log that grew, a file more or less, or another parser version computes the figures again', async () => {
  const files = copiedLogs();
  const root = tempDir('cache-');
  const before = await figures(new ClaudeCodePlugin(), files, new SessionCache(root));

  const one = await figures(new ClaudeCodePlugin(), files.slice(0, 1), new SessionCache(root));
  assert.equal(one.scan.stats.sessions, 1, 'one file fewer: its own figures');
  assert.deepEqual((await figures(new ClaudeCodePlugin(), files, new SessionCache(root))).scan.stats, before.scan.stats, 'and both again');

  const record = fs.readFileSync(files[1]!.path, 'utf8').split('\n').find((line) => line.includes('"tool_use"'))!;
  const grownCall = JSON.parse(record) as { message: { content: Array<{ type: string; id?: string }> } };
  for (const block of grownCall.message.content) if (block.type === 'tool_use') block.id = 'toolu_appended_1';
  fs.appendFileSync(files[1]!.path, `\n${JSON.stringify(grownCall)}\n`);
  const later = new Date(fs.statSync(files[1]!.path).mtimeMs + 5000);
  fs.utimesSync(files[1]!.path, later, later);
  const counting = countingPlugin();
  const grown = await figures(counting.plugin, files, new SessionCache(root));
  assert.equal(counting.parses(), 1, 'only the log that grew is read (on from its checkpoint); the other log’s figures are kept');
  const plain = await figures(new ClaudeCodePlugin(), files, undefined);
  assert.deepEqual(grown.scan.stats, plain.scan.stats, "the same as with no cache");
  assert.equal(grown.scan.stats.toolCalls, before.scan.stats.toolCalls + 1, "the appended call is counted");

  const other = countingPlugin();
  Object.assign(other.plugin, { parserVersion: 'another' });
  await figures(other.plugin, files, new SessionCache(root));
  assert.ok(other.parses() > 0, 'another parser version reads the logs again');
});

const KEY: ProjectResultKey = { parsers: ['x@1'], logs: [['/p/a.jsonl', 10, 1, false, null]], options: {} };
const schema = z.object({ n: z.number() });

test('a damaged or tampered result is discarded with one log line, never served, never an error', async () => {
  const root = tempDir('cache-');
  const logged: string[] = [];
  const results = new ProjectResultCache(root, { log: (m) => logged.push(m) });
  await results.put('scan', 'p', KEY, { n: 1 });
  assert.deepEqual(await results.get('scan', 'p', KEY, schema), { n: 1 });
  assert.equal(await results.get('scan', 'p', { ...KEY, logs: [['/p/a.jsonl', 11, 1, false, null]] }, schema), undefined, 'another size: a miss');

  const [name] = fs.readdirSync(results.folder);
  const file = path.join(results.folder, name!);
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { payload: string };
  fs.writeFileSync(file, JSON.stringify({ ...stored, payload: '{"n":2}' }));
  assert.equal(await results.get('scan', 'p', KEY, schema), undefined, 'a payload that does not match its digest');
  assert.equal(fs.existsSync(file), false, 'removed');
  await results.put('scan', 'p', KEY, { n: 1 });
  fs.writeFileSync(file, '{"format":1,"kind":"sc');
  assert.equal(await results.get('scan', 'p', KEY, schema), undefined);
  assert.equal(logged.filter((m) => m.includes('damaged')).length, 1, 'noted once');

  await results.put('scan', 'p', KEY, { n: 1 });
  fs.writeFileSync(file, JSON.stringify({ format: 99, anything: true }));
  assert.equal(await results.get('scan', 'p', KEY, schema), undefined);
  assert.ok(logged.some((m) => m.includes('another version')));
});

test('past its bound the least recently used results go; clear removes them all', async () => {
  const root = tempDir('cache-');
  const results = new ProjectResultCache(root, { maxResults: 2 });
  await results.put('scan', 'a', KEY, { n: 1 });
  await results.put('scan', 'b', KEY, { n: 2 });
  const old = new Date(Date.now() - 60_000);
  for (const name of fs.readdirSync(results.folder)) fs.utimesSync(path.join(results.folder, name), old, old);
  assert.deepEqual(await results.get('scan', 'a', KEY, schema), { n: 1 }, 'a is used: b is now the least recently used');
  await results.put('scan', 'c', KEY, { n: 3 });
  assert.equal(await results.get('scan', 'b', KEY, schema), undefined);
  assert.deepEqual(await results.get('scan', 'a', KEY, schema), { n: 1 });
  assert.deepEqual(await results.get('scan', 'c', KEY, schema), { n: 3 });
  assert.equal((await results.size()).entries, 2);
  assert.deepEqual(await new SessionCache(root).clear(), { entries: 0, results: 2 }, 'cache clear counts and removes them');
  assert.equal((await results.size()).entries, 0);
});
