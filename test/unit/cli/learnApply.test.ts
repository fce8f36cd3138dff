import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyPatch } from 'diff';
import type { LearnJson } from '../../../src/cli/learnCommand.js';
import { addSecondProject, demoFixture, hashTree, printedDiffs, runCli, safeEnv } from './cliHarness.js';

const TARGET_NAMES = ['CLAUDE.md', 'MEMORY.md', 'AGENTS.md', 'instructions.md', 'GEMINI.md'];

test('dry run on the demo home: a diff for all five files, nothing written (tree hash unchanged), exit 0', async () => {
  const fx = await demoFixture();
  const before = hashTree(fx.root);
  const { code, out, err } = await runCli(['--project', fx.project], safeEnv(fx.home));
  assert.equal(code, 0, err);
  assert.equal(hashTree(fx.root), before);
  const diffs = printedDiffs(out);
  assert.deepEqual([...diffs.keys()].map((f) => path.basename(f)), TARGET_NAMES);
  assert.ok(diffs.has(path.join(fx.claudeProjectDir, 'memory', 'MEMORY.md')), 'MEMORY.md is Claude Code’s auto-memory file by default');
  assert.ok(diffs.has(path.join(fx.home, '.codex', 'instructions.md')));
  assert.match(out, /^Analyzer: offline — offline, because no --model, no API key/m);
  assert.match(out, /✗ no longer true in the project: 1\n {6}`services\/api\/config\/settings.py` → actually at `services\/api\/src\/shop\/settings.py`\n {8}— services\/api\/src\/shop\/settings.py does not exist in the project now/);
  assert.doesNotMatch(out, /^ {2}dropped: /m, 'said once, in the "Not proposed" list');
  assert.match(out, /CLAUDE.md \(Claude Code, context\): new file, 20 lines · rules: 0 kept, 8 added, 0 removed/);
  assert.match(out, /Dry run: 5 files would change\. Run again with --apply to write them\./);
});

test('--apply writes exactly the printed diff and the JSON proposedText; a second run shows no diff and exits 0', async () => {
  const fx = await demoFixture();
  const env = safeEnv(fx.home);
  const dry = await runCli(['--project', fx.project], env);
  const diffs = printedDiffs(dry.out);
  const dryJson = JSON.parse((await runCli(['--project', fx.project, '--json'], env)).out) as LearnJson;

  const applied = await runCli(['--project', fx.project, '--apply', '--json'], env);
  assert.equal(applied.code, 0, applied.err);
  const json = JSON.parse(applied.out) as LearnJson;
  assert.deepEqual(json.written, dryJson.proposals!.map((p) => p.path));
  assert.deepEqual(json.writeErrors, []);
  for (const proposal of json.proposals!) {
    const onDisk = fs.readFileSync(proposal.path, 'utf8');
    assert.equal(onDisk, proposal.proposedText, proposal.path);
    assert.equal(onDisk, dryJson.proposals!.find((p) => p.path === proposal.path)!.proposedText, 'the dry run proposed the same text');
    assert.equal(applyPatch('', diffs.get(proposal.path)!), onDisk, `printed diff of ${proposal.path} applies to exactly the file written`);
  }
  assert.deepEqual(
    json.proposals!.map((p) => [path.basename(p.path), p.agent, p.kind, p.scope, p.exists, p.changed, p.merge.added.length, p.merge.removed.length]),
    [
      ['CLAUDE.md', 'claude', 'context', 'project', false, true, 8, 0],
      ['MEMORY.md', 'claude', 'memory', 'project', false, true, 2, 0],
      ['AGENTS.md', 'codex', 'context', 'project', false, true, 8, 0],
      ['instructions.md', 'codex', 'memory', 'shared', false, true, 2, 0],
      ['GEMINI.md', 'gemini', 'context', 'project', false, true, 10, 0],
    ],
  );
  assert.match(json.proposals![3].proposedSection!, new RegExp(`^<!-- headroom:learn:start project="${fx.project.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" -->`));

  const afterApply = hashTree(fx.root);
  const again = await runCli(['--project', fx.project], env);
  assert.equal(again.code, 0, again.err);
  assert.equal(printedDiffs(again.out).size, 0);
  assert.match(again.out, /Up to date: the learned sections in 5 files already hold these rules\./);
  const againApply = await runCli(['--project', fx.project, '--apply', '--json'], env);
  assert.equal(againApply.code, 0);
  const againJson = JSON.parse(againApply.out) as LearnJson;
  assert.deepEqual(againJson.written, []);
  assert.ok(againJson.proposals!.every((p) => !p.changed && p.merge.added.length === 0 && p.merge.removed.length === 0));
  assert.equal(hashTree(fx.root), afterApply, 'a second --apply changes no byte');
  // the analyzer was given the rules already in the files (offline notes the ones it did not derive again)
  assert.ok(againJson.analyzer.notes.every((n) => !/not backed/.test(n)), 'every existing rule was derived again');
});

