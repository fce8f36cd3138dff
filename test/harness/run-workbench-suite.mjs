// One mocha suite run inside code-server's real extension host, the way npm run test:host and npm run test:chat run
// theirs: a test extension packaged and installed, the workbench opened with the smoke-test driver and Headroom
// Learn unpackaged as extensionDevelopmentPath, the suite as extensionTestsPath; the workbench reports the mocha
// output through codeAutomationLog (kept in a transcript) and the result through codeAutomationExit.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { launchBrowser, workbenchUrl } from './browser.mjs';
import { buildExtensionAndHostSuite, projectRoot } from './build-host-suite.mjs';
import { ensureHarnessOrExit } from './install.mjs';
import { createRunDirectory, startCodeServer } from './server.mjs';

const verbose = process.env.HEADROOM_HARNESS_VERBOSE === '1';
/**
 * The workbench's own log lines arrive on the same channel as the extension host's console (same `type`);
 * these are hidden unless HEADROOM_HARNESS_VERBOSE=1 (they are always in the transcript file).
 */
const workbenchNoise =
  /^(?:Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions cache|\[[\w:. -]+\] )|\/static\/out\/vs\/|ENOTFOUND|Canceled/;

/** A test extension's folder as a .vsix in the run directory (vsce, offline, about a second). */
function packageTestExtension(folder, vsixPath) {
  const vsce = path.join(projectRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--allow-missing-repository', '--skip-license', '--no-dependencies', '-o', vsixPath], {
    cwd: folder,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`packaging the ${path.basename(folder)} test extension failed:\n${result.stdout}${result.stderr}`);
  return vsixPath;
}

/**
 * Runs one suite; its exit code (0 passed). `suite`: buildExtensionAndHostSuite's argument; `name`: the run folder's
 * and the transcript's name; `testExtension`: the folder packaged as `vsixName`; `settings`: the workbench's;
 * `screenshot`: when a screenshot is kept ('failure' or 'timeout'); `label`: what the summary line calls the suite.
 */
export async function runWorkbenchSuite({ suite, name, testExtension, vsixName, settings, screenshot, label, timeoutMs }) {
  const started = Date.now();
  const paths = await ensureHarnessOrExit();
  const extensionTestsPath = await buildExtensionAndHostSuite(suite);
  const runDir = createRunDirectory(name);
  const transcript = path.join(runDir, `${name}-tests.log`);
  let server;
  let browser;
  let exitCode;
  try {
    const vsixPath = packageTestExtension(testExtension, path.join(runDir, vsixName));
    server = await startCodeServer({ paths, runDir, smokeTestDriver: true, vsixPath, settings });
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
    if (screenshot === 'timeout' ? code === 'timeout' : code !== 0) {
      await page.screenshot({ path: path.join(runDir, screenshot === 'timeout' ? 'timeout.png' : `${name}-tests.png`) }).catch(() => {});
    }
    exitCode = code === 0 ? 0 : 1;
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (exitCode === 0) {
    fs.rmSync(runDir, { recursive: true, force: true });
    console.log(`${label} passed (${seconds} s).`);
  } else {
    console.error(`${label} FAILED (${seconds} s). Server log, transcript${screenshot === 'failure' ? ', screenshot' : ''} and workspace kept in ${runDir}`);
  }
  return exitCode;
}
