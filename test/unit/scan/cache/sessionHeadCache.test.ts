// The heads a listing reads, kept in the project cache (src/core/scan/cache/sessionHeadCache.ts): a second listing
// of an unchanged history stats each log instead of reading its head, and lists exactly what a listing without it lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClaudeCodePlugin } from '../../../../src/core/agents/claude/ClaudeCodePlugin.js';
import { CodexPlugin } from '../../../../src/core/agents/codex/CodexPlugin.js';
import type { AgentEnvironment, AgentPlugin } from '../../../../src/core/agents/plugin.js';
import { KeptSessionHeads } from '../../../../src/core/scan/cache/sessionHeadCache.js';
import { ProjectResultCache } from '../../../../src/core/scan/cache/projectResultCache.js';
import { copyFixtureHome, collectingReporter, fixtureEnvironment } from '../../agents/claude/claudeFixtureHome.js';

const CODEX_HOME = path.resolve(__dirname, '../../../fixtures/codex/home');

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const isText = (value: unknown): value is string => typeof value === 'string';

/** A reader that counts its reads: the head of a file is its first line. */
function countingReader(): { read: (file: string) => Promise<string>; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: async (file: string) => {
      reads.push(path.basename(file));
      return (await fs.promises.readFile(file, 'utf8')).split('\n')[0]!;
    },
  };
}

function logs(dir: string, names: string[]): string[] {
  return names.map((name) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `head of ${name}\nmore\n`);
    return file;
  });
}

test('a second listing reads only the heads of the logs that changed (size or mtime), and gives the same heads in order', async () => {
  const root = tempDir('heads-cache-');
  const files = logs(tempDir('heads-logs-'), ['a.jsonl', 'b.jsonl', 'c.jsonl']);
  const first = countingReader();
  const heads = new KeptSessionHeads(new ProjectResultCache(root));
  const read1 = await heads.read('kind-1', '/scope', files, first.read, isText);
  await heads.save();
  assert.deepEqual(first.reads, ['a.jsonl', 'b.jsonl', 'c.jsonl']);
  assert.deepEqual(read1, [{ head: 'head of a.jsonl' }, { head: 'head of b.jsonl' }, { head: 'head of c.jsonl' }]);

  const second = countingReader();
  const again = new KeptSessionHeads(new ProjectResultCache(root));
  assert.deepEqual(await again.read('kind-1', '/scope', files, second.read, isText), read1);
  await again.save();
  assert.deepEqual(second.reads, [], 'nothing changed: no head read');

  fs.writeFileSync(files[1]!, 'a new head\n'); // rewritten: another size
  const third = countingReader();
  const changed = new KeptSessionHeads(new ProjectResultCache(root));
  assert.deepEqual(await changed.read('kind-1', '/scope', files, third.read, isText), [read1[0], { head: 'a new head' }, read1[2]]);
  await changed.save();
  assert.deepEqual(third.reads, ['b.jsonl']);

  // Another reader kind, or another folder listed, keeps its own heads.
  const other = countingReader();
  const otherKind = new KeptSessionHeads(new ProjectResultCache(root));
  await otherKind.read('kind-2', '/scope', files, other.read, isText);
  await otherKind.read('kind-1', '/other-scope', files, other.read, isText);
  assert.equal(other.reads.length, 6);
});

test('a log that cannot be read gives its error in its place and is tried again next time; a kept head the reader would not give is read again', async () => {
  const root = tempDir('heads-cache-');
  const dir = tempDir('heads-logs-');
  const files = [...logs(dir, ['a.jsonl']), path.join(dir, 'gone.jsonl')];
  const reader = countingReader();
  const heads = new KeptSessionHeads(new ProjectResultCache(root));
  const results = await heads.read('kind', '/scope', files, reader.read, isText);
  await heads.save();
  assert.deepEqual(results[0], { head: 'head of a.jsonl' });
  assert.equal(((results[1] as { error: NodeJS.ErrnoException }).error).code, 'ENOENT');

  const again = countingReader();
  const next = new KeptSessionHeads(new ProjectResultCache(root));
  const isLongText = (value: unknown): value is string => typeof value === 'string' && value.length > 100; // no kept head passes
  await next.read('kind', '/scope', files, again.read, isLongText);
  assert.deepEqual(again.reads, ['a.jsonl', 'gone.jsonl']);
});

test('a damaged heads file is discarded: the heads are read again, the listing goes on', async () => {
  const root = tempDir('heads-cache-');
  const files = logs(tempDir('heads-logs-'), ['a.jsonl']);
  const heads = new KeptSessionHeads(new ProjectResultCache(root));
  await heads.read('kind', '/scope', files, countingReader().read, isText);
  await heads.save();
  const folder = path.join(root, 'project-cache');
  for (const name of fs.readdirSync(folder)) fs.writeFileSync(path.join(folder, name), '{"format":1,"kind":"heads","keyDigest":"x","payloadDigest":"y","payload":"{"}');
  const reader = countingReader();
  const logged: string[] = [];
  const again = new KeptSessionHeads(new ProjectResultCache(root, { log: (message) => logged.push(message) }));
  assert.deepEqual(await again.read('kind', '/scope', files, reader.read, isText), [{ head: 'head of a.jsonl' }]);
  assert.deepEqual(reader.reads, ['a.jsonl']);
  assert.equal(logged.length, 1);
});

test('an unwritable cache folder: every head is read, the listing is the same', async () => {
  const file = path.join(tempDir('heads-root-'), 'a-file');
  fs.writeFileSync(file, 'not a folder');
  const files = logs(tempDir('heads-logs-'), ['a.jsonl']);
  for (let run = 0; run < 2; run += 1) {
    const reader = countingReader();
    const heads = new KeptSessionHeads(new ProjectResultCache(file));
    assert.deepEqual(await heads.read('kind', '/scope', files, reader.read, isText), [{ head: 'head of a.jsonl' }]);
    await heads.save();
    assert.deepEqual(reader.reads, ['a.jsonl']);
  }
});

/** What listProjects gives with and without kept heads, and the warnings, on a first and a second listing. */
async function listedBothWays(plugin: AgentPlugin, environment: AgentEnvironment): Promise<void> {
  const plain = collectingReporter();
  const expected = await plugin.listProjects(environment, plain);
  const root = tempDir('heads-cache-');
  for (const run of ['first', 'second']) {
    const reporter = collectingReporter();
    const heads = new KeptSessionHeads(new ProjectResultCache(root));
    assert.deepEqual(await plugin.listProjects(environment, reporter, { heads }), expected, `${run} listing with kept heads`);
    await heads.save();
    assert.deepEqual(reporter.warnings, plain.warnings, `${run} listing's warnings`);
  }
}

test('Claude Code and Codex list the same projects, sessions and warnings with kept heads as without, first and second time', async () => {
  const claude = await copyFixtureHome();
  try {
    fs.writeFileSync(path.join(claude.projects, '-home-dev-my-app-v2-with-space', 'broken.jsonl'), 'not json\n{"cwd": 5}\n');
    await listedBothWays(new ClaudeCodePlugin(), fixtureEnvironment(claude.home));
  } finally {
    await claude.cleanup();
  }
  await listedBothWays(new CodexPlugin(), { home: CODEX_HOME, env: {} });
});