test('existing files: user text kept byte for byte, a rule whose path is gone is removed with its reason', async () => {
  const fx = await demoFixture();
  const claudeMd = path.join(fx.project, 'CLAUDE.md');
  const head = '\uFEFF# Shop\r\n\r\nMy own notes.  \r\n';
  const tail = '\r\nMore notes without a final newline';
  const section = [
    '<!-- headroom:learn:start -->',
    '## Headroom Learned Patterns',
    '*Auto-generated by `headroom learn` — do not edit manually*',
    '',
    '### File Path Corrections',
    '- `services/api/app/models/order.py` → actually at `services/api/src/shop/models/order.py`',
    '- `old/thing.py` → actually at `services/api/src/shop/gone.py`',
    '<!-- headroom:learn:end -->',
  ].join('\r\n');
  fs.writeFileSync(claudeMd, `${head}${section}${tail}`);
  const env = safeEnv(fx.home);

  const dry = await runCli(['--project', fx.project, '--agent', 'claude'], env);
  assert.equal(dry.code, 0, dry.err);
  assert.match(dry.out, /CLAUDE.md \(Claude Code, context\): \d+ lines changed · rules: 1 kept, 3 added, 1 removed/);
  assert.match(dry.out, /- removed: File Path Corrections: `old\/thing.py` → actually at `services\/api\/src\/shop\/gone.py` — services\/api\/src\/shop\/gone.py no longer exists/);

  const applied = await runCli(['--project', fx.project, '--agent', 'claude', '--apply', '--json'], env);
  assert.equal(applied.code, 0, applied.err);
  const json = JSON.parse(applied.out) as LearnJson;
  assert.ok(json.analyzer.notes.includes('2 existing rule(s) in the marker sections are not backed by the current sessions.'), 'the existing rules reached the analyzer');
  const proposal = json.proposals!.find((p) => p.path === claudeMd)!;
  assert.deepEqual(proposal.merge.removed.map((r) => r.reason), ['services/api/src/shop/gone.py no longer exists']);
  const text = fs.readFileSync(claudeMd, 'utf8');
  assert.ok(text.startsWith(head) && text.endsWith(tail), 'text outside the markers is unchanged');
  assert.ok(!text.includes('old/thing.py'));
  assert.ok(!/[^\r]\n/.test(text), 'the section follows the file’s CRLF line endings');
  assert.deepEqual(json.written, [claudeMd, path.join(fx.claudeProjectDir, 'memory', 'MEMORY.md')]);
});

