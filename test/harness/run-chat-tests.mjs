// npm run test:chat — VS Code's own chat in code-server's real workbench (test/chat/). The chat-probe test
// extension (test/chat/fixtures/chat-probe-extension) is packaged and installed, the Chat view is enabled
// (`chat.disableAIFeatures: false`), and Headroom Learn is loaded unpackaged with test/chat as its extension tests
// (smoke-test driver, as in run-host-tests.mjs). The tests send chat requests, wait for VS Code to save the
// sessions, and run Headroom: Learn on them. Recipe: /work/shared/vscode-chat/README.md.
import * as path from 'node:path';
import { projectRoot } from './build-host-suite.mjs';
import { runWorkbenchSuite } from './run-workbench-suite.mjs';

process.exitCode = await runWorkbenchSuite({
  suite: 'chat',
  name: 'chat',
  testExtension: path.join(projectRoot, 'test', 'chat', 'fixtures', 'chat-probe-extension'),
  vsixName: 'chat-probe.vsix',
  // The harness hides chat (`chat.disableAIFeatures: true`); with it the Chat view and its commands are gone.
  settings: { 'chat.disableAIFeatures': false },
  screenshot: 'failure',
  label: 'VS Code chat tests',
  timeoutMs: Number(process.env.HEADROOM_HOST_TEST_TIMEOUT_MS ?? 240_000),
}).catch((error) => {
  console.error(error);
  return 1;
});
