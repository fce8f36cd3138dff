import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main.js';
import type { LearnJson } from '../../../src/cli/learnCommand.js';
import { CATEGORIES } from '../../../src/core/model/finding.js';
import { citesCall } from '../correlate/evidenceRecords.js';

const REPO = path.resolve(__dirname, '../../..');
const DEMO_PROJECT = path.join(REPO, 'examples', 'demo', 'project');

async function demoJson(): Promise<LearnJson> {
  const { materializeDemoHome } = (await import(path.join(REPO, 'scripts', 'demoHome.mjs'))) as {
    materializeDemoHome(o: { targetHome: string; projectPath?: string }): Promise<unknown>;
  };
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'learn-demo-'));
  await materializeDemoHome({ targetHome: home, projectPath: DEMO_PROJECT });
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d) => (out += d));
  const code = await main(['--project', DEMO_PROJECT, '--json'], { stdout, stderr: new PassThrough(), env: { HOME: home }, cwd: REPO });
  assert.equal(code, 0);
  return JSON.parse(out) as LearnJson;
}

const at = (ref: { file: string; line: number }) => `${path.basename(ref.file)}:${ref.line}`;

test('demo: every category appears, and every planted correction of examples/demo/README.md pairs', async () => {
  const json = await demoJson();
  assert.deepEqual([...new Set(json.findings.map((f) => f.category))], [...CATEGORIES]);
  const pairs = json.corrections.map((c) => `${c.kind} ${at(c.failed)} → ${c.fixed.line}`);
  const claude1 = '5d0f2a9c-3b7e-4c1a-9e55-0c6f1b2d8a41.jsonl';
  const claude2 = '9b41c7e2-6f08-4d3a-8a1c-72e5d9f30b6c.jsonl';
  const claude3 = 'e27a9f15-8c3d-4b60-a4f2-1d9b6e07c3a8.jsonl';
  const sub = 'agent-a7c31e9.jsonl';
  const codex1 = 'rollout-2026-11-11T14-20-05-019a7309-2c4e-7a31-b1d2-5e8f0c6a9d17.jsonl';
  const codex2 = 'rollout-2026-11-16T16-05-12-019a8d44-7f1b-7c02-9a3e-41d6b8e2c570.jsonl';
  const gemLegacy = 'session-2026-11-13T08-40-3e8c5a71.json';
  const gemJsonl = 'session-2026-11-18T14-10-c4d2e8f6.jsonl';
  const expected = [
    `launcher ${claude1}:32 → 35`, // A1
    `launcher ${codex1}:50 → 57`, // A2
    `launcher ${gemLegacy}:4 → 5`, // A3
    `launcher ${claude3}:45 → 48`, // A4
    `launcher ${claude2}:36 → 39`, // B1
    `launcher ${codex2}:23 → 30`, // B2 (npm ci ≡ pnpm install --frozen-lockfile)
    `launcher ${gemJsonl}:16 → 19`, // B3
    `path ${claude1}:8 → 12`, // C1
    `path ${codex1}:23 → 27`, // C2
    `path ${gemLegacy}:2 → 3`, // C3
    `path ${claude2}:5 → 10`, // C4
    `path ${sub}:3 → 9`, // C5
    `path ${gemJsonl}:4 → 10`, // C6
    `path ${claude1}:15 → 17`, // C7 (stale)
    `path ${codex2}:75 → 79`, // C7 (stale)
    `search_scope ${claude2}:13 → 16`, // D1
    `search_scope ${codex1}:34 → 38`, // D2
    `search_scope ${sub}:5 → 7`, // D3
    `search_scope ${gemLegacy}:9 → 10`, // D4
    `read_range ${claude1}:20 → 23`, // E1
    `read_range ${claude3}:32 → 35`, // E2
  ];
  assert.deepEqual([...pairs].sort(), [...expected].sort());
  // near misses: J1 (unrelated Read after a failed one) and J2 (identical uv sync retry) do not pair
  assert.ok(!pairs.some((p) => p.includes(`${claude3}:38`) || p.includes(`${claude2}:31`)));
  for (const ref of json.corrections.flatMap((c) => [c.failed, c.fixed])) assert.ok(citesCall(ref), at(ref));
  for (const ref of json.findings.flatMap((f) => f.evidence)) assert.ok(citesCall(ref), at(ref));
});

test('demo: the rules a user would keep; the stale settings.py correction and the self-corrected large file are not proposed', async () => {
  const json = await demoJson();
  const rules = json.rules.map((r) => r.text);
  assert.ok(rules.includes('`services/api/app/models/order.py` → actually at `services/api/src/shop/models/order.py`'));
  // E1/E2: the too-large Read was followed each time by a ranged Read of the same file, as the error said: no rule.
  assert.ok(!rules.some((r) => r.includes('rules_table.py')));
  const large = json.findings.find((f) => f.category === 'large_file')!;
  assert.equal(large.proposed, false);
  assert.equal(large.dropped, 'the too-large error says to read a range, and the very next call did (2 of 2 times)');
  assert.ok(rules.includes("Don't search `services/api/src/shop/models/` → use `services/api/`"));
  assert.ok(rules.some((r) => r.startsWith('**user_prefers_manual**: User rejected `git push` 4 times') && r.includes('I deploy myself')));
  assert.ok(rules.includes('`/var/log/shop/api.log` failed on permissions 3 times — suggest it to the user instead of running it'));
  assert.ok(!rules.some((r) => r.includes('settings.py')));
  const stale = json.findings.find((f) => f.category === 'file_path' && f.stale);
  assert.equal(stale?.proposed, false);
  assert.ok(json.waste.preventableOutputBytes > 0 && json.waste.preventableOutputBytes <= json.waste.failedOutputBytes + 1000);
});

test('demo: each proposed finding carries its rule backtest; as eval reports, only the pnpm and docker compose rules prevented a later failure', async () => {
  const json = await demoJson();
  const prevented = json.findings.filter((f) => f.backtest?.tested && f.backtest.matches > 0);
  assert.deepEqual(
    prevented.map((f) => [f.category, f.backtest?.matches, f.backtest?.laterFailures]),
    [
      ['command_pattern', 1, 5],
      ['command_pattern', 1, 5],
    ],
  );
  assert.ok(prevented.some((f) => f.rule.includes('`pnpm`')) && prevented.some((f) => f.rule.includes('docker compose')), prevented.map((f) => f.rule).join('\n'));
  assert.ok(json.findings.filter((f) => f.proposed).every((f) => f.backtest), 'every proposed finding has its figure (or says it was not tested)');
  assert.ok(json.findings.some((f) => f.backtest && !f.backtest.tested), 'a rule the older sessions did not give is "not enough history to test"');
});
