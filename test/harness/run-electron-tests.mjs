// npm run test:electron — the same in-host suite (out/test/host/index.js) in desktop VS Code through
// @vscode/test-electron, for contributors with internet and a display: it downloads VS Code (this project's CI
// cannot; it runs the suite in code-server instead, npm run test:host). Runs against the `engines` minimum and
// stable by default; HEADROOM_VSCODE_VERSIONS="stable" (comma-separated) picks others.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildExtensionAndHostSuite, fakeAgentExtension, projectRoot } from './build-host-suite.mjs';

const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
const enginesMinimum = manifest.engines.vscode.replace(/^[^\d]*/, '');
const versions = (process.env.HEADROOM_VSCODE_VERSIONS ?? `${enginesMinimum},stable`).split(',').map((v) => v.trim());

const extensionTestsPath = await buildExtensionAndHostSuite();
let failed = false;
for (const version of versions) {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-electron-'));
  const workspaceDir = path.join(runDir, 'workspace');
  fs.cpSync(path.join(import.meta.dirname, 'workspace'), workspaceDir, { recursive: true });
  console.log(`== in-host tests in VS Code ${version}`);
  try {
    await runTests({
      version,
      // Desktop VS Code loads several development extensions: ours and the fake-agent test extension.
      extensionDevelopmentPath: [projectRoot, fakeAgentExtension],
      extensionTestsPath,
      launchArgs: [
        workspaceDir,
        '--disable-extensions', // runTests already adds --skip-welcome, --skip-release-notes, --disable-workspace-trust
        `--user-data-dir=${path.join(runDir, 'user-data')}`,
      ],
    });
  } catch (error) {
    console.error(`In-host tests failed in VS Code ${version}: ${error instanceof Error ? error.message : error}`);
    failed = true;
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}
process.exitCode = failed ? 1 : 0;
