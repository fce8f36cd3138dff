// Drives the VS Code workbench served by code-server with playwright-core and Debian's headless chromium.
// playwright-core is loaded from the harness cache (not a project dependency).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { chromiumExecutable, harnessPaths } from './versions.mjs';

/** Loaded on first use, so the runners can install the harness (or explain what is missing) first. */
function playwrightChromium() {
  return createRequire(import.meta.url)(harnessPaths().playwrightCoreDir).chromium;
}

/** Without the background-networking flags chromium keeps dialling Google hosts this machine's network refuses. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless chromium with a fresh profile (the web workbench keeps UI state in browser storage) under profileDir. */
export async function launchBrowser(profileDir) {
  fs.mkdirSync(profileDir, { recursive: true });
  const context = await playwrightChromium().launchPersistentContext(path.join(profileDir, 'chromium'), {
    executablePath: chromiumExecutable,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1400, height: 900 },
    // chromium writes ~/.config/chromium/Crash Reports despite --user-data-dir
    env: { ...process.env, HOME: profileDir, XDG_CONFIG_HOME: path.join(profileDir, 'xdg-config') },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close: () => context.close() };
}

/**
 * URL of the workbench on a folder. extensionDevelopmentPath / extensionTestsPath are host paths turned into
 * vscode-remote URIs whose authority must be exactly the page's host; the workbench only reads them from the
 * payload when the server runs with the smoke-test driver.
 */
export function workbenchUrl(serverUrl, folder, { extensionDevelopmentPath, extensionTestsPath } = {}) {
  const authority = new URL(serverUrl).host;
  let url = `${serverUrl}/?folder=${encodeURIComponent(folder)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDevelopmentPath}`]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${extensionTestsPath}`]);
  if (payload.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Opens the workbench and waits until the remote connection is up (the explorer lists the folder). */
export async function openWorkbench(page, serverUrl, folder) {
  // On a busy machine the workbench can take longer than playwright's default 30 s to load.
  await page.goto(workbenchUrl(serverUrl, folder), { timeout: 120_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

/** A pattern that matches exactly this text (playwright's hasText with a string matches substrings). */
function exactText(text) {
  return new RegExp(`^${text.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&')}$`);
}

/**
 * Opens the command palette, types the command title and waits for the row whose label is exactly that title
 * (fuzzy matching also lists other commands, e.g. "Headroom: Focus on Learnings View", often first).
 * Handles the palette race: opened within about a second of load, the palette can answer "No matching commands"
 * because its snapshot predates the extension's contributions, so close it and retry.
 * @returns the row of the command, selected, in the still open palette
 */
export async function findInCommandPalette(page, title, { attempts = 10 } = {}) {
  const widget = page.locator('.quick-input-widget');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const input = widget.locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = widget.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exactText(title) }) });
    try {
      await row.first().waitFor({ state: 'visible', timeout: 2000 });
    } catch {
      await page.keyboard.press('Escape');
      if (attempt >= attempts) throw new Error(`command "${title}" is not in the command palette after ${attempts} attempts`);
      await page.waitForTimeout(1000);
      continue;
    }
    // Move the selection to that row with the arrow keys, as a person would.
    for (let step = 0; !(await row.first().getAttribute('class'))?.split(' ').includes('focused'); step++) {
      if (step >= 20) throw new Error(`could not select "${title}" in the command palette`);
      await page.keyboard.press('ArrowDown');
    }
    return row.first();
  }
}

/** Runs the command selected by findInCommandPalette (Enter) and waits until the palette closes. */
export async function runSelectedCommand(page) {
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** The activity-bar entry of a view container (the `a`, not the badge that shares the aria-label prefix). */
export function activityBarItem(page, title) {
  return page.locator(`.activitybar a.action-label[aria-label^="${title}"]`);
}

/** Visible notification toasts (only without the smoke-test driver, which suppresses toasts). */
export function notificationToasts(page) {
  return page.locator('.notifications-toasts .notification-toast');
}

/**
 * Error messages the workbench shows: error toasts, and the modal dialog it opens when a command run from the
 * command palette throws ("Command 'Headroom: Learn' resulted in an error").
 */
export function errorMessages(page) {
  return notificationToasts(page)
    .filter({ has: page.locator('.codicon-error') })
    .or(page.locator('.monaco-dialog-box').filter({ has: page.locator('.codicon-dialog-error') }));
}
