// Issue 14, the file-system half, end to end: targets that are links leading outside the project or FIFOs,
// non-UTF-8 targets, unreadable and special session files, signals, a closed stdout, and concurrent runs of two
// projects sharing ~/.codex/instructions.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { findMarkerPairs } from '../../../src/core/write/findMarkerPairs.js';
import { addSecondProject, demoFixture, hashTree, REPO, runCli, safeEnv, tempDir } from './cliHarness.js';

const posix = process.platform !== 'win32';
const START = '<!-- headroom:learn:start -->';

let bundled: string | undefined;
/** The CLI bundled as esbuild.mjs bundles dist/cli.js, into a temp folder (built once per file). */
async function cliBundle(): Promise<string> {
  if (bundled) return bundled;
  const outfile = path.join(tempDir('learn-hostile-bundle-'), 'cli.js');
  await esbuild.build({ entryPoints: [path.join(REPO, 'src', 'cli', 'main.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  bundled = outfile;
  return outfile;
}

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  ms: number;
}

function spawnCli(cli: string, argv: string[], env: Record<string, string>, onStart?: (child: ReturnType<typeof spawn>) => void): Promise<ChildRun> {
  const started = Date.now();
  const child = spawn(process.execPath, [cli, ...argv], { env, cwd: env.HOME, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  onStart?.(child);
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err, ms: Date.now() - started })));
}

/** Rejects when the promise takes longer than `ms` (a hang fails the test instead of stalling the run). */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

test('a CLAUDE.md that links outside the project is refused; nothing is written through it, the other files are', { skip: !posix }, async () => {
  const fx = await demoFixture();
  const gitconfig = path.join(fx.root, '.gitconfig');
  fs.writeFileSync(gitconfig, '[user]\n\tname = me\n');
  fs.symlinkSync('../.gitconfig', path.join(fx.project, 'CLAUDE.md'));
  const run = await runCli(['--project', fx.project, '--apply'], safeEnv(fx.home));
  assert.equal(run.code, 1, run.err);
  assert.equal(fs.readFileSync(gitconfig, 'utf8'), '[user]\n\tname = me\n');
  assert.ok(fs.lstatSync(path.join(fx.project, 'CLAUDE.md')).isSymbolicLink());
  assert.match(run.err, /CLAUDE\.md leads to .*\.gitconfig, outside .*; .*nothing was written to it/);
  assert.ok(fs.readFileSync(path.join(fx.project, 'AGENTS.md'), 'utf8').includes(START));
  assert.ok(fs.readFileSync(path.join(fx.project, 'GEMINI.md'), 'utf8').includes(START));
});

test('an AGENTS.md that is a FIFO is skipped with a message, never opened for a blocking read; the others are written', { skip: !posix }, async () => {
  const fx = await demoFixture();
  const fifo = path.join(fx.project, 'AGENTS.md');
  execFileSync('mkfifo', [fifo]);
  const run = await within(60_000, runCli(['--project', fx.project, '--apply'], safeEnv(fx.home)), 'learn with a FIFO target');
  assert.equal(run.code, 1, run.err);
  assert.match(run.err, /AGENTS\.md is a named pipe \(FIFO\), not a regular file; skipped/);
  assert.ok(fs.statSync(fifo).isFIFO());
  assert.ok(fs.readFileSync(path.join(fx.project, 'CLAUDE.md'), 'utf8').includes(START));
});

test('a Latin-1 CLAUDE.md is refused with a clear message and left untouched, byte for byte; the other files are written', async () => {
  const fx = await demoFixture();
  const before = Buffer.from('# Caf\xe9 r\xe8gles \x93quoted\x94\r\n\r\nKeep \xe0 la main.\r\n', 'latin1');
  const file = path.join(fx.project, 'CLAUDE.md');
  fs.writeFileSync(file, before);
  const run = await runCli(['--project', fx.project, '--apply'], safeEnv(fx.home));
  assert.equal(run.code, 1, run.err);
  assert.match(run.err, /CLAUDE\.md.*not UTF-8 or UTF-16.*convert it to UTF-8/);
  assert.ok(fs.readFileSync(file).equals(before), 'a refused file is left untouched');
  assert.ok(fs.readFileSync(path.join(fx.project, 'AGENTS.md'), 'utf8').includes(START), 'the other files are written');
});

test('a UTF-16 LE CLAUDE.md (BOM) gets its section in UTF-16 LE, BOM kept, never a UTF-8 section appended', async () => {
  const fx = await demoFixture();
  const file = path.join(fx.project, 'CLAUDE.md');
  fs.writeFileSync(file, Buffer.from('\uFEFF# Notes ü\n\nkeep this\n', 'utf16le'));
  const run = await runCli(['--project', fx.project, '--apply'], safeEnv(fx.home));
  assert.equal(run.code, 0, run.err);
  const after = fs.readFileSync(file);
  assert.deepEqual([...after.subarray(0, 2)], [0xff, 0xfe]);
  const text = after.toString('utf16le');
  assert.ok(text.startsWith('\uFEFF# Notes ü\n\nkeep this\n\n<!-- headroom:learn:start -->'), text.slice(0, 80));
  assert.equal(findMarkerPairs(text, file).length, 1);
  assert.ok(Buffer.from(text, 'utf16le').equals(after));
  // A second run reads it back as it wrote it: nothing left to change.
  const again = await runCli(['--project', fx.project], safeEnv(fx.home));
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /Up to date/);
});

