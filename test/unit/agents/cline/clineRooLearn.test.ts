import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, safeEnv, tempDir } from '../../cli/cliHarness.js';

const FIXTURE_HOME = path.resolve(__dirname, '../../../../test/fixtures/cline/home');
const START = '<!-- headroom:learn:start -->';
const END = '<!-- headroom:learn:end -->';

/** The fixture home copied with its project folder (/work/shop) replaced by a real one. */
function homeFor(project: string): string {
  const home = tempDir('cline-home-');
  fs.cpSync(FIXTURE_HOME, home, { recursive: true });
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else fs.writeFileSync(full, fs.readFileSync(full, 'utf8').split('/work/shop').join(project));
    }
  };
  visit(home);
  return home;
}

test('learn --agent cline --apply: the failure → fix and the repeated rejection go into .clinerules, the user\'s text kept byte for byte', async () => {
  const project = tempDir('cline-shop-');
  fs.mkdirSync(path.join(project, 'src'));
  fs.writeFileSync(path.join(project, 'src', 'utils.ts'), 'export const sum = 1;\n');
  const own = '# My rules\r\n\r\nBe kind.\r\n';
  fs.writeFileSync(path.join(project, '.clinerules'), own);
  const home = homeFor(project);
  const run = await runCli(['--project', project, '--agent', 'cline', '--model', 'offline', '--apply'], safeEnv(home));
  assert.equal(run.code, 0, run.err);
  const text = fs.readFileSync(path.join(project, '.clinerules'), 'utf8');
  assert.ok(text.startsWith(`${own}\r\n${START}\r\n`), 'our section is appended after the user\'s text, in its line endings');
  assert.ok(text.endsWith(`${END}\r\n`));
  assert.match(text, /- `src\/util\.ts` → actually at `src\/utils\.ts`\r\n/);
  assert.match(text, /User rejected `docker compose` 2 times — show the command, don't execute \(user: “I start the containers myself”\)/);
  assert.equal(fs.existsSync(path.join(project, '.roo')), false, '--agent cline writes only Cline\'s file');
});

test('learn (auto) with a .clinerules folder: Cline\'s rules in .clinerules/headroom-learn.md, Roo Code\'s in .roo/rules/headroom-learn.md', async () => {
  const project = tempDir('cline-shop-');
  fs.mkdirSync(path.join(project, 'src'));
  fs.writeFileSync(path.join(project, 'src', 'utils.ts'), 'export const sum = 1;\n');
  fs.mkdirSync(path.join(project, '.clinerules'));
  fs.writeFileSync(path.join(project, '.clinerules', 'style.md'), 'Tabs.\n');
  const home = homeFor(project);
  const run = await runCli(['--project', project, '--model', 'offline', '--apply'], safeEnv(home));
  assert.equal(run.code, 0, run.err);
  assert.equal(fs.readFileSync(path.join(project, '.clinerules', 'style.md'), 'utf8'), 'Tabs.\n', 'the user\'s rule file is untouched');
  const cline = fs.readFileSync(path.join(project, '.clinerules', 'headroom-learn.md'), 'utf8');
  const roo = fs.readFileSync(path.join(project, '.roo', 'rules', 'headroom-learn.md'), 'utf8');
  for (const text of [cline, roo]) {
    assert.ok(text.startsWith(`${START}\n`) && text.endsWith(`${END}\n`));
    // The rules are facts about the project: found in Roo's tasks, written for Cline too, and the other way round.
    assert.match(text, /`uv run pytest`/);
    assert.match(text, /`src\/util\.ts` → actually at `src\/utils\.ts`/);
  }
});

test('scan --all --json: exact counts per agent, the task that names no folder reported', async () => {
  const project = tempDir('cline-shop-');
  const home = homeFor(project);
  const run = await runCli(['scan', '--all', '--json'], safeEnv(home));
  assert.equal(run.code, 0, run.err);
  const json = JSON.parse(run.out) as { totals: Record<string, Record<string, unknown>>; warnings: string[] };
  assert.deepEqual(
    ['sessions', 'subagentSessions', 'toolCalls', 'failed', 'rejected', 'interrupted', 'skippedLines'].map((k) => json.totals.cline[k]),
    [4, 0, 11, 3, 2, 2, 2],
  );
  assert.deepEqual(json.totals.cline.errorKinds, { file_not_found: 2, command_not_found: 1 });
  assert.deepEqual(
    ['sessions', 'subagentSessions', 'toolCalls', 'failed', 'rejected', 'interrupted', 'skippedLines'].map((k) => json.totals.roo[k]),
    [2, 1, 6, 3, 1, 0, 1],
  );
  assert.deepEqual(json.totals.roo.errorKinds, { module_not_found: 2, permission_denied: 1 });
  assert.ok(json.warnings.some((w) => /^1 Cline task\(s\) name no working folder/.test(w)));
});
