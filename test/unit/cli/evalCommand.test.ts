// `headroom-learn eval` end to end on a hand-built Claude Code history where every figure is known:
// a path mistake repeated later (covered), a rule whose situation never recurs (no match), a later
// failure no rule addresses, a near miss (another missing file in the same folder), and a
// checkpoint copy of a session (counted once).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, safeEnv, tempDir } from './cliHarness.js';
import { found, missing, REJECTED, writeClaudeSession, type FakeCall } from './fakeClaudeSessions.js';
import type { EvalJson } from '../../../src/cli/evalCommand.js';

/** One Claude Code session, its calls a minute apart on March `day`. */
function writeSession(home: string, project: string, fileId: string, day: number, calls: FakeCall[]): void {
  writeClaudeSession(home, project, fileId, calls, (i) => `2026-03-0${day}T10:${String(i).padStart(2, '0')}:00.000Z`);
}

/** Four sessions, one checkpoint copy; learning from the first two (split 0.5). */
function history(): { home: string; project: string } {
  const root = tempDir('learn-eval-');
  const home = path.join(root, 'home');
  const project = path.join(root, 'shop');
  fs.mkdirSync(path.join(project, 'src', 'shop', 'utils'), { recursive: true });
  fs.writeFileSync(path.join(project, 'src', 'shop', 'utils', 'money.py'), 'def money(): ...\n');
  const s2 = [missing('toolu_s2a', project, 'src/utils/money.py'), found('toolu_s2b', project, 'src/shop/utils/money.py')];
  writeSession(home, project, 'aaaa0001', 1, [
    missing('toolu_s1a', project, 'src/utils/money.py'),
    found('toolu_s1b', project, 'src/shop/utils/money.py'),
    { id: 'toolu_s1c', name: 'Bash', input: { command: 'git push origin main' }, result: REJECTED, isError: true },
  ]);
  writeSession(home, project, 'aaaa0002', 2, s2);
  // A checkpoint file repeating session 2's history (same tool-call ids), sorted before it by name.
  writeSession(home, project, '0000copy', 2, s2);
  writeSession(home, project, 'aaaa0003', 3, [
    missing('toolu_s3a', project, 'src/utils/money.py'),
    missing('toolu_s3b', project, 'src/utils/tax.py'),
    { id: 'toolu_s3c', name: 'Bash', input: { command: 'npm test' }, result: 'Exit code 1\nFAIL cart.test.ts', isError: true },
  ]);
  writeSession(home, project, 'aaaa0004', 4, [missing('toolu_s4a', project, 'src/utils/money.py')]);
  return { home, project };
}

test('eval --json: the repeated path mistake is covered twice, the near miss and the unaddressed failure are not, the unused rule matched nothing', async () => {
  const { home, project } = history();
  const run = await runCli(['eval', '--project', project, '--split', '0.5', '--json'], safeEnv(home));
  assert.equal(run.code, 0, run.err);
  const json = JSON.parse(run.out) as EvalJson;
  assert.equal(json.learnSessions, 2);
  assert.equal(json.laterSessions, 2);
  assert.equal(json.copies, 1, 'the checkpoint copy is counted once');
  assert.equal(json.laterFailures, 4);
  assert.equal(json.covered, 2);
  assert.deepEqual(json.byCategory.file_path, { laterFailures: 3, covered: 2, coveredTokens: 10, rulesMatched: 1, rulesUnmatched: 0 });
  assert.deepEqual(json.byCategory.command_pattern, { laterFailures: 0, covered: 0, coveredTokens: 0, rulesMatched: 0, rulesUnmatched: 1 });
  assert.equal(json.byCategory.other.laterFailures, 1, 'npm test failing is addressed by no rule');
  const pathRule = json.rules.find((r) => r.category === 'file_path');
  assert.equal(pathRule?.matches, 2);
  assert.deepEqual(
    pathRule?.evidence.map((e) => path.basename(e)),
    ['aaaa0003.jsonl:2', 'aaaa0004.jsonl:2'],
  );
  const pushRule = json.rules.find((r) => r.category === 'command_pattern');
  assert.equal(pushRule?.matches, 0);
  assert.equal(json.coveredTokens, 10);
});

test('eval prints a table per project and a closing line', async () => {
  const { home, project } = history();
  const run = await runCli(['eval', '--project', project, '--split', '0.5'], safeEnv(home));
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /4 sessions by start time: learned from the first 2, replayed the last 2 \(1 checkpoint\/resume copy counted once\)/);
  assert.match(run.out, /File Path Corrections\s+3\s+2\s+10\s+1\s+0/);
  assert.match(run.out, /✗ .*git push.*\[matched nothing later\]/);
  assert.match(run.out, /2 of 4 later failures \(50%\) covered by a rule learned earlier/);
  assert.equal(run.out.includes('\u001b['), false, 'NO_COLOR: no escape codes');
});

test('eval --split outside (0, 1) is bad usage (exit 2)', async () => {
  const { home, project } = history();
  for (const bad of ['0', '1', '1.5', '-0.2', 'half']) {
    const run = await runCli(['eval', '--project', project, `--split=${bad}`], safeEnv(home));
    assert.equal(run.code, 2, `--split ${bad}`);
    assert.match(run.err, /--split needs a share of the sessions between 0 and 1/);
  }
});

test('eval with a single session has nothing to replay and exits 0', async () => {
  const root = tempDir('learn-eval-one-');
  const home = path.join(root, 'home');
  const project = path.join(root, 'p');
  fs.mkdirSync(project);
  writeSession(home, project, 'only', 1, [missing('toolu_o', project, 'a.py')]);
  const run = await runCli(['eval', '--project', project], safeEnv(home));
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /Nothing to replay/);
});
