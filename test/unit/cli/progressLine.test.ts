import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describeProgress, progressLine } from '../../../src/cli/progressLine.js';
import { demoFixture, runCli, safeEnv } from './cliHarness.js';

function capture(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stream.on('data', (d) => (text += d));
  return { stream, text: () => text };
}

test('on a terminal, progress overwrites one line and is erased before the report', () => {
  const err = capture(true);
  const line = progressLine(err.stream, {});
  line.update({ phase: 'scan', agent: 'claude', file: '/x.jsonl', done: 3, total: 40 });
  line.update({ phase: 'analyze', backend: 'offline', findings: 12 });
  line.clear();
  assert.equal(err.text(), '\r\x1b[2KScanning claude sessions: 3/40 …\r\x1b[2KAnalyzing 12 findings with offline …\r\x1b[2K');
});

test('in a pipe or a CI log, progress prints nothing', () => {
  const err = capture(false);
  const line = progressLine(err.stream, {});
  line.update({ phase: 'correlate', sessions: 8 });
  line.clear();
  assert.equal(err.text(), '');
});

test('each stage says what it is doing', () => {
  assert.equal(describeProgress({ phase: 'correlate', sessions: 1 }), 'Pairing failures with their fixes in 1 session …');
});

test('a learn run through the CLI leaves no progress text in piped stderr', async () => {
  const fixture = await demoFixture();
  const run = await runCli(['--project', fixture.project], safeEnv(fixture.home));
  assert.equal(run.code, 0);
  assert.doesNotMatch(run.err, /Scanning/);
  assert.ok(!run.err.includes('\x1b[2K'), 'no line-clearing escape');
});

test('Ctrl-C (an aborted signal) stops the run with exit code 130 and one line, no stack trace', async () => {
  const fixture = await demoFixture();
  const controller = new AbortController();
  controller.abort(new Error('Stopped by the user.'));
  const { main } = await import('../../../src/cli/main.js');
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d) => (err += d));
  const code = await main(['--project', fixture.project], { stdout, stderr, env: safeEnv(fixture.home), cwd: fixture.project, signal: controller.signal });
  assert.equal(code, 130);
  assert.equal(err.trim(), 'headroom-learn: stopped by the user before the run finished.');
});
