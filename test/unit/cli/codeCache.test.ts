// The command (src/cli/bin.ts) runs the CLI bundle from V8's code cache of an earlier run: a cache compiled from
// another source (even of the same length), a damaged one or an unwritable folder only means compiling afresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeCacheFile, NO_CODE_CACHE_VARIABLE, runBundle } from '../../../src/cli/bin.js';
import { REPO, safeEnv, tempDir } from './cliHarness.js';

/** A CommonJS bundle whose `value` is `value`, with functions enough to make V8's data worth keeping. */
function writeBundle(file: string, value: number): void {
  const helpers = Array.from({ length: 50 }, (_, i) => `function helper${i}(x) { return x + ${i}; }`).join('\n');
  fs.writeFileSync(file, `"use strict";\n${helpers}\nexports.value = helper0(${value});\nexports.dir = __dirname;\nexports.fs = typeof require('node:fs').readFileSync;\n`);
}

test('the first run compiles and keeps the code; the next runs from it, with the same exports', () => {
  const dir = tempDir('code-cache-');
  const bundle = path.join(dir, 'bundle.js');
  const cache = path.join(dir, 'cache', 'code-cache', 'bundle.bin');
  writeBundle(bundle, 1);
  const first = runBundle(bundle, cache);
  assert.deepEqual([first.exports.value, first.exports.dir, first.exports.fs, first.fromCache], [1, dir, 'function', false]);
  first.keep();
  assert.ok(fs.statSync(cache).size > 0);
  const second = runBundle(bundle, cache);
  assert.deepEqual([second.exports.value, second.fromCache], [1, true]);
  const written = fs.statSync(cache).mtimeMs;
  second.keep(); // nothing to write: the cache was used
  assert.equal(fs.statSync(cache).mtimeMs, written);
});

test('a rebuilt bundle (same length, other code) never runs from the old cache: it is compiled and the cache replaced', () => {
  const dir = tempDir('code-cache-');
  const bundle = path.join(dir, 'bundle.js');
  const cache = path.join(dir, 'bundle.bin');
  writeBundle(bundle, 1);
  runBundle(bundle, cache).keep();
  writeBundle(bundle, 2); // one digit for another: the same length, which is all V8 itself checks
  const rebuilt = runBundle(bundle, cache);
  assert.deepEqual([rebuilt.exports.value, rebuilt.fromCache], [2, false]);
  rebuilt.keep();
  assert.deepEqual([runBundle(bundle, cache).exports.value, runBundle(bundle, cache).fromCache], [2, true]);
});

test('a damaged cache (garbage, V8 data cut short or changed) is ignored and written again; the bundle runs', () => {
  const dir = tempDir('code-cache-');
  const bundle = path.join(dir, 'bundle.js');
  const cache = path.join(dir, 'bundle.bin');
  writeBundle(bundle, 3);
  fs.writeFileSync(cache, 'not a code cache');
  const garbage = runBundle(bundle, cache);
  assert.deepEqual([garbage.exports.value, garbage.fromCache], [3, false]);
  garbage.keep();
  const kept = fs.readFileSync(cache);
  const header = kept.subarray(0, kept.indexOf('\n', kept.indexOf('\n') + 1) + 1);
  fs.writeFileSync(cache, Buffer.concat([header, Buffer.from('V8 data that is not')]));
  const cut = runBundle(bundle, cache);
  assert.deepEqual([cut.exports.value, cut.fromCache], [3, false]);
  cut.keep();
  assert.equal(runBundle(bundle, cache).fromCache, true);
  // A byte changed in the V8 data (which V8 itself would take): never run.
  const changed = fs.readFileSync(cache);
  changed[changed.length - 10] ^= 0x55;
  fs.writeFileSync(cache, changed);
  const flipped = runBundle(bundle, cache);
  assert.deepEqual([flipped.exports.value, flipped.fromCache], [3, false]);
});

test('a cache folder that cannot be written: the bundle runs, keep() neither throws nor writes', () => {
  const dir = tempDir('code-cache-');
  const bundle = path.join(dir, 'bundle.js');
  writeBundle(bundle, 4);
  const notAFolder = path.join(dir, 'a-file');
  fs.writeFileSync(notAFolder, '');
  const cache = path.join(notAFolder, 'code-cache', 'bundle.bin');
  for (let run = 0; run < 2; run += 1) {
    const result = runBundle(bundle, cache);
    assert.deepEqual([result.exports.value, result.fromCache], [4, false]);
    assert.doesNotThrow(() => result.keep());
  }
  assert.deepEqual(fs.readdirSync(dir).sort(), ['a-file', 'bundle.js']);
});

test('the cache lives in the CLI cache root; HEADROOM_LEARN_NO_CODE_CACHE turns it off', () => {
  assert.equal(codeCacheFile({ HOME: '/home/u', XDG_CACHE_HOME: '/xdg' }), path.join('/xdg', 'headroom-learn', 'code-cache', 'cliMain.bin'));
  assert.equal(codeCacheFile({ HOME: '/home/u', HEADROOM_LEARN_CACHE_DIR: '/c' }), path.join('/c', 'code-cache', 'cliMain.bin'));
  assert.equal(codeCacheFile({ HOME: '/home/u', [NO_CODE_CACHE_VARIABLE]: '1' }), undefined);
});

/** dist/cli.js and the bundle it runs, copied to a folder of their own (built first when missing or stale). */
function shippedCommand(): string {
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'ensure-built.mjs')], { cwd: REPO, stdio: 'ignore' });
  const dir = tempDir('learn-command-');
  for (const file of ['cli.js', 'cliMain.js']) fs.copyFileSync(path.join(REPO, 'dist', file), path.join(dir, file));
  return path.join(dir, 'cli.js');
}

test('node dist/cli.js: the same output with no cache, a kept one, a damaged one, an unwritable cache folder and the cache turned off', () => {
  const cli = shippedCommand();
  const home = tempDir('code-cache-home-');
  const run = (env: Record<string, string>) => spawnSync(process.execPath, [cli, 'scan', '--all', '--json'], { env, encoding: 'utf8' });
  const env = safeEnv(home);
  const cache = path.join(env.XDG_CACHE_HOME!, 'headroom-learn', 'code-cache', 'cliMain.bin');
  const first = run(env);
  assert.equal(first.status, 0, first.stderr);
  assert.ok(fs.existsSync(cache), 'the first run keeps the compiled code');
  const runs = [run(env)];
  fs.writeFileSync(cache, 'damaged');
  runs.push(run(env));
  const unwritable = path.join(tempDir('code-cache-file-'), 'a-file');
  fs.writeFileSync(unwritable, '');
  runs.push(run({ ...env, XDG_CACHE_HOME: unwritable }));
  runs.push(run({ ...env, [NO_CODE_CACHE_VARIABLE]: '1' }));
  for (const again of runs) assert.deepEqual([again.status, again.stdout, again.stderr], [0, first.stdout, first.stderr]);
  assert.notEqual(fs.readFileSync(cache, 'utf8'), 'damaged', 'a damaged cache is replaced');
});
