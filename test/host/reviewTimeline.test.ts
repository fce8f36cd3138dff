/// <reference types="mocha" />
// A rule's evidence opens as a readable timeline (issue 13, mode 9), in the real extension host on the demo agent
// home: the failed call and its error, the calls in between, the call that worked; the raw log lines stay one
// command away (Open Raw Session Log, the inline action on every evidence item).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HeadroomTestingApi } from '../../src/extension/api/testingHooks.js';
import { activateTestingHooks, findTreeItem, reviewProject } from './hostTestSupport.js';

const demoProject = process.env.HEADROOM_TEST_DEMO_PROJECT ?? '';

describe('Evidence timeline', function () {
  this.timeout(60_000);
  let api: HeadroomTestingApi;

  before(async () => {
    assert.ok(demoProject && fs.existsSync(demoProject), 'the harness provides the demo project');
    api = await activateTestingHooks();
    assert.equal(await api.review.learn({ folder: vscode.Uri.file(demoProject) }), 'done');
  });

  it('clicking an evidence item opens the timeline; the raw log is its inline action', () => {
    const evidence = findTreeItem(api.review.getReviewState().tree, (item) => item.kind === 'evidence');
    assert.ok(evidence, 'an evidence item under a rule');
    assert.equal(evidence.command, 'headroom.openTimeline');
    assert.match(evidence.contextValue ?? '', /^headroom\.evidence/, 'its context value offers Open Raw Session Log');
  });

  it("a path rule's timeline shows the failed call with its error, what came between, and the call that worked", async () => {
    const project = reviewProject(api.review.getReviewState(), demoProject);
    const learning = project.learnings.find(
      (l) => l.category === 'file_path' && l.evidence.some((e) => e.outcome === 'failed') && l.evidence.some((e) => e.outcome === 'ok'),
    );
    assert.ok(learning, 'a path rule with a failure and its fix');
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('headroom.openTimeline', {
      projectPath: demoProject,
      title: learning.text,
      evidence: learning.evidence,
    });
    assert.ok(document, 'the command returns the timeline document');
    assert.equal(document.uri.scheme, 'headroom-timeline');
    assert.equal(document.languageId, 'markdown');
    const text = document.getText();
    const failed = learning.evidence.find((e) => e.outcome === 'failed')!;
    const fixed = learning.evidence.find((e) => e.outcome === 'ok' && e.file === failed.file && e.index > failed.index)!;
    const rel = (ref: typeof failed) => path.relative(demoProject, String(ref.input.file_path ?? ref.input.path ?? ''));
    assert.match(text, /^# Evidence timeline/);
    assert.ok(text.includes(`✗ **Failed:** \`Read ${rel(failed)}\``), `the failed call, project-relative:\n${text}`);
    assert.ok(text.includes(`(line ${failed.line})`), 'with its line in the log');
    assert.match(text, /file not found|does not exist/i, 'with its error');
    assert.ok(text.includes(`✓ **Worked:** \`Read ${rel(fixed)}\``), `the call that fixed it:\n${text}`);
    assert.match(text, /… (nothing in between|\d+ calls in between: )/);
    assert.ok(text.includes(`Raw log: \`${failed.file}\``), 'names the raw log');
    assert.ok(!text.includes('"tool_use_id"'), 'no raw JSON');
  });

  it('Open Raw Session Log on an evidence call still shows the raw log lines', async () => {
    const learning = reviewProject(api.review.getReviewState(), demoProject).learnings.find((l) => l.evidence.some((e) => e.file.endsWith('.jsonl')))!;
    const ref = learning.evidence.find((e) => e.file.endsWith('.jsonl'))!;
    await vscode.commands.executeCommand('headroom.openEvidence', ref);
    assert.equal(vscode.window.activeTextEditor?.document.uri.scheme, 'headroom-session');
  });
});
