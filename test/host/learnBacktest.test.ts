/// <reference types="mocha" />
// Each rule's backtest figure in the review, in the real extension host, on the demo home the harness materialises.
// `eval` on the demo alone covers 2 of its 5 later failures (the `pnpm` not `npm` and the docker compose rules), but
// here the fake agent of the test extension also has a (2025) session for every project, which shifts the split; so
// the expected figures are core runBacktest's (what `eval` computes) over the same agents, the fake one included.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { processEnvironment } from '../../src/core/agents/environment.js';
import { DEFAULT_SPLIT } from '../../src/core/backtest/projectBacktest.js';
import { runBacktest, type BacktestResult } from '../../src/core/backtest/runBacktest.js';
import type { HeadroomTestingApi } from '../../src/extension/api/testingHooks.js';
import { activateTestingHooks, flattenTree, tooltipText } from './hostTestSupport.js';

const demoProject = process.env.HEADROOM_TEST_DEMO_PROJECT ?? '';

/** Rule markdown as the tree labels it (reviewNodes plainRule). */
function plainText(text: string): string {
  return text.replace(/\*\*/g, '').replace(/`/g, '').replace(/\s+/g, ' ').trim();
}

describe('Backtest figures in the review', function () {
  this.timeout(60_000);
  let api: HeadroomTestingApi;
  let evaluated: BacktestResult;
  /** The full run's rules (labelled as the tree shows them) whose eval counterpart covered a later failure, with its matches. */
  let covering: Map<string, number>;

  before(async () => {
    assert.ok(demoProject && fs.existsSync(demoProject), 'the harness provides the demo project (HEADROOM_TEST_DEMO_PROJECT)');
    api = await activateTestingHooks();
    assert.equal(await api.review.learn({ folder: vscode.Uri.file(demoProject) }), 'done');
    const plugins = api.pluginHost.registry.all();
    evaluated = await runBacktest({ projectPath: demoProject, plugins, environment: processEnvironment(process.env), reporter: { warn: () => undefined }, split: DEFAULT_SPLIT });
    assert.ok(evaluated.replay.covered > 0, 'eval covers some later failure of the demo');
    // Offline rules take their finding's id, which comes from category + key: the same fact has the same id in the
    // split run and in the full run (whose rule text can differ, e.g. a count).
    const matchesById = new Map(evaluated.replay.rules.filter((rule) => rule.covered.length > 0).map((rule) => [rule.learning.id, rule.covered.length]));
    const project = api.review.getReviewState().projects.find((p) => p.projectPath === demoProject);
    assert.ok(project);
    covering = new Map(project.learnings.filter((l) => matchesById.has(l.id)).map((l) => [plainText(l.text), matchesById.get(l.id)!]));
    assert.equal(covering.size, matchesById.size, 'every rule eval matched is a rule of the full run');
  });

  it('the rules that covered a later failure say so in the tree (as eval counts them), first in their category; the others say no later match', () => {
    const tree = api.review.getReviewState().tree;
    const learnings = flattenTree(tree).filter((item) => item.kind === 'learning');
    const later = evaluated.replay.laterFailures;
    const shown = learnings.filter((item) => /^prevented /.test(item.description ?? ''));
    assert.deepEqual(
      shown.map((item) => item.label).sort(),
      [...covering.keys()].sort(),
      `the rules eval matched, and only those (${learnings.map((l) => `${l.label}: ${l.description}`).join(' | ')})`,
    );
    for (const item of shown) {
      const matches = covering.get(item.label)!;
      assert.match(item.description ?? '', new RegExp(`^prevented ${matches}/${later} · ~\\d+ tok · .*files?`), item.label);
      assert.match(tooltipText(item), new RegExp(`Backtest: would have prevented ${matches} of ${later} later failures, ~\\d+ tokens \\(learned from the ${evaluated.learnSessions.length} older sessions, replayed on the ${evaluated.laterSessions.length} later ones\\)`));
    }
    const untouched = learnings.filter((item) => /^no later match · /.test(item.description ?? ''));
    assert.ok(untouched.length >= 3, 'rules that matched nothing later say so');
    assert.match(tooltipText(untouched[0]!), /Backtest: no later match/);
    for (const category of flattenTree(tree).filter((item) => item.kind === 'category')) {
      const rules = category.children.filter((child) => child.kind === 'learning').map((rule) => /^prevented /.test(rule.description ?? ''));
      assert.deepEqual(rules, [...rules].sort((a, b) => Number(b) - Number(a)), `${category.label}: the covering rules come first`);
    }
  });

  it('the diff panel lists the added rules with their figures', async () => {
    const diff = await api.review.openDiff(path.join(demoProject, 'CLAUDE.md'));
    assert.ok(diff.backtest, 'the run has a backtest');
    const shown = diff.backtest.rules.filter((rule) => covering.has(plainText(rule.rule)));
    assert.ok(shown.length > 0, `a covering rule is added to CLAUDE.md (${diff.backtest.rules.map((r) => r.rule).join(' | ')})`);
    for (const rule of shown) assert.match(rule.figure, new RegExp(`would have prevented ${covering.get(plainText(rule.rule))} of ${evaluated.replay.laterFailures} later failures`));
    assert.ok(diff.backtest.rules.some((rule) => /no later match/.test(rule.figure)));
    const added = diff.lines.filter((line) => line.kind === 'added' && line.text.startsWith('- ')).length;
    assert.equal(diff.backtest.rules.length, added, 'one figure per added rule');
  });

  it('the stats dashboard has the project backtest per category, next to the proposals', () => {
    const snapshot = api.lastRun.snapshot;
    assert.ok(snapshot);
    assert.equal(snapshot.backtests.length, 1);
    const [backtest] = snapshot.backtests;
    const { replay } = evaluated;
    assert.deepEqual(
      [backtest!.laterFailures, backtest!.covered, backtest!.coveredTokens, backtest!.learnSessions, backtest!.laterSessions],
      [replay.laterFailures, replay.covered, replay.coveredTokens, evaluated.learnSessions.length, evaluated.laterSessions.length],
    );
    const expected = Object.values(replay.byBucket).filter((bucket) => bucket.laterFailures > 0);
    assert.deepEqual(
      backtest!.byCategory.map((row) => [row.laterFailures, row.covered]),
      expected.map((bucket) => [bucket.laterFailures, bucket.covered]),
    );
    assert.ok(backtest!.byCategory.some((row) => row.label === 'Command Patterns' && row.covered > 0), 'the demo\'s command patterns are covered');
    const panel = api.showStats();
    try {
      assert.match(panel.webview.html, /media\/dist\/stats\.js/);
    } finally {
      panel.dispose();
    }
  });
});
