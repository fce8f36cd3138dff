// npm run test:chat — VS Code's own chat in code-server's real workbench (test/chat/). The chat-probe test
// extension (test/chat/fixtures/chat-probe-extension) is packaged and installed, the Chat view is enabled
// (`chat.disableAIFeatures: false`), and Headroom Learn is loaded unpackaged with test/chat as its extension tests
// (smoke-test driver, as in run-host-tests.mjs). The tests send chat requests, wait for VS Code to save the
// sessions, and run Headroom: Learn on them. Recipe: /work/shared/vscode-chat/README.md.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { launchBrowser, workbenchUrl } from './browser.mjs';
import { buildExtensionAndHostSuite, projectRoot } from './build-host-suite.mjs';
import { ensureHarnessOrExit } from './install.mjs';
import { createRunDirectory, startCodeServer } from './server.mjs';

const timeoutMs = Number(process.env.HEADROOM_HOST_TEST_TIMEOUT_MS ?? 240_000);
const verbose = process.env.HEADROOM_HARNESS_VERBOSE === '1';
const probeExtension = path.join(projectRoot, 'test', 'chat', 'fixtures', 'chat-probe-extension');
/** The workbench's own log lines, hidden unless HEADROOM_HARNESS_VERBOSE=1 (always in the transcript file). */
const workbenchNoise =
  /^(?:Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions cache|\[[\w:. -]+\] )|\/static\/out\/vs\/|ENOTFOUND|Canceled/;

function packageProbeExtension(runDir) {
  const vsixPath = path.join(runDir, 'chat-probe.vsix');
  const vsce = path.join(projectRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--allow-missing-repository', '--skip-license', '--no-dependencies', '-o', vsixPath], {
    cwd: probeExtension,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`packaging the chat-probe test extension failed:\n${result.stdout}${result.stderr}`);
  return vsixPath;
}

async function runChatTests() {
  const started = Date.now();
  const paths = await ensureHarnessOrExit();
  const extensionTestsPath = await buildExtensionAndHostSuite('chat');
  const runDir = createRunDirectory('chat');
  const transcript = path.join(runDir, 'chat-tests.log');
  let server;
  let browser;
  let exitCode;
  try {
    const vsixPath = packageProbeExtension(runDir);
    // The harness hides chat (`chat.disableAIFeatures: true`); with it the Chat view and its commands are gone.
    server = await startCodeServer({ paths, runDir, smokeTestDriver: true, vsixPath, settings: { 'chat.disableAIFeatures': false } });
    browser = await launchBrowser(path.join(runDir, 'browser'));
    const { page } = browser;
    let reportExit;
    const exited = new Promise((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...(args ?? []));
      fs.appendFileSync(transcript, `[${type}] ${line}\n`);
      if (!verbose && (workbenchNoise.test(line) || (type === 'error' && line === ''))) return;
      (type === 'error' ? console.error : console.log)(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));
    // On a busy machine the workbench can take longer than playwright's default 30 s to load.
    await page.goto(workbenchUrl(server.url, server.workspaceDir, { extensionDevelopmentPath: projectRoot, extensionTestsPath }), { timeout: 120_000 });
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (code === 'timeout') console.error(`No result from the extension host after ${timeoutMs / 1000} s.`);
    if (code !== 0) await page.screenshot({ path: path.join(runDir, 'chat-tests.png') }).catch(() => {});
    exitCode = code === 0 ? 0 : 1;
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (exitCode === 0) {
    fs.rmSync(runDir, { recursive: true, force: true });
    console.log(`VS Code chat tests passed (${seconds} s).`);
  } else {
    console.error(`VS Code chat tests FAILED (${seconds} s). Server log, transcript, screenshot and workspace kept in ${runDir}`);
  }
  return exitCode;
}

process.exitCode = await runChatTests().catch((error) => {
  console.error(error);
  return 1;
});
