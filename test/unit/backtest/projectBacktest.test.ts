// The backtest a learn carries (findFindings' backtest, from the sessions it already scanned) agrees with
// `eval` (runBacktest, which scans each file on its own), and each rule of the full run gets the figure of the
// split run's rule with the same findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDefaultRegistry } from '../../../src/core/agents/builtins.js';
import { processEnvironment } from '../../../src/core/agents/environment.js';
import { OfflineAnalyzer } from '../../../src/core/analyze/offline/offlineAnalyzer.js';
import { DEFAULT_SPLIT, type ProjectBacktest } from '../../../src/core/backtest/projectBacktest.js';
import { byBacktestFigure, ruleFigure } from '../../../src/core/backtest/ruleFigure.js';
import { runBacktest } from '../../../src/core/backtest/runBacktest.js';
import { REPLAY_BUCKETS } from '../../../src/core/backtest/replayFailures.js';
import type { Finding } from '../../../src/core/model/finding.js';
import { learnProject } from '../../../src/core/pipeline/learnProject.js';
import { demoFixture, safeEnv } from '../cli/cliHarness.js';

test('on the demo home, the learn-embedded backtest has the per-category figures of eval, and the rules their eval matches', async () => {
  const fx = await demoFixture();
  const environment = processEnvironment(safeEnv(fx.home));
  const plugins = createDefaultRegistry().all();
  const learned = await learnProject({ projectPath: fx.project, plugins, environment, analyzer: new OfflineAnalyzer() });
  const evaluated = await runBacktest({ projectPath: fx.project, plugins, environment, reporter: { warn: () => undefined }, split: DEFAULT_SPLIT });
  const backtest = learned.backtest;
  assert.ok(backtest, 'a learn on the demo carries its backtest');
  assert.equal(backtest.learnSessions, evaluated.learnSessions.length);
  assert.equal(backtest.laterSessions, evaluated.laterSessions.length);
  assert.equal(backtest.rules, evaluated.learnings.length);
  assert.deepEqual([backtest.laterFailures, backtest.covered, backtest.coveredTokens], [evaluated.replay.laterFailures, evaluated.replay.covered, evaluated.replay.coveredTokens]);
  assert.deepEqual([backtest.laterFailures, backtest.covered, backtest.coveredTokens], [5, 2, 88], 'the README figures of the demo');
  for (const bucket of REPLAY_BUCKETS) assert.deepEqual(backtest.byCategory[bucket], evaluated.replay.byBucket[bucket], bucket);
  // Per rule: the full run's rule with the same findings as an eval rule gets that rule's matches.
  const evalFindings = new Map(evaluated.findings.map((finding) => [finding.id, finding]));
  let compared = 0;
  for (const rule of evaluated.replay.rules) {
    const keys = rule.learning.findingIds.map((id) => evalFindings.get(id)!.key);
    const counterpart = learned.learnings.find((learning) =>
      learned.findings.some((finding) => learning.findingIds.includes(finding.id) && keys.includes(finding.key)),
    );
    if (!counterpart) continue;
    compared += 1;
    const figure = ruleFigure(counterpart, learned.findings, backtest);
    assert.deepEqual([figure?.matches, figure?.laterFailures], [rule.covered.length, 5], counterpart.text);
  }
  assert.equal(compared, evaluated.learnings.length, 'every rule eval learned is also a rule of the full learn');
  const covering = learned.learnings.filter((learning) => (ruleFigure(learning, learned.findings, backtest)?.matches ?? 0) > 0).map((l) => l.text);
  assert.equal(covering.length, 2);
  assert.ok(covering.some((text) => text.includes('`pnpm`')), covering.join('\n'));
  assert.ok(covering.some((text) => text.includes('docker compose')), covering.join('\n'));
});

function finding(id: string, key: string, category: Finding['category'] = 'file_path'): Finding {
  return { id, category, target: 'context', key, rule: '', occurrences: 2, sessions: 2, evidence: [], userStated: false, details: {} } as Finding;
}

function backtestWith(coverage: ProjectBacktest['coverage']): ProjectBacktest {
  return { split: 0.7, learnSessions: 6, laterSessions: 2, rules: 3, laterFailures: 31, covered: 4, coveredTokens: 0, byCategory: {} as ProjectBacktest['byCategory'], coverage };
}

test('ruleFigure: the counterpart by category + key (ids may differ), a later failure counted once, no counterpart → no figure', () => {
  const findings = [finding('f1', 'a.py'), finding('f2', 'b.py'), finding('f3', 'c.py'), finding('f4', 'a.py', 'large_file')];
  const backtest = backtestWith([
    { category: 'file_path', key: 'a.py', calls: [{ call: 'x', outputBytes: 400 }, { call: 'y', outputBytes: 400 }] },
    { category: 'file_path', key: 'b.py', calls: [{ call: 'y', outputBytes: 400 }, { call: 'z', outputBytes: 4000 }] },
    { category: 'file_path', key: 'unused', calls: [] },
  ]);
  assert.deepEqual(ruleFigure({ findingIds: ['f1'] }, findings, backtest), { matches: 2, laterFailures: 31, coveredTokens: 200 });
  assert.deepEqual(ruleFigure({ findingIds: ['f1', 'f2'] }, findings, backtest), { matches: 3, laterFailures: 31, coveredTokens: 1200 }, 'y once');
  assert.equal(ruleFigure({ findingIds: ['f3'] }, findings, backtest), undefined, 'not learned from the earlier sessions');
  assert.equal(ruleFigure({ findingIds: ['f4'] }, findings, backtest), undefined, 'same key, another category');
  assert.equal(ruleFigure({ findingIds: ['f1'] }, findings, undefined), undefined, 'no backtest');
  const zero = backtestWith([{ category: 'file_path', key: 'c.py', calls: [] }]);
  assert.deepEqual(ruleFigure({ findingIds: ['f3'] }, findings, zero), { matches: 0, laterFailures: 31, coveredTokens: 0 }, 'tested, no later match');
});

test('byBacktestFigure: most covered first, then more tokens, ties (and untested rules) keep their order', () => {
  const figures: Record<string, { matches: number; laterFailures: number; coveredTokens: number } | undefined> = {
    a: undefined,
    b: { matches: 1, laterFailures: 9, coveredTokens: 10 },
    c: { matches: 0, laterFailures: 9, coveredTokens: 0 },
    d: { matches: 3, laterFailures: 9, coveredTokens: 5 },
    e: { matches: 1, laterFailures: 9, coveredTokens: 50 },
    f: undefined,
  };
  assert.deepEqual(byBacktestFigure(Object.keys(figures), (rule) => figures[rule]), ['d', 'e', 'b', 'a', 'c', 'f']);
});
