/// <reference types="mocha" />
// The review experience around Learn, in the real extension host on the demo agent home (see learnReview.test.ts,
// which runs before this file and leaves CLAUDE.md, AGENTS.md and MEMORY.md written): rejecting rules already in a
// file, the status bar item, the diff panel restored after a reload, Learn All Projects, and the folder Learn uses.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HeadroomTestingApi } from '../../src/extension/api/testingHooks.js';
import { activateTestingHooks, findTreeItem as find, reviewProject, reviewTarget as target } from './hostTestSupport.js';

const demoProject = process.env.HEADROOM_TEST_DEMO_PROJECT ?? '';
const agentHome = process.env.HEADROOM_TEST_AGENT_HOME ?? '';
const agentsMd = path.join(demoProject, 'AGENTS.md');
const claudeMd = path.join(demoProject, 'CLAUDE.md');
/** A rule's first line, as the section lists it. */
const firstLine = (text: string) => text.split('\n')[0]!;
const oldRule = 'an old rule that is kept';

/** Claude Code's project folder name (scripts/demoHome.mjs claudeProjectDirName, short paths). */
const claudeDirName = (projectPath: string) => projectPath.replace(/[^A-Za-z0-9]/g, '-');

describe('Review experience: reject, status bar, restored diff, all projects, folder pick', function () {
  this.timeout(60_000);
  let api: HeadroomTestingApi;

  before(async () => {
    assert.ok(demoProject && fs.existsSync(demoProject), 'the harness provides the demo project');
    api = await activateTestingHooks();
  });

  it('the status bar shows a spinner while learning, then the number of checked learnings with command links', async () => {
    assert.ok(api.statusBar, 'the test API exposes the status bar');
    const during: string[] = [];
    const status = await api.review.learn({ folder: vscode.Uri.file(demoProject), onProgress: () => during.push(api.statusBar!().text) });
    assert.equal(status, 'done');
    assert.ok(during.length > 0 && during.every((text) => text.includes('$(loading~spin)')), `spinner while learning: ${during[0]}`);
    const bar = api.statusBar();
    const badge = api.review.getReviewState().badge;
    assert.ok(badge > 1);
    assert.equal(bar.text, `$(lightbulb) Headroom: ${badge} checked`);
    assert.equal(bar.visible, true, 'shown: a workspace folder is open');
    assert.equal(bar.background, undefined);
    assert.equal(bar.command, 'workbench.view.extension.headroom', 'a click opens the review');
    for (const command of ['headroom.learn', 'workbench.view.extension.headroom', 'headroom.selectModel', 'headroom.showLog']) {
      assert.ok(bar.tooltip.includes(`(command:${command})`), `the tooltip links ${command}: ${bar.tooltip}`);
    }
    // Unchecking a learning updates the count, by one whatever the number of files it goes to.
    const first = reviewProject(api.review.getReviewState(), demoProject).learnings[0]!;
    await api.review.setRuleChecked(demoProject, first.id, false);
    assert.equal(api.statusBar().text, `$(lightbulb) Headroom: ${badge - 1} checked`);
    await api.review.setRuleChecked(demoProject, first.id, true);
    assert.equal(api.statusBar().text, `$(lightbulb) Headroom: ${badge} checked`);
  });

  it('a rule can be left out of one file only (Exclude from This File) and taken back', async () => {
    const before = api.review.getReviewState();
    const rule = reviewProject(before, demoProject).learnings.find((l) => l.checked && l.files.includes(claudeMd) && l.files.includes(agentsMd));
    assert.ok(rule, 'a checked rule that goes to CLAUDE.md and AGENTS.md');
    await api.review.setRuleExcluded(agentsMd, rule.id, true);
    const excluded = api.review.getReviewState();
    assert.equal(target(excluded, agentsMd).proposedText?.includes(firstLine(rule.text)), false, 'AGENTS.md no longer gets it');
    assert.ok(target(excluded, claudeMd).proposedText?.includes(firstLine(rule.text)), 'CLAUDE.md still does');
    assert.deepEqual(target(excluded, agentsMd).excluded, [rule.id]);
    assert.equal(reviewProject(excluded, demoProject).learnings.find((l) => l.id === rule.id)?.files.includes(agentsMd), false);
    assert.equal(excluded.badge, before.badge, 'still checked: the badge is unchanged');
    const agentsItem = find(excluded.tree, (item) => item.kind === 'target' && item.label === 'AGENTS.md');
    const fileRule = find(agentsItem?.children ?? [], (item) => item.kind === 'fileRule' && item.contextValue === 'headroom.fileRule.excluded');
    assert.equal(fileRule?.description, 'excluded from this file', 'listed under AGENTS.md as excluded (its context menu offers Include in This File)');
    assert.match(agentsItem?.description ?? '', /· 1 excluded$/);
    const learningItem = find(excluded.tree, (item) => item.kind === 'learning' && item.label === fileRule?.label);
    const all = rule.files.length;
    assert.match(learningItem?.description ?? '', new RegExp(`${all - 1} of ${all} files$`));

    await api.review.setRuleExcluded(agentsMd, rule.id, false);
    const included = api.review.getReviewState();
    assert.ok(target(included, agentsMd).proposedText?.includes(firstLine(rule.text)), 'AGENTS.md gets it again');
    assert.deepEqual(target(included, agentsMd).excluded, []);
  });

  it('a rule already in the file with no new evidence is listed, and unchecking it removes it from the section', async () => {
    const agents = target(api.review.getReviewState(), agentsMd);
    assert.ok(agents.currentText?.includes(`- ${oldRule}`), 'learnReview left AGENTS.md with the old rule');
    const existing = reviewProject(api.review.getReviewState(), demoProject).existingRules;
    const rule = existing.find((r) => r.text === oldRule);
    assert.ok(rule, `the old rule is listed (${existing.map((r) => r.text).join(' | ')})`);
    assert.equal(existing.filter((r) => r.text === oldRule).length, 1, 'once for the project');
    assert.deepEqual(rule.files, [agentsMd]);
    assert.equal(rule.kept, true);
    assert.ok(agents.proposedText?.includes(`- ${oldRule}`), 'kept by default');

    const treeItem = find(api.review.getReviewState().tree, (item) => item.kind === 'rule' && item.label === oldRule);
    assert.ok(treeItem, 'shown in the tree');
    assert.equal(treeItem.checked, true);
    assert.equal(treeItem.description, 'in AGENTS.md · not seen in this run');
    assert.equal(treeItem.contextValue, 'headroom.existingRule');

    await api.review.setRuleChecked(demoProject, rule.id, false);
    const after = target(api.review.getReviewState(), agentsMd);
    assert.equal(after.proposedText?.includes(oldRule), false, 'the rejected rule left the proposed section');
    assert.equal(after.changed, true);
    const listed = reviewProject(api.review.getReviewState(), demoProject).existingRules.find((r) => r.id === rule.id);
    assert.equal(listed?.kept, false, 'still listed, unchecked, so it can be taken back');
    const diff = await api.review.openDiff(agentsMd);
    assert.ok(diff.lines.some((line) => line.kind === 'removed' && line.text.includes(oldRule)), 'the diff shows it removed');
    assert.equal(find(api.review.getReviewState().tree, (item) => item.kind === 'rule' && item.label === oldRule)?.description, 'in AGENTS.md · removed');
  });

  it('unchecking a learning that is already in the file removes it too (reject means reject)', async () => {
    const state = api.review.getReviewState();
    const agents = target(state, agentsMd);
    // learnReview applied the learnings to AGENTS.md and CLAUDE.md, so this run derives them again: "still supported".
    const inFile = reviewProject(state, demoProject).learnings.find(
      (l) => agents.learnings.includes(l.id) && agents.currentText?.includes(`- ${firstLine(l.text)}`) && target(state, claudeMd).currentText?.includes(`- ${firstLine(l.text)}`),
    );
    assert.ok(inFile, 'a learning of this run is already in AGENTS.md and CLAUDE.md');
    assert.ok(agents.proposedText?.includes(firstLine(inFile.text)));
    await api.review.setRuleChecked(demoProject, inFile.id, false);
    const after = api.review.getReviewState();
    assert.equal(target(after, agentsMd).proposedText?.includes(firstLine(inFile.text)), false, 'the unchecked learning left the AGENTS.md section');
    assert.equal(target(after, claudeMd).proposedText?.includes(firstLine(inFile.text)), false, 'and the CLAUDE.md one');

    const result = await api.review.applyFile(agentsMd);
    assert.equal(result.status, 'applied', result.message);
    const written = fs.readFileSync(agentsMd, 'utf8');
    assert.equal(written.includes(oldRule), false, 'the rejected old rule is gone from the file');
    assert.equal(written.includes(firstLine(inFile.text)), false, 'the rejected learning is gone from the file');
    assert.ok(written.startsWith('# Agents\r\n\r\nOur own notes stay.\r\n'), 'text outside the markers is untouched');
  });

  it('the diff panel is restored after a reload: attached to its file when reviewed, read-only from its saved state otherwise', async () => {
    assert.ok(api.reviveDiffPanel, 'the test API exposes the serializer path');
    const shown = await api.review.openDiff(path.join(demoProject, 'CLAUDE.md'));
    // What VS Code hands the serializer after a reload: the page's setState value.
    const panel = vscode.window.createWebviewPanel('headroom.diff', 'restored', vscode.ViewColumn.Beside, {});
    const revived = api.reviveDiffPanel(panel, { version: 1, shown });
    assert.ok(revived);
    assert.equal(revived.targetId, shown.targetId);
    assert.deepEqual(revived.lines, shown.lines, 'attached to the live target');
    assert.equal(api.review.getDiffState()?.targetId, shown.targetId, 'it is the open diff panel');

    // A file the review no longer has (a new window before Learn): the saved diff, read-only, with a note.
    const gone = { ...shown, targetId: `/nowhere\u0000/nowhere/CLAUDE.md`, canApply: true };
    const stale = api.reviveDiffPanel(vscode.window.createWebviewPanel('headroom.diff', 'restored', vscode.ViewColumn.Beside, {}), { version: 1, shown: gone });
    assert.ok(stale);
    assert.equal(stale.canApply, false, 'nothing to apply until Learn runs again');
    assert.deepEqual(stale.lines, shown.lines);
    assert.match(stale.notes[0]!.text, /Restored after the window was reloaded/);
    assert.equal(stale.restored, true, 'the page disables its buttons');

    // A state from another version (or nothing): the panel closes instead of showing an empty page.
    const junk = vscode.window.createWebviewPanel('headroom.diff', 'junk', vscode.ViewColumn.Beside, {});
    let disposed = false;
    junk.onDidDispose(() => (disposed = true));
    assert.equal(api.reviveDiffPanel(junk, { version: 2 }), undefined);
    assert.equal(disposed, true);
    if (api.review.getDiffState()) await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  describe('Learn All Projects and the folder Learn uses', () => {
    let secondProject: string;
    let secondSessions: string;
    const restore: Array<() => void> = [];

    before(() => {
      // A second project with sessions in the same agent home: the demo's Claude sessions, re-rooted.
      secondProject = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-second-'));
      fs.cpSync(demoProject, secondProject, { recursive: true, filter: (source) => !/(CLAUDE|AGENTS|GEMINI)\.md$/.test(source) });
      const demoSessions = path.join(agentHome, '.claude', 'projects', claudeDirName(demoProject));
      assert.ok(fs.existsSync(demoSessions), `demo Claude sessions in ${demoSessions}`);
      secondSessions = path.join(agentHome, '.claude', 'projects', claudeDirName(secondProject));
      fs.mkdirSync(secondSessions, { recursive: true });
      for (const name of fs.readdirSync(demoSessions).filter((n) => n.endsWith('.jsonl'))) {
        fs.writeFileSync(path.join(secondSessions, name), fs.readFileSync(path.join(demoSessions, name), 'utf8').replaceAll(demoProject, secondProject));
      }
    });

    after(() => {
      for (const undo of restore.splice(0)) undo();
      fs.rmSync(secondSessions, { recursive: true, force: true });
      fs.rmSync(secondProject, { recursive: true, force: true });
    });

    it('Headroom: Learn All Projects learns the demo project and the second one, grouped by project in the tree', async () => {
      await vscode.commands.executeCommand('headroom.learnAllProjects');
      const state = api.review.getReviewState();
      const projects = state.tree.filter((item) => item.kind === 'project');
      const labels = projects.map((p) => p.description);
      assert.ok(labels.includes(demoProject), `the demo project is listed (${labels.join(', ')})`);
      assert.ok(labels.includes(secondProject), 'the second project is listed');
      const second = projects.find((p) => p.description === secondProject)!;
      assert.equal(second.label, path.basename(secondProject));
      assert.match(second.tooltip ?? '', /Claude(&nbsp;| )Code/, 'its agent is in its tooltip');
      assert.ok(find(second.children, (item) => item.kind === 'target' && item.label === 'CLAUDE.md'), 'its CLAUDE.md is a target');
      assert.ok(state.targets.some((t) => t.path === path.join(secondProject, 'CLAUDE.md')));
      assert.ok(state.targets.some((t) => t.path === path.join(demoProject, 'CLAUDE.md')));
      assert.match(api.statusBar!().text, /^\$\(lightbulb\) Headroom: \d+ checked$/);
    });

    it('Headroom: Learn with a folder argument (the Explorer context menu) learns that folder', async () => {
      await vscode.commands.executeCommand('headroom.learn', vscode.Uri.file(secondProject));
      const state = api.review.getReviewState();
      assert.ok(state.targets.length > 0);
      assert.ok(state.targets.every((t) => t.path.startsWith(secondProject) || t.outsideWorkspace), 'only that folder’s files (and agent files outside it)');
      assert.ok(state.targets.some((t) => t.path === path.join(secondProject, 'CLAUDE.md')));
      assert.deepEqual(state.tree.map((item) => [item.kind, item.label]), [['project', path.basename(secondProject)]], 'one project at the top');
    });

    it('in a multi-root workspace Headroom: Learn asks which folder and learns the one picked', async () => {
      // Opening a second folder would restart the extension host under test, so the workspace's folders and the
      // folder QuickPick are stubbed (the one place a stub is unavoidable); the rest is the real command.
      const folders: vscode.WorkspaceFolder[] = [
        { uri: vscode.Uri.file(demoProject), name: path.basename(demoProject), index: 0 },
        { uri: vscode.Uri.file(secondProject), name: path.basename(secondProject), index: 1 },
      ];
      const workspace = vscode.workspace as { workspaceFolders: readonly vscode.WorkspaceFolder[] | undefined };
      const window = vscode.window as { showWorkspaceFolderPick: typeof vscode.window.showWorkspaceFolderPick };
      const original = { folders: Object.getOwnPropertyDescriptor(workspace, 'workspaceFolders')!, pick: window.showWorkspaceFolderPick };
      restore.push(() => {
        Object.defineProperty(workspace, 'workspaceFolders', original.folders);
        window.showWorkspaceFolderPick = original.pick;
      });
      Object.defineProperty(workspace, 'workspaceFolders', { get: () => folders, configurable: true });
      const offered: Array<vscode.WorkspaceFolderPickOptions | undefined> = [];
      window.showWorkspaceFolderPick = async (options) => {
        offered.push(options);
        return folders[1];
      };

      assert.equal(await api.review.learn(), 'done');
      assert.equal(offered.length, 1, 'the folder pick was shown once');
      assert.match(offered[0]?.placeHolder ?? '', /which folder/);
      assert.ok(api.review.getReviewState().targets.some((t) => t.path === path.join(secondProject, 'CLAUDE.md')), 'the picked folder was learned');

      // Escape in the pick: nothing runs, the review stays.
      window.showWorkspaceFolderPick = async () => undefined;
      const before = api.review.getReviewState().targets.map((t) => t.path);
      await vscode.commands.executeCommand('headroom.learn');
      assert.deepEqual(api.review.getReviewState().targets.map((t) => t.path), before);
    });
  });
});
