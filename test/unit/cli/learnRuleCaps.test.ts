// Short sections on the demo, as the CLI shows them: the strongest rules first, the caps as options, and every
// rule the cap leaves out listed with the cap and the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { demoFixture, runCli, safeEnv } from './cliHarness.js';
import type { LearnJson } from '../../../src/cli/learnCommand.js';

const bullets = (section: string | undefined) => (section ?? '').split('\n').filter((line) => line.startsWith('- '));

test('demo: CLAUDE.md starts with the rules the backtest shows preventing a later failure, then by sessions seen', async () => {
  const fixture = await demoFixture();
  const run = await runCli(['--project', fixture.project, '--json'], safeEnv(fixture.home));
  const json = JSON.parse(run.out) as LearnJson;
  const claudeMd = json.proposals!.find((p) => path.basename(p.path) === 'CLAUDE.md')!;
  const rules = bullets(claudeMd.proposedSection);
  assert.equal(rules.length, 8, 'under the default cap of 15');
  // pnpm and docker compose each prevented 1 of 5 later failures; git push was rejected in 4 sessions.
  assert.match(rules[0], /use `pnpm`, not `npm`/);
  assert.match(rules[1], /User rejected `docker compose`/);
  assert.match(rules[2], /User rejected `git push` 4 times/);
  assert.match(claudeMd.proposedSection!, /^### Command Patterns$/m);
  assert.ok(claudeMd.proposedSection!.indexOf('### Command Patterns') < claudeMd.proposedSection!.indexOf('### Environment'), 'categories follow their strongest rule');
  assert.deepEqual(claudeMd.merge.notAdded, []);
});

test('--max-rules-context 3 --max-rules-memory 1: three rules in CLAUDE.md, one in MEMORY.md, the rest "not proposed: over the cap"', async () => {
  const fixture = await demoFixture();
  const env = safeEnv(fixture.home);
  const json = JSON.parse((await runCli(['--project', fixture.project, '--json', '--max-rules-context', '3', '--max-rules-memory', '1'], env)).out) as LearnJson;
  const byName = (name: string) => json.proposals!.find((p) => path.basename(p.path) === name)!;
  assert.equal(bullets(byName('CLAUDE.md').proposedSection).length, 3);
  assert.equal(bullets(byName('MEMORY.md').proposedSection).length, 1);
  assert.equal(bullets(byName('GEMINI.md').proposedSection).length, 3, 'GEMINI.md takes both kinds and has the context cap');
  assert.equal(byName('CLAUDE.md').merge.notAdded.length, 5);
  assert.ok(byName('CLAUDE.md').merge.notAdded.every((entry) => entry.reason === 'over the cap of 3 for CLAUDE.md'));
  const pytest = json.findings.find((f) => f.rule.includes('`uv run pytest`'))!;
  assert.equal(pytest.proposed, false);
  assert.equal(pytest.dropped, 'over the cap of 3 for CLAUDE.md, AGENTS.md and GEMINI.md');

  const text = await runCli(['--project', fixture.project, '--max-rules-context', '3', '--max-rules-memory', '1'], env);
  assert.equal(text.code, 0);
  assert.match(text.out, /uv run pytest.*\[not proposed: over the cap of 3 for CLAUDE\.md, AGENTS\.md and GEMINI\.md\]/);
  assert.match(text.out, /^ {2}CLAUDE\.md \(Claude Code, context\): new file, 9 lines · rules: 0 kept, 3 added, 0 removed, 5 not added$/m);
  assert.match(text.out, /^ {4}· not added: Environment: \*\*pytest\*\*.* — over the cap of 3 for CLAUDE\.md$/m);
});

test('--max-rules-context and --max-rules-memory need a whole number from 1 to 100', async () => {
  const fixture = await demoFixture();
  for (const [flag, bad] of [['--max-rules-context', '0'], ['--max-rules-context', 'ten'], ['--max-rules-memory', '2.5'], ['--max-rules-memory', '101'], ['--max-rules-memory', '']]) {
    const run = await runCli(['--project', fixture.project, flag, bad], safeEnv(fixture.home));
    assert.equal(run.code, 2, `${flag} ${bad}`);
    assert.match(run.err, new RegExp(`${flag} needs a whole number of rules from 1 to 100, not "${bad.replace('.', '\\.')}"`));
  }
  const help = await runCli(['--help'], safeEnv(fixture.home));
  assert.match(help.out, /--max-rules-context N At most N rules in each context file/);
  assert.match(help.out, /--max-rules-memory N +At most N rules in each memory file/);
});