test('--memory-file project writes MEMORY.md at the project root, not into Claude Code’s folder', async () => {
  const fx = await demoFixture();
  const { code, out, err } = await runCli(['--project', fx.project, '--agent', 'claude', '--memory-file', 'project', '--apply'], safeEnv(fx.home));
  assert.equal(code, 0, err);
  assert.ok(fs.existsSync(path.join(fx.project, 'MEMORY.md')));
  assert.ok(!fs.existsSync(path.join(fx.claudeProjectDir, 'memory')));
  assert.match(fs.readFileSync(path.join(fx.project, 'MEMORY.md'), 'utf8'), /### Permission Notes/);
  assert.match(out, /MEMORY.md \(Claude Code, memory\): new file/);
  assert.match(out, /Wrote 2 files\./);
});

test('MEMORY.md: a section that ends past line 200 is warned about', async () => {
  const fx = await demoFixture();
  const memory = path.join(fx.claudeProjectDir, 'memory', 'MEMORY.md');
  fs.mkdirSync(path.dirname(memory), { recursive: true });
  fs.writeFileSync(memory, Array.from({ length: 195 }, (_, i) => `- note ${i + 1}`).join('\n') + '\n');
  const { code, out } = await runCli(['--project', fx.project, '--agent', 'claude'], safeEnv(fx.home));
  assert.equal(code, 0);
  assert.match(out, /⚠ .*MEMORY.md: the agent reads only the first 200 lines of this file; the learned section ends at line \d+/);
  const json = JSON.parse((await runCli(['--project', fx.project, '--agent', 'claude', '--json'], safeEnv(fx.home))).out) as LearnJson;
  assert.equal(json.proposals!.find((p) => p.path === memory)!.warnings.length, 1);
});

test('broken markers: one line naming the file and lines, nothing written for the project, exit 1', async () => {
  const fx = await demoFixture();
  const agentsMd = path.join(fx.project, 'AGENTS.md');
  fs.writeFileSync(agentsMd, '# Agents\n<!-- headroom:learn:start -->\n- a\n<!-- headroom:learn:start -->\n- b\n<!-- headroom:learn:end -->\n');
  const before = hashTree(fx.root);
  const applied = await runCli(['--project', fx.project, '--apply'], safeEnv(fx.home));
  assert.equal(applied.code, 1);
  assert.equal(hashTree(fx.root), before, 'no file of the project was written');
  const errors = applied.err.split('\n').filter((l) => l.startsWith('headroom-learn:'));
  assert.equal(errors.length, 1);
  assert.match(errors[0], new RegExp(`^headroom-learn: ${agentsMd.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*\\(lines 2, 4\\)\\. Fix or remove the headroom:learn markers by hand; nothing was written\\.$`));
  assert.match(applied.out, /1 file with broken markers: fix them by hand \(see above\); nothing was written for this project\./);
  const dry = await runCli(['--project', fx.project, '--json'], safeEnv(fx.home));
  assert.equal(dry.code, 1);
  const json = JSON.parse(dry.out) as LearnJson;
  assert.deepEqual(json.proposals!.find((p) => p.path === agentsMd)!.error!.lines, [2, 4]);
});

test('shared instructions.md with two projects: a run for one keeps the other project’s section byte-identical', async () => {
  const fx = await demoFixture('shop-a');
  const other = await addSecondProject(fx, 'shop-b');
  const env = safeEnv(fx.home);
  const instructions = path.join(fx.home, '.codex', 'instructions.md');
  // All agents: a memory rule needs its pattern in two sessions, and no memory pattern of the demo is in two Codex sessions.
  const b = await runCli(['--project', other, '--apply'], env);
  assert.equal(b.code, 0, b.err);
  const withB = fs.readFileSync(instructions, 'utf8');
  const bStart = withB.indexOf(`<!-- headroom:learn:start project="${other}" -->`);
  const bEnd = withB.indexOf(`<!-- headroom:learn:end project="${other}" -->`);
  assert.ok(bStart === 0 && bEnd > 0);
  // the user adds their own text, then project A is learned
  const userText = `# My Codex instructions\n\nAlways be brief.\n\n${withB}\nTrailing note.\n`;
  fs.writeFileSync(instructions, userText);
  const a = await runCli(['--project', fx.project, '--apply', '--json'], env);
  assert.equal(a.code, 0, a.err);
  const json = JSON.parse(a.out) as LearnJson;
  assert.ok(json.written!.includes(instructions));
  const after = fs.readFileSync(instructions, 'utf8');
  assert.ok(after.startsWith(userText), 'everything that was there, B’s section included, is unchanged; A is appended');
  assert.match(after.slice(userText.length), new RegExp(`^\\n<!-- headroom:learn:start project="${fx.project.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" -->`));
  // re-running B changes nothing, A's section stays
  const bAgain = await runCli(['--project', other, '--apply', '--json'], env);
  assert.deepEqual((JSON.parse(bAgain.out) as LearnJson).written, []);
  assert.equal(fs.readFileSync(instructions, 'utf8'), after);
});

test('--all: a progress line per project on stderr, a missing project folder reported and skipped', async () => {
  const fx = await demoFixture('shop-a');
  const other = await addSecondProject(fx, 'shop-b');
  const gone = await addSecondProject(fx, 'shop-gone');
  fs.rmSync(gone, { recursive: true, force: true });
  const env = safeEnv(fx.home);
  const { code, out, err } = await runCli(['--all', '--agent', 'claude'], env);
  assert.equal(code, 0, err);
  const progress = err.split('\n').filter((l) => /^\[\d\/3\]/.test(l));
  assert.deepEqual(progress, [`[1/3] ${fx.project}`, `[2/3] ${other}`, `[3/3] ${gone}: the folder no longer exists; skipped.`]);
  assert.equal(printedDiffs(out).size, 4);
  const all = JSON.parse((await runCli(['--all', '--agent', 'claude', '--json', '--apply'], env)).out) as {
    projects: LearnJson[];
    skipped: Array<{ projectPath: string; reason: string }>;
  };
  assert.deepEqual(all.projects.map((p) => p.projectPath), [fx.project, other]);
  assert.deepEqual(all.skipped, [{ projectPath: gone, reason: 'the folder no longer exists' }]);
  assert.ok(fs.existsSync(path.join(other, 'CLAUDE.md')) && fs.existsSync(path.join(fx.project, 'CLAUDE.md')));
});

test('nothing to learn: a project without sessions exits 0 and says so', async () => {
  const fx = await demoFixture();
  const empty = path.join(fx.root, 'empty');
  fs.mkdirSync(empty);
  const { code, out } = await runCli(['--project', empty], safeEnv(fx.home));
  assert.equal(code, 0);
  assert.match(out, /Nothing to learn: no sessions for this project\./);
  assert.ok(!fs.existsSync(path.join(empty, 'CLAUDE.md')));
});
