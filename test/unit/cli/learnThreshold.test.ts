import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoFixture, runCli, safeEnv } from './cliHarness.js';
import type { LearnJson } from '../../../src/cli/learnCommand.js';

test('--min-occurrences raises the evidence threshold: patterns seen fewer times are not proposed', async () => {
  const fixture = await demoFixture();
  const env = safeEnv(fixture.home);
  const base = JSON.parse((await runCli(['--project', fixture.project, '--json'], env)).out) as LearnJson;
  const strict = await runCli(['--project', fixture.project, '--json', '--min-occurrences', '3'], env);
  assert.equal(strict.code, 0);
  const json = JSON.parse(strict.out) as LearnJson;
  const twice = base.findings.filter((f) => f.occurrences === 2 && !f.userStated);
  assert.ok(twice.length > 0, 'the demo has patterns seen exactly twice');
  for (const f of twice) assert.ok(!json.findings.some((g) => g.id === f.id), `${f.rule} is below a threshold of 3`);
  assert.ok(json.findings.every((f) => f.occurrences >= 3 || f.userStated));
  assert.ok(json.findings.length > 0 && json.findings.length < base.findings.length);
  assert.ok(json.belowThreshold > base.belowThreshold);
});

test('--min-occurrences must be a whole number from 1 up', async () => {
  const fixture = await demoFixture();
  for (const bad of ['0', 'two', '1.5']) {
    const run = await runCli(['--project', fixture.project, '--min-occurrences', bad], safeEnv(fixture.home));
    assert.equal(run.code, 2);
    assert.match(run.err, /--min-occurrences needs a whole number/);
  }
});
