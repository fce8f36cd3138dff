// npm run test:host — runs the mocha suite in test/host/ inside code-server's real Node extension host.
// The page payload names the project as extensionDevelopmentPath and out/test/host/index.js as
// extensionTestsPath (honoured because the server runs with the smoke-test driver); the workbench reports
// the mocha output through codeAutomationLog and the result through codeAutomationExit.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { launchBrowser, workbenchUrl } from './browser.mjs';
import { buildExtensionAndHostSuite, fakeAgentExtension, projectRoot } from './build-host-suite.mjs';
import { ensureHarnessOrExit } from './install.mjs';
import { createRunDirectory, startCodeServer } from './server.mjs';

const timeoutMs = Number(process.env.HEADROOM_HOST_TEST_TIMEOUT_MS ?? 180_000);
const verbose = process.env.HEADROOM_HARNESS_VERBOSE === '1';
/**
 * The workbench's own log lines arrive on the same channel as the extension host's console (same `type`);
 * these are hidden unless HEADROOM_HARNESS_VERBOSE=1 (they are always in the transcript file).
 */
const workbenchNoise =
  /^(?:Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions cache|\[[\w:. -]+\] )|\/static\/out\/vs\/|ENOTFOUND|Canceled/;

/** test/host/fixtures/fake-agent-extension as a .vsix in the run directory (vsce, offline, about a second). */
function packageFakeAgentExtension(runDir) {
  const vsixPath = path.join(runDir, 'fake-agent.vsix');
  const vsce = path.join(projectRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--allow-missing-repository', '--skip-license', '--no-dependencies', '-o', vsixPath], {
    cwd: fakeAgentExtension,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`packaging the fake-agent test extension failed:\n${result.stdout}${result.stderr}`);
  return vsixPath;
}

async function runHostTests() {
  const started = Date.now();
  const paths = await ensureHarnessOrExit();
  const extensionTestsPath = await buildExtensionAndHostSuite();
  const runDir = createRunDirectory('host');
  const transcript = path.join(runDir, 'host-tests.log');
  let server;
  let browser;
  let exitCode;
  try {
    // The browser workbench loads only one extensionDevelopmentPath, so the fake-agent test extension (it
    // exercises registerAgentPlugin) is packaged and installed into this run's extensions folder instead.
    const vsixPath = packageFakeAgentExtension(runDir);
    server = await startCodeServer({ paths, runDir, smokeTestDriver: true, vsixPath });
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
    if (code === 'timeout') {
      console.error(`No result from the extension host after ${timeoutMs / 1000} s.`);
      await page.screenshot({ path: path.join(runDir, 'timeout.png') }).catch(() => {});
    }
    exitCode = code === 0 ? 0 : 1;
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (exitCode === 0) {
    fs.rmSync(runDir, { recursive: true, force: true });
    console.log(`In-host tests passed (${seconds} s).`);
  } else {
    console.error(`In-host tests FAILED (${seconds} s). Server log, transcript and workspace kept in ${runDir}`);
  }
  return exitCode;
}

process.exitCode = await runHostTests().catch((error) => {
  console.error(error);
  return 1;
});
