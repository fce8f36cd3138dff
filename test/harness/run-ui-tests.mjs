// npm run test:ui — packages the extension with `vsce package`, installs the .vsix into a fresh code-server
// (no smoke-test driver: the workbench behaves as for a user, toasts included) on the demo project with the demo
// agent home (examples/demo, see server.mjs) and runs test/ui/*.ui.test.mjs
// with node:test. Screenshots of each step go to .test-artifacts/screenshots/<run>/, printed at the end.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './build-host-suite.mjs';
import { ensureHarnessOrExit } from './install.mjs';
import { createRunDirectory, startCodeServer } from './server.mjs';

function packageExtension(vsixPath) {
  const vsce = path.join(projectRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsixPath], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0 || !fs.existsSync(vsixPath)) {
    throw new Error(`vsce package failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
}

async function runUiTests() {
  const started = Date.now();
  const paths = await ensureHarnessOrExit();
  const runDir = createRunDirectory('ui');
  const runName = new Date().toISOString().replace(/[:.]/g, '-');
  const screenshotsDir = path.join(projectRoot, '.test-artifacts', 'screenshots', runName);
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const vsixPath = path.join(runDir, 'headroom-learn.vsix');
  packageExtension(vsixPath);

  let server;
  let exitCode;
  try {
    server = await startCodeServer({ paths, runDir, vsixPath, demoWorkspace: true });
    const testFiles = fs
      .readdirSync(path.join(projectRoot, 'test', 'ui'))
      .filter((name) => name.endsWith('.ui.test.mjs'))
      .map((name) => path.join(projectRoot, 'test', 'ui', name));
    // Node 20's --test needs file paths (a bare directory runs nothing).
    const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...testFiles], {
      cwd: projectRoot,
      stdio: 'inherit',
      env: {
        ...process.env,
        HEADROOM_HARNESS_DIR: paths.cacheDir,
        HEADROOM_UI_SERVER_URL: server.url,
        HEADROOM_UI_WORKSPACE: server.workspaceDir,
        HEADROOM_UI_SCREENSHOTS: screenshotsDir,
        HEADROOM_UI_BROWSER_DIR: path.join(runDir, 'browser'),
      },
    });
    exitCode = testFiles.length > 0 && run.status === 0 ? 0 : 1;
    if (testFiles.length === 0) console.error('No UI tests found (test/ui/*.ui.test.mjs).');
  } finally {
    await server?.stop();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (exitCode === 0) {
    fs.rmSync(runDir, { recursive: true, force: true });
    console.log(`UI tests passed (${seconds} s).`);
  } else {
    console.error(`UI tests FAILED (${seconds} s). Server log and workspace kept in ${runDir}`);
  }
  console.log(`Screenshots: ${path.relative(process.cwd(), screenshotsDir) || screenshotsDir}`);
  return exitCode;
}

process.exitCode = await runUiTests().catch((error) => {
  console.error(error);
  return 1;
});
