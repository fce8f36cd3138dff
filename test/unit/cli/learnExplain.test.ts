import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoFixture, runCli, safeEnv, tempDir } from './cliHarness.js';
import { found, missing, writeClaudeSession } from './fakeClaudeSessions.js';
import type { LearnJson } from '../../../src/cli/learnCommand.js';

test('the report lists the candidates that are no rule, by reason with examples; --json lists them all', async () => {
  const fixture = await demoFixture();
  const env = safeEnv(fixture.home);
  const run = await runCli(['--project', fixture.project], env);
  assert.equal(run.code, 0);
  const json = JSON.parse((await runCli(['--project', fixture.project, '--json'], env)).out) as LearnJson;
  assert.ok(json.dropped.length > 0, 'the demo has candidates that are no rule');
  assert.ok(json.dropped.every((d) => d.label && d.reason && d.subject && d.evidence.length > 0 && d.evidence.length <= 6));
  assert.equal(json.dropped.filter((d) => d.reason === 'below_threshold').length, json.belowThreshold - json.dropped.filter((d) => d.reason === 'single_rejection' && !json.findings.some((f) => f.id === d.findingId)).length);
  const section = run.out.slice(run.out.indexOf('Not proposed: '), run.out.indexOf('Analyzer: '));
  assert.match(section, new RegExp(`^Not proposed: ${json.dropped.length} candidates\\n`));
  const below = json.dropped.filter((d) => d.reason === 'below_threshold').length;
  if (below > 0) assert.ok(section.includes(`✗ below threshold: ${below}\n`), section);
  assert.ok(section.split('\n').length < 30, `compact: ${section}`);
});

test('"Nothing to learn" says why: a wrong path corrected in one session only is below the threshold', async () => {
  const home = tempDir('learn-explain-home-');
  const project = path.join(tempDir('learn-explain-'), 'app');
  fs.mkdirSync(path.join(project, 'src'), { recursive: true });
  fs.writeFileSync(path.join(project, 'src', 'money.py'), 'def money(): ...\n');
  writeClaudeSession(home, project, 'only-session', [missing('t1', project, 'app/money.py'), found('t2', project, 'src/money.py')], (i) => `2026-01-01T10:0${i}:00.000Z`);
  const run = await runCli(['--project', project], safeEnv(home));
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /Not proposed: 1 candidate\n {2}✗ below threshold: 1\n {6}`app\/money\.py` → actually at `src\/money\.py`\n {8}— 1 occurrence in 1 session \(needs 2 in 2\) \(only-session\.jsonl:2\)\n/);
  assert.match(run.out, /Nothing to learn: 1 candidate found, none with what a rule needs \(see "Not proposed" above\)\./);
});

test('--explain shows per rule the thresholds it passed, its backtest, and its episodes with file:line', async () => {
  const fixture = await demoFixture();
  const env = safeEnv(fixture.home);
  const run = await runCli(['--project', fixture.project, '--explain'], env);
  assert.equal(run.code, 0, run.err);
  const json = JSON.parse((await runCli(['--project', fixture.project, '--json', '--explain'], env)).out) as LearnJson;
  assert.equal(json.explain?.length, json.rules.length);
  const explained = run.out.slice(run.out.indexOf('(--explain):'));
  assert.match(explained, /^\(--explain\):\n\n1\. /);
  const pytest = json.explain!.find((e) => e.text.includes('uv run pytest'))!;
  assert.ok(pytest, 'the pytest rule is explained');
  assert.equal(pytest.passed, '2 occurrences in 2 sessions (needs 2 in 2)');
  const [first] = pytest.timeline.episodes;
  assert.match(first!.failed!.summary, /^Bash cd services\/api && python3 -m pytest/);
  assert.ok(first!.failed!.output?.includes('/usr/bin/python3: No module named pytest'));
  assert.match(first!.fixed!.summary, /^Bash cd services\/api && uv run pytest/);
  assert.ok(explained.includes(`✗ ${first!.failed!.summary}  [`), 'the failed call, with file:line');
  assert.ok(explained.includes('│ /usr/bin/python3: No module named pytest'), 'its error');
  assert.ok(explained.includes(`✓ ${first!.fixed!.summary}  [`), 'the call that worked');
  assert.match(explained, /passed: 2 occurrences in 2 sessions \(needs 2 in 2\)\n {3}backtest: /);
  assert.match((await runCli(['--help'], env)).out, /--explain {13}Show why each proposed rule was proposed/);
});