test('an unreadable session file: a dry run shows the plan and exits 1; --apply writes nothing and exits 1 saying why', async () => {
  const fx = await demoFixture();
  fs.mkdirSync(path.join(fx.claudeProjectDir, 'broken-session.jsonl'));
  const projectBefore = hashTree(fx.project);
  const homeBefore = hashTree(fx.home);
  const dry = await runCli(['--project', fx.project], safeEnv(fx.home));
  assert.equal(dry.code, 1, dry.err);
  assert.match(dry.err, /Cannot read session .*broken-session\.jsonl: is a folder/);
  assert.match(dry.out, /\+<!-- headroom:learn:start -->/);
  const apply = await runCli(['--project', fx.project, '--apply'], safeEnv(fx.home));
  assert.equal(apply.code, 1, apply.err);
  assert.match(apply.err, /1 session file could not be read \(.*broken-session\.jsonl\), so nothing was written/);
  assert.equal(hashTree(fx.project), projectBefore);
  assert.equal(hashTree(fx.home), homeBefore);
});

test('a FIFO named like a session is skipped with a warning; the run finishes by itself', { skip: !posix }, async () => {
  const fx = await demoFixture();
  execFileSync('mkfifo', [path.join(fx.claudeProjectDir, 'fifo-session.jsonl')]);
  const cli = await cliBundle();
  const run = await spawnCli(cli, ['--project', fx.project], safeEnv(fx.home), (child) => setTimeout(() => child.kill('SIGKILL'), 30_000).unref());
  assert.equal(run.signal, null, 'the run hung on the FIFO and was killed');
  assert.equal(run.code, 0, run.err);
  assert.match(run.err, /Skipped .*fifo-session\.jsonl: it is a named pipe \(FIFO\), not a session file/);
});

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  test(`${signal} stops a run that waits on its analyzer within seconds, with "stopped" and exit ${code}`, { skip: !posix }, async () => {
    const fx = await demoFixture();
    const bin = tempDir('learn-slow-bin-');
    fs.writeFileSync(path.join(bin, 'claude'), '#!/bin/sh\nexec sleep 20\n');
    fs.chmodSync(path.join(bin, 'claude'), 0o755);
    const cli = await cliBundle();
    let sentAt = 0;
    const run = await spawnCli(cli, ['--project', fx.project, '--model', 'claude-cli'], { ...safeEnv(fx.home), PATH: `${bin}:/usr/bin:/bin` }, (child) => {
      const timer = setInterval(() => {
        if (!fs.readdirSync(bin).includes('claude')) return;
        // Wait until the run is in the analysis (the fake CLI is running), then signal once.
        try {
          execFileSync('pgrep', ['-P', String(child.pid), 'sleep']);
        } catch {
          return;
        }
        clearInterval(timer);
        sentAt = Date.now();
        child.kill(signal);
      }, 100);
      setTimeout(() => {
        clearInterval(timer);
        child.kill('SIGKILL');
      }, 40_000).unref();
    });
    assert.ok(sentAt > 0, `the run never reached the analyzer: ${run.err}`);
    assert.equal(run.code, code, run.err);
    assert.match(run.err, /stopp/);
    assert.doesNotMatch(run.err, /at .*\(.*:\d+:\d+\)/, 'no stack trace');
    assert.ok(Date.now() - sentAt < 5000, `stopped ${Date.now() - sentAt} ms after ${signal}`);
  });
}

test('output closed early (piped to head) ends quietly: no EPIPE stack trace', { skip: !posix }, async () => {
  const fx = await demoFixture();
  const cli = await cliBundle();
  const run = await spawnCli(cli, ['--project', fx.project], safeEnv(fx.home), (child) => child.stdout!.destroy());
  assert.doesNotMatch(run.err, /EPIPE|Error|at /, run.err);
  assert.equal(run.signal, null);
  assert.equal(run.code, 0);
});

test('two projects applied at once, 10 times over (20 runs): both write the shared ~/.codex/instructions.md, no section lost', { skip: !posix }, async () => {
  const fx = await demoFixture('alpha');
  const beta = await addSecondProject(fx, 'beta');
  const cli = await cliBundle();
  const shared = path.join(fx.home, '.codex', 'instructions.md');
  for (let round = 1; round <= 10; round++) {
    // Each round starts without the shared file, so both runs plan it from the same (missing) text.
    fs.rmSync(shared, { force: true });
    const [a, b] = await within(120_000, Promise.all([fx.project, beta].map((project) => spawnCli(cli, ['--project', project, '--apply'], safeEnv(fx.home)))), `round ${round}`);
    assert.equal(a.code, 0, `round ${round}, alpha: ${a.err}`);
    assert.equal(b.code, 0, `round ${round}, beta: ${b.err}`);
    const tagged = findMarkerPairs(fs.readFileSync(shared, 'utf8'), shared).map((pair) => pair.project).sort();
    assert.deepEqual(tagged, [fx.project, beta].sort(), `round ${round}`);
  }
});
