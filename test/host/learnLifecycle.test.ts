/// <reference types="mocha" />
// The learning lifecycle in the review, in the real extension host: headroom remembers (in its state file under
// $HEADROOM_LEARN_STATE_DIR, read per Learn run) one demo rule as written 45 days ago, and that rule is in
// CLAUDE.md's section. Its situation never came up since, so the next Learn lists it pre-unchecked with
// "retire? no matching situation in 45 days", and CLAUDE.md's plan drops it. Every file it touches is restored.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Category } from '../../src/core/model/finding.js';
import { ruleTextKey } from '../../src/core/write/mergeRules.js';
import { renderMarkerSection } from '../../src/core/write/renderMarkerSection.js';
import type { HeadroomTestingApi } from '../../src/extension/api/testingHooks.js';
import { plainRule } from '../../src/extension/views/reviewNodes.js';
import { activateTestingHooks, flattenTree, reviewProject, reviewTarget } from './hostTestSupport.js';

const DAY = 24 * 60 * 60 * 1000;
const demoProject = process.env.HEADROOM_TEST_DEMO_PROJECT ?? '';
const claudeMd = path.join(demoProject, 'CLAUDE.md');

describe('Headroom: Learn with rules written earlier (lifecycle)', function () {
  this.timeout(120_000);
  let api: HeadroomTestingApi;
  let stateDir: string;
  const envBefore = process.env.HEADROOM_LEARN_STATE_DIR;
  let claudeBefore: string | undefined;
  /** The demo rule remembered as written 45 days ago. */
  let quiet: { text: string; category: Category };

  before(async () => {
    assert.ok(demoProject && fs.existsSync(demoProject), 'the harness provides the demo project (HEADROOM_TEST_DEMO_PROJECT)');
    api = await activateTestingHooks();
    claudeBefore = fs.existsSync(claudeMd) ? fs.readFileSync(claudeMd, 'utf8') : undefined;
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-state-'));
    process.env.HEADROOM_LEARN_STATE_DIR = stateDir;
  });

  after(async () => {
    if (envBefore === undefined) delete process.env.HEADROOM_LEARN_STATE_DIR;
    else process.env.HEADROOM_LEARN_STATE_DIR = envBefore;
    if (claudeBefore === undefined) fs.rmSync(claudeMd, { force: true });
    else fs.writeFileSync(claudeMd, claudeBefore);
    fs.rmSync(stateDir, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The next suites learn afresh; leave no review built on this suite's state behind.
    await api?.review.learn({ folder: vscode.Uri.file(demoProject) });
  });

  it('with nothing remembered, every demo rule is checked and none has a lifecycle note', async () => {
    assert.equal(await api.review.learn({ folder: vscode.Uri.file(demoProject) }), 'done');
    const state = api.review.getReviewState();
    const project = reviewProject(state, demoProject);
    assert.ok(project.learnings.length >= 2, `the demo yields rules (${project.learnings.length})`);
    assert.ok(project.learnings.every((l) => l.checked), 'every rule is checked');
    const items = flattenTree(state.tree).filter((item) => item.kind === 'learning');
    assert.ok(items.every((item) => !/retire\?|since written/.test(item.description ?? '')), 'no lifecycle note without a state file');
    // One line, nothing the section escapes: in CLAUDE.md it is the bullet `- ${text}` as is.
    const rule = project.learnings.find((l) => l.files.includes(claudeMd) && !/[\n<>]/.test(l.text));
    assert.ok(rule, 'a one-line demo rule goes to CLAUDE.md');
    quiet = { text: rule.text, category: rule.category as Category };
  });

  it('a rule written 45 days ago whose situation never came up is pre-unchecked with its reason, and CLAUDE.md drops it', async () => {
    // CLAUDE.md holds the section headroom wrote then, with that one rule.
    fs.writeFileSync(claudeMd, `# Claude\n\n${renderMarkerSection([quiet], { eol: '\n' })}\n`);
    // The state file remembers writing it 45 days ago, from no finding whose situation the demo sessions contain
    // (the demo sessions are all newer than 45 days: a rule remembered with its demo findings would have situations).
    const state = {
      version: 1,
      projects: {
        [demoProject]: {
          rules: [{ textKey: ruleTextKey(quiet.text), category: quiet.category, text: quiet.text, firstWritten: new Date(Date.now() - 45 * DAY).toISOString(), findings: [] }],
        },
      },
    };
    fs.writeFileSync(path.join(stateDir, 'rules-written.json'), JSON.stringify(state));

    assert.equal(await api.review.learn({ folder: vscode.Uri.file(demoProject) }), 'done');
    const review = api.review.getReviewState();
    const project = reviewProject(review, demoProject);
    const quietKey = ruleTextKey(quiet.text);
    const learning = project.learnings.find((l) => ruleTextKey(l.text) === quietKey);
    assert.ok(learning, 'the remembered rule is learned again');
    assert.equal(learning.checked, false, 'the retire candidate starts unchecked');
    const others = project.learnings.filter((l) => l !== learning);
    assert.ok(others.length > 0 && others.every((l) => l.checked), 'every other rule is checked');
    assert.equal(review.badge, others.length, 'the badge counts the checked rules');

    const items = flattenTree(review.tree).filter((item) => item.kind === 'learning');
    const item = items.find((i) => i.label === plainRule(quiet.text));
    assert.ok(item, `the rule is in the tree (${items.map((i) => i.label).join(' | ')})`);
    assert.equal(item.checked, false, 'its checkbox is unchecked');
    assert.match(item.description ?? '', /retire\? no matching situation in 45 days/);
    for (const other of items.filter((i) => i !== item)) {
      assert.equal(other.checked, true, `${other.label} is checked`);
      assert.doesNotMatch(other.description ?? '', /retire\?|since written/, `${other.label} has no lifecycle note`);
    }

    // Unchecked means left out: CLAUDE.md's plan no longer has it, and the diff shows it removed, never added or kept.
    const claude = reviewTarget(review, claudeMd);
    assert.equal(claude.changed, true);
    assert.equal(claude.learnings.includes(learning.id), false, 'it is not among the rules CLAUDE.md gets');
    assert.equal(claude.proposedText?.includes(quiet.text), false, 'the proposed CLAUDE.md no longer holds it');
    const diff = await api.review.openDiff(claudeMd);
    const mentions = diff.lines.filter((line) => line.text === `- ${quiet.text}`);
    assert.ok(mentions.length > 0 && mentions.every((line) => line.kind === 'removed'), `the diff removes it (${mentions.map((l) => l.kind).join(', ')})`);
    for (const target of review.targets.filter((t) => t.projectPath === demoProject)) {
      assert.equal(target.proposedText?.includes(quiet.text) ?? false, false, `${path.basename(target.path)} does not get it`);
    }
  });
});
