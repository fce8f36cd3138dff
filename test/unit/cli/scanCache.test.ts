// The scan cache from the command line: where it lives, --no-cache on learn, scan and eval, `cache clear|info`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoFixture, runCli, safeEnv, tempDir } from './cliHarness.js';

function entries(cacheRoot: string): string[] {
  const folder = path.join(cacheRoot, 'scan-cache');
  return fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith('.json') && !name.endsWith('.resume.json')) : [];
}

test('learn keeps the parsed logs in $XDG_CACHE_HOME/headroom-learn; the second run gives the same result from it', async () => {
  const { home, project } = await demoFixture();
  const xdg = tempDir('xdg-cache-');
  const env = safeEnv(home, { XDG_CACHE_HOME: xdg });
  const cold = await runCli(['--project', project, '--json'], env);
  assert.equal(cold.code, 0, cold.err);
  const root = path.join(xdg, 'headroom-learn');
  const stored = entries(root);
  assert.ok(stored.length >= 3, 'one entry per session log (Claude Code, Codex, Gemini)');
  const warm = await runCli(['--project', project, '--json'], env);
  assert.equal(warm.code, 0);
  assert.equal(warm.out, cold.out);
  assert.equal(warm.err, cold.err);
  const uncached = await runCli(['--project', project, '--json', '--no-cache'], env);
  assert.equal(uncached.out, cold.out);
});

test('--no-cache on learn, scan and eval reads every log afresh and writes no cache', async () => {
  const { home, project } = await demoFixture();
  const cacheDir = path.join(tempDir('cache-dir-'), 'cache');
  const env = safeEnv(home, { HEADROOM_LEARN_CACHE_DIR: cacheDir });
  for (const argv of [
    ['--project', project, '--no-cache', '--json'],
    ['scan', '--project', project, '--no-cache', '--json'],
    ['eval', '--project', project, '--no-cache', '--json'],
  ]) {
    const run = await runCli(argv, env);
    assert.equal(run.code, 0, `${argv.join(' ')}: ${run.err}`);
    assert.equal(fs.existsSync(cacheDir), false, `${argv[0]}: nothing written`);
  }
  const scan = await runCli(['scan', '--project', project, '--json'], env);
  assert.equal(scan.code, 0);
  assert.ok(entries(cacheDir).length >= 3, 'without the flag, scan fills the cache');
});

test('cache clear empties the cache, cache info tells where it is and how big', async () => {
  const { home, project } = await demoFixture();
  const cacheDir = path.join(tempDir('cache-dir-'), 'cache');
  const env = safeEnv(home, { HEADROOM_LEARN_CACHE_DIR: cacheDir });
  await runCli(['scan', '--project', project], env);
  const count = entries(cacheDir).length;
  assert.ok(count >= 3);
  const info = await runCli(['cache', 'info'], env);
  assert.equal(info.code, 0);
  assert.match(info.out, new RegExp(`scan-cache: ${count} entries, \\d+\\.\\d MB`));
  assert.match(
    info.out,
    /project-cache: 8 project results, \d+\.\d MB/,
    'the demo project’s scan totals and per-log figures, for each of its three agents, and the heads the listing read of the Claude Code and Codex logs',
  );
  const clear = await runCli(['cache', 'clear'], env);
  assert.equal(clear.code, 0);
  assert.match(clear.out, new RegExp(`Scan cache cleared: ${count} entries removed from .*scan-cache, 8 project results from .*project-cache\\.`));
  assert.deepEqual(entries(cacheDir), []);
  const again = await runCli(['cache', 'clear'], env);
  assert.match(again.out, /Scan cache cleared: 0 entries removed/);
  const bad = await runCli(['cache', 'empty'], env);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /Unknown cache command "empty"/);
});

test('a damaged cache is discarded with one line on stderr; the run succeeds with the same result', async () => {
  const { home, project } = await demoFixture();
  const cacheDir = path.join(tempDir('cache-dir-'), 'cache');
  const env = safeEnv(home, { HEADROOM_LEARN_CACHE_DIR: cacheDir });
  const first = await runCli(['scan', '--project', project, '--json'], env);
  for (const folder of ['scan-cache', 'project-cache']) {
    for (const name of fs.readdirSync(path.join(cacheDir, folder))) fs.writeFileSync(path.join(cacheDir, folder, name), '\u0000garbage');
  }
  const second = await runCli(['scan', '--project', project, '--json'], env);
  assert.equal(second.code, 0);
  assert.equal(second.out, first.out);
  const lines = second.err.trim().split('\n');
  assert.equal(lines.length, 2, second.err);
  assert.match(lines[0]!, /^headroom-learn: project cache: discarded a damaged result/);
  assert.match(lines[1]!, /^headroom-learn: scan cache: discarded a damaged entry/);
});
