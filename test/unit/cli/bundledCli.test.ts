import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { demoFixture, hashTree, printedDiffs, REPO, safeEnv, tempDir } from './cliHarness.js';

/**
 * The shipped bundle, end to end in a child process: built from src/cli/main.ts with the options
 * esbuild.mjs uses for dist/cli.js (into a temp folder, so a half-finished extension elsewhere in
 * the tree cannot break this test, and dist/ is not touched).
 */
async function buildCli(): Promise<string> {
  const outfile = path.join(tempDir('learn-bundle-'), 'cli.js');
  await esbuild.build({
    entryPoints: [path.join(REPO, 'src', 'cli', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    banner: { js: '#!/usr/bin/env node' },
    define: { HEADROOM_VERSION: JSON.stringify('9.8.7-bundled') },
  });
  return outfile;
}

test('node cli.js: dry run writes nothing, --apply writes the diff shown, a second run exits 0 with no diff', async () => {
  const cli = await buildCli();
  const fx = await demoFixture();
  const env = safeEnv(fx.home);
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: fx.project, env, encoding: 'utf8' });

  const before = hashTree(fx.root);
  const dry = run();
  assert.equal(dry.status, 0, dry.stderr);
  assert.equal(hashTree(fx.root), before);
  const diffs = printedDiffs(dry.stdout);
  assert.equal(diffs.size, 5);

  const apply = run('--apply');
  assert.equal(apply.status, 0, apply.stderr);
  assert.match(apply.stdout, /Wrote 5 files\./);
  for (const file of diffs.keys()) {
    const added = diffs
      .get(file)!
      .split('\n')
      .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
      .map((l) => l.slice(1));
    assert.equal(fs.readFileSync(file, 'utf8'), `${added.join('\n')}\n`, file);
  }

  const again = run();
  assert.equal(again.status, 0);
  assert.equal(printedDiffs(again.stdout).size, 0);
  assert.match(again.stdout, /Up to date/);

  // The version is the one the bundler set (esbuild.mjs: package.json's), not read at run time.
  assert.equal(run('--version').stdout, 'headroom-learn 9.8.7-bundled\n');

  const usage = run('--agent', 'nope');
  assert.equal(usage.status, 2);
  assert.equal(usage.stderr.trimEnd().split('\n').length, 1);
});
