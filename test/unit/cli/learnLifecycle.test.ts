// The learning lifecycle end to end through the CLI on a hand-built Claude Code history: write a section
// (--apply), age the remembered rules, append later sessions where the path mistake recurs, learn again and see
// "recurred 2 times since written"; the git push rule, whose situation never came up again, is a retire
// candidate with its reason, listed in the dry run and removed only with --retire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, safeEnv, tempDir } from './cliHarness.js';
import { found, missing, REJECTED, writeClaudeSession, type FakeCall } from './fakeClaudeSessions.js';
import type { LearnJson } from '../../../src/cli/learnCommand.js';

const DAY = 24 * 60 * 60 * 1000;

/** One Claude Code session, its calls a minute apart from `daysAgo` days before now. */
function writeSession(home: string, project: string, fileId: string, daysAgo: number, calls: FakeCall[]): void {
  const start = Date.now() - daysAgo * DAY;
  writeClaudeSession(home, project, fileId, calls, (i) => new Date(start + i * 60_000).toISOString());
}

function history() {
  const root = tempDir('learn-life-');
  const home = path.join(root, 'home');
  const project = path.join(root, 'shop');
  const stateDir = path.join(root, 'state');
  fs.mkdirSync(path.join(project, 'src', 'shop', 'utils'), { recursive: true });
  fs.writeFileSync(path.join(project, 'src', 'shop', 'utils', 'money.py'), 'def money(): ...\n');
  writeSession(home, project, 'aaaa0001', 60, [
    missing('toolu_s1a', project, 'src/utils/money.py'),
    found('toolu_s1b', project, 'src/shop/utils/money.py'),
    { id: 'toolu_s1c', name: 'Bash', input: { command: 'git push origin main' }, result: REJECTED, isError: true },
  ]);
  writeSession(home, project, 'aaaa0002', 59, [missing('toolu_s2a', project, 'src/utils/money.py'), found('toolu_s2b', project, 'src/shop/utils/money.py')]);
  return { home, project, stateDir, env: safeEnv(home, { HEADROOM_LEARN_STATE_DIR: stateDir }) };
}

interface StateFile {
  version: number;
  projects: Record<string, { rules: Array<{ textKey: string; text: string; category: string; firstWritten: string }> }>;
}
const stateOf = (stateDir: string) => JSON.parse(fs.readFileSync(path.join(stateDir, 'rules-written.json'), 'utf8')) as StateFile;

/** Writes the section, then pretends it was written `daysAgo` days ago and appends the later sessions. */
async function writtenThenRecurred() {
  const h = history();
  const first = await runCli(['--project', h.project, '--apply'], h.env);
  assert.equal(first.code, 0, first.err);
  assert.doesNotMatch(first.out, /Rules written earlier/, 'nothing remembered before the first write');
  const state = stateOf(h.stateDir);
  const rules = state.projects[h.project].rules;
  assert.deepEqual(rules.map((r) => r.category).sort(), ['command_pattern', 'file_path']);
  for (const rule of rules) rule.firstWritten = new Date(Date.now() - 45 * DAY).toISOString();
  fs.writeFileSync(path.join(h.stateDir, 'rules-written.json'), JSON.stringify(state));
  // Later sessions: the path mistake twice more (once with its fix), and no git push at all.
  writeSession(h.home, h.project, 'aaaa0003', 20, [missing('toolu_s3a', h.project, 'src/utils/money.py'), found('toolu_s3b', h.project, 'src/shop/utils/money.py')]);
  writeSession(h.home, h.project, 'aaaa0004', 10, [missing('toolu_s4a', h.project, 'src/utils/money.py'), { id: 'toolu_s4b', name: 'Bash', input: { command: 'npm test' }, result: 'ok' }]);
  return h;
}

test('learn after --apply: the recurring rule says "recurred 2 times since written", the quiet old one is a retire candidate', async () => {
  const h = await writtenThenRecurred();
  const before = fs.readFileSync(path.join(h.project, 'CLAUDE.md'), 'utf8');
  const run = await runCli(['--project', h.project], h.env);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /Rules written earlier:\n/);
  assert.match(run.out, /! File Path Corrections: `src\/utils\/money\.py` → .* — recurred 2 times since written \(written \d{4}-\d\d-\d\d\)/);
  assert.match(run.out, /\? Command Patterns: .*git push.* — retire\? no matching situation in 45 days/);
  assert.match(run.out, /Run again with --retire to remove the candidate marked \?/);
  assert.equal(fs.readFileSync(path.join(h.project, 'CLAUDE.md'), 'utf8'), before, 'a dry run removes nothing');

  const json = JSON.parse((await runCli(['--project', h.project, '--json'], h.env)).out) as LearnJson;
  const byCategory = new Map(json.lifecycle?.map((r) => [r.category, r]));
  assert.equal(byCategory.get('file_path')?.recurred, 2);
  assert.deepEqual(byCategory.get('file_path')?.recurrences.map((r) => `${path.basename(r.file)}:${r.line}`), ['aaaa0003.jsonl:2', 'aaaa0004.jsonl:2']);
  assert.equal(byCategory.get('file_path')?.retire, undefined);
  assert.equal(byCategory.get('command_pattern')?.recurred, 0);
  assert.equal(byCategory.get('command_pattern')?.situations, 0);
  assert.equal(byCategory.get('command_pattern')?.retire, 'no matching situation in 45 days');
});

test('--retire-after-days above the age keeps the quiet rule; --apply --retire removes it and the state forgets it', async () => {
  const h = await writtenThenRecurred();
  const patient = await runCli(['--project', h.project, '--retire-after-days', '60'], h.env);
  assert.match(patient.out, /Command Patterns: .*git push.* — no recurrence since written \(0 matching situations in 2 sessions\)/);
  assert.doesNotMatch(patient.out, /retire\?/);

  const retired = await runCli(['--project', h.project, '--apply', '--retire'], h.env);
  assert.equal(retired.code, 0, retired.err);
  assert.match(retired.out, /removed: Command Patterns: .*git push.* — retired: no matching situation in 45 days/);
  const claude = fs.readFileSync(path.join(h.project, 'CLAUDE.md'), 'utf8');
  assert.doesNotMatch(claude, /git push/);
  assert.match(claude, /src\/utils\/money\.py/);
  const rules = stateOf(h.stateDir).projects[h.project].rules;
  assert.deepEqual(rules.map((r) => r.category), ['file_path'], 'the retired rule is dropped from the state');
  assert.ok(Date.now() - Date.parse(rules[0].firstWritten) > 44 * DAY, 'the kept rule keeps its first-written time');
});

test('a rule edited by hand is the user\'s own: no lifecycle figures; a damaged state file is a warning, not an error', async () => {
  const h = await writtenThenRecurred();
  const file = path.join(h.project, 'CLAUDE.md');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/User rejected `git push`[^\n]*/, 'Never push: I push myself.'));
  const json = JSON.parse((await runCli(['--project', h.project, '--json'], h.env)).out) as LearnJson;
  assert.deepEqual(json.lifecycle?.map((r) => r.category), ['file_path'], 'only the untouched rule has figures');

  fs.writeFileSync(path.join(h.stateDir, 'rules-written.json'), '{"version": 99, "projects": {}}');
  const run = await runCli(['--project', h.project], h.env);
  assert.equal(run.code, 0, run.err);
  assert.match(run.err, /rules-written\.json is damaged or from another version; rule history discarded/);
  assert.doesNotMatch(run.out, /Rules written earlier/);
});
