// UI test: the whole review flow in the real VS Code workbench (code-server + headless chromium), as a person
// would do it, on the demo project with the demo agent home (test/harness/run-ui-tests.mjs, server.mjs):
// welcome → palette → Headroom: Learn → tree shows each rule once with its evidence → diff beside it → uncheck one →
// the diffs of CLAUDE.md, AGENTS.md and GEMINI.md update → Apply → the file in the editor shows the new section →
// Apply Selected writes the other files without the unchecked rule.
// Env from the runner: HEADROOM_UI_SERVER_URL, HEADROOM_UI_WORKSPACE, HEADROOM_UI_SCREENSHOTS, HEADROOM_UI_BROWSER_DIR.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { activityBarItem, errorMessages, findInCommandPalette, launchBrowser, openWorkbench, runSelectedCommand } from '../harness/browser.mjs';

const serverUrl = process.env.HEADROOM_UI_SERVER_URL;
const workspaceDir = process.env.HEADROOM_UI_WORKSPACE;
const screenshotsDir = process.env.HEADROOM_UI_SCREENSHOTS;
const browserDir = process.env.HEADROOM_UI_BROWSER_DIR;

const droppedRule = 'services/api/app/models/order.py';

test('Headroom: Learn → review tree → diff → uncheck → Apply', async (t) => {
  assert.ok(serverUrl && workspaceDir && screenshotsDir && browserDir, 'run through npm run test:ui');
  const { page, close } = await launchBrowser(browserDir);
  t.after(close);
  let step = 0;
  const screenshot = async (name) => {
    await page.mouse.move(1100, 16); // an empty spot of the title bar: no hover tooltip over the picture
    await page.waitForTimeout(400); // let toasts and tree animations settle for the picture
    await page.screenshot({ path: path.join(screenshotsDir, `${String(++step).padStart(2, '0')}-${name}.png`) });
  };
  // With the diff and the stats dashboard open there are two webview iframes: pick the one showing `selector`.
  const webviewWith = async (selector, timeout = 20_000) => {
    const deadline = Date.now() + timeout;
    for (;;) {
      const frames = await page.locator('iframe.webview.ready').count();
      for (let i = 0; i < frames; i++) {
        const frame = page.frameLocator(`iframe.webview.ready >> nth=${i}`).frameLocator('#active-frame');
        if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
      }
      if (Date.now() > deadline) throw new Error(`no webview shows ${selector}`);
      await page.waitForTimeout(250);
    }
  };
  // The diff panel's page (the evidence timeline, a Markdown preview, is a webview too: never take the first one).
  const webview = () => webviewWith('#diff');

  try {
    const started = Date.now();
    await openWorkbench(page, serverUrl, workspaceDir);
    await activityBarItem(page, 'Headroom').waitFor({ timeout: 30_000 });
    t.diagnostic(`workbench ready in ${Date.now() - started} ms`);

    // The empty view explains itself and offers Learn.
    await activityBarItem(page, 'Headroom').click();
    const welcome = page.locator('.welcome-view-content', { hasText: 'No learnings yet' });
    await welcome.getByRole('button', { name: 'Learn', exact: true }).waitFor({ timeout: 15_000 });
    await screenshot('welcome');

    // Palette → Headroom: Learn.
    await findInCommandPalette(page, 'Headroom: Learn');
    await screenshot('command-palette');
    await runSelectedCommand(page);

    const tree = page.locator('.part.sidebar .monaco-list[role="tree"]').first();
    const item = (text) => tree.locator('.monaco-list-row[role="treeitem"]', { hasText: text }).first();
    // A file under the project's Files group, by its exact label (rule rows may mention file names too).
    const fileItem = (name) => tree.locator('.monaco-list-row[role="treeitem"]', { has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }) }).first();
    await fileItem('CLAUDE.md').waitFor({ timeout: 30_000 });
    // The run is over when the progress notification has gone.
    await page.locator('.notification-toast', { hasText: 'Headroom Learn' }).waitFor({ state: 'detached', timeout: 30_000 }).catch(() => {});
    assert.deepEqual(await errorMessages(page).allInnerTexts(), [], 'Learn ran without an error');
    assert.match(await fileItem('CLAUDE.md').innerText(), /new file/);
    await item('Claude Code').waitFor();
    const learning = item(droppedRule);
    await learning.waitFor();
    // Each rule once for the project, whatever the number of agents: 10 checkboxes (the demo's 10 rules; its one-session
    // sbt streak F1 is below the two-session threshold), and the badge counts them.
    const badge = page.locator('.activitybar .action-item:has(a.action-label[aria-label^="Headroom"]) .badge-content');
    assert.equal((await badge.innerText()).trim(), '10');
    const badgeBefore = 10;
    assert.equal(await tree.locator('.monaco-list-row .custom-view-tree-node-item-checkbox').count(), 10, 'one checkbox per rule');
    assert.match(await learning.innerText(), /3 files/, 'the rule goes to the three agents’ files');
    // The view's message is one short line; why the analyzer was chosen is in the tooltip, log and dashboard.
    const viewMessage = page.locator('.part.sidebar .tree-explorer-viewlet-tree-view .message').first();
    assert.match((await viewMessage.innerText()).trim(), /^\d+ learnings? from \d+ sessions · analyzer: offline$/);
    await screenshot('tree-with-learnings');

    // Expand the learning: its evidence is the failed call and the call that fixed it.
    await learning.click();
    await page.keyboard.press('ArrowRight');
    const evidence = tree.locator('.monaco-list-row[role="treeitem"]', { hasText: '✗ Read' }).first();
    await evidence.waitFor({ timeout: 10_000 });
    await evidence.click();
    // The click opens the evidence timeline in the Markdown preview, which takes the focus once it is there: an
    // arrow key pressed at once raced it and, on a loaded machine, went to the editor instead (failure screenshot:
    // row still collapsed). Wait for the timeline's tab, expand by the twistie. (The raw log is the row's inline action.)
    await page.locator('.tabs-container .tab.active', { hasText: 'Evidence timeline' }).first().waitFor({ timeout: 15_000 });
    await evidence.locator('.monaco-tl-twistie').click();
    await tree.locator('.monaco-list-row[role="treeitem"]', { hasText: 'fixed by: Read services/api/src/shop/models/order.py' }).first().waitFor({ timeout: 10_000 });
    await screenshot('evidence');

    // Click the file: the diff opens beside the tree.
    await fileItem('CLAUDE.md').click();
    await webviewWith('#diff', 20_000);
    await (await webview()).locator('.line.added', { hasText: droppedRule }).first().waitFor({ timeout: 10_000 });
    assert.match(await (await webview()).locator('.notes').innerText(), /does not exist yet/);
    await screenshot('diff');

    // Uncheck one learning: the diff updates live and the badge drops by one.
    await learning.locator('.custom-view-tree-node-item-checkbox').click();
    await (await webview()).locator('.line', { hasText: droppedRule }).waitFor({ state: 'detached', timeout: 10_000 });
    await page.waitForFunction(
      (expected) =>
        document.querySelector('.activitybar .action-item:has(a.action-label[aria-label^="Headroom"]) .badge-content')?.textContent?.trim() === String(expected),
      badgeBefore - 1,
      { timeout: 10_000 },
    );
    assert.ok((await (await webview()).locator('.line.added').count()) > 0, 'the other learnings are still proposed');
    await screenshot('unchecked-diff-updated');
    // Unchecked once, it left the other agents' files too.
    for (const name of ['AGENTS.md', 'GEMINI.md']) {
      await fileItem(name).click();
      await (await webview()).locator('h1.title', { hasText: name }).waitFor({ timeout: 10_000 });
      await (await webview()).locator('.line.added').first().waitFor({ timeout: 10_000 });
      assert.equal(await (await webview()).locator('.line', { hasText: droppedRule }).count(), 0, `the unchecked rule is not in the ${name} diff`);
    }
    await fileItem('CLAUDE.md').click();
    await (await webview()).locator('h1.title', { hasText: 'CLAUDE.md' }).waitFor({ timeout: 10_000 });

    // Apply: CLAUDE.md is created and shown in the editor with the new section.
    await (await webview()).locator('#apply').click();
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await page.locator('.tabs-container .tab', { hasText: 'CLAUDE.md' }).first().waitFor({ timeout: 15_000 });
    await page.locator('.monaco-editor .view-lines', { hasText: 'Headroom Learned Patterns' }).first().waitFor({ timeout: 15_000 });
    assert.ok(editor);
    const written = fs.readFileSync(path.join(workspaceDir, 'CLAUDE.md'), 'utf8');
    assert.ok(written.startsWith('<!-- headroom:learn:start -->\n## Headroom Learned Patterns\n'));
    assert.equal(written.includes(droppedRule), false, 'the unchecked learning was not written');
    assert.deepEqual(await errorMessages(page).allInnerTexts(), [], 'Apply ran without an error');
    // The tree re-plans the file after the write. The extension host is shared: opening CLAUDE.md activates
    // vscode.markdown-language-features, which held it for 33 s at load average 17 (tree rows showing their refresh
    // spinners meanwhile; 10 s and 30 s ceilings both ran out), so a state wait with room for that.
    await fileItem('CLAUDE.md').filter({ hasText: 'up to date' }).waitFor({ timeout: 60_000 });
    await screenshot('applied-file-in-editor');

    // The status bar item counts the checked learnings; its tooltip links the commands.
    const status = page.locator('.statusbar-item', { hasText: /Headroom: \d+ checked/ }).first();
    await status.waitFor({ timeout: 10_000 });
    assert.match(await status.innerText(), new RegExp(`Headroom: ${badgeBefore - 1} checked`));

    // Apply Selected Learnings writes the other files; none of them gets the rule unchecked once.
    await findInCommandPalette(page, 'Headroom: Apply Selected Learnings');
    await runSelectedCommand(page);
    await fileItem('GEMINI.md').filter({ hasText: 'up to date' }).waitFor({ timeout: 30_000 });
    await fileItem('AGENTS.md').filter({ hasText: 'up to date' }).waitFor({ timeout: 30_000 });
    for (const name of ['AGENTS.md', 'GEMINI.md']) {
      const text = fs.readFileSync(path.join(workspaceDir, name), 'utf8');
      assert.match(text, /Headroom Learned Patterns/, `${name} was written`);
      assert.equal(text.includes(droppedRule), false, `the unchecked rule is not in ${name}`);
    }

    // Headroom: Show Stats: the dashboard of this run.
    await findInCommandPalette(page, 'Headroom: Show Stats');
    await runSelectedCommand(page);
    const stats = await webviewWith('#outcomes');
    await stats.locator('#agents').waitFor({ timeout: 10_000 });
    assert.match(await stats.locator('body').innerText(), /Sessions/);
    assert.match(await stats.locator('.analyzer').first().innerText(), /^Analyzer: offline, because /);
    await screenshot('stats-dashboard');

    // Headroom: Get Started opens the walkthrough of three steps.
    await findInCommandPalette(page, 'Headroom: Get Started');
    await runSelectedCommand(page);
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.waitFor({ timeout: 15_000 });
    await walkthrough.getByText('Learn from past sessions', { exact: false }).first().waitFor({ timeout: 10_000 });
    await screenshot('walkthrough');

    // Reload the window: the diff panel comes back (serializer), showing what it showed, read-only until Learn runs.
    // The workbench restores each group's active editor only, and a webview editor gets its iframe (and the extension
    // its deserializeWebviewPanel call) only once shown: so the diff tab must be the active one in the saved layout.
    const diffTab = page.locator('.tabs-container .tab', { hasText: 'Headroom: CLAUDE.md' }).first();
    await diffTab.click();
    await page.locator('.tabs-container .tab.active', { hasText: 'Headroom: CLAUDE.md' }).first().waitFor({ timeout: 10_000 });
    await webviewWith('#diff'); // shown again: the page has rendered (and setState) its last state
    // Reload as a person does (Developer: Reload Window), not page.reload(): the workbench then awaits the flush of
    // its UI state (open editors, active tab, the webviews' setState) to browser storage before unloading, where a
    // bare page reload leaves that IndexedDB write racing the unload and can come back to an older layout.
    await findInCommandPalette(page, 'Developer: Reload Window');
    // One ceiling for the whole restore: page load, workbench, a new extension host, activation, serializer, page.
    // 11 s on this 2-core machine during CI this morning; 78 s from the reload to the extension's activation with the
    // machine at load average 15 (several test runs at once; the extension host alone took 48 s to start).
    const reloadStarted = Date.now();
    const restoreLeft = () => Math.max(1000, reloadStarted + 150_000 - Date.now());
    const reloaded = page.waitForEvent('load', { timeout: restoreLeft() });
    await page.keyboard.press('Enter');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: restoreLeft() });
    await page.locator('.tabs-container .tab.active', { hasText: 'Headroom: CLAUDE.md' }).first().waitFor({ timeout: restoreLeft() });
    // The panel's iframe exists once the extension host has started again, activated the extension and its
    // serializer (deserializeWebviewPanel → DiffPanel.revive) has set the page's html.
    const restored = await webviewWith('#diff', restoreLeft());
    t.diagnostic(`diff panel restored ${Date.now() - reloadStarted} ms after Reload Window`);
    await restored.locator('.note', { hasText: 'Restored after the window was reloaded' }).waitFor({ timeout: 15_000 });
    assert.equal(await restored.locator('#apply').isDisabled(), true, 'nothing to apply before Learn runs again');
    assert.equal(await restored.locator('#native-diff').isDisabled(), true);
    await screenshot('diff-restored-after-reload');
    t.diagnostic(`scenario took ${Date.now() - started} ms`);
  } catch (error) {
    await page.screenshot({ path: path.join(screenshotsDir, 'failure.png') }).catch(() => {});
    throw error;
  }
});
