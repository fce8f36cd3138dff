// npm run test:host — runs the mocha suite in test/host/ inside code-server's real Node extension host.
// The page payload names the project as extensionDevelopmentPath and out/test/host/index.js as
// extensionTestsPath (honoured because the server runs with the smoke-test driver); the workbench reports
// the mocha output through codeAutomationLog and the result through codeAutomationExit.
import { fakeAgentExtension } from './build-host-suite.mjs';
import { runWorkbenchSuite } from './run-workbench-suite.mjs';

// The browser workbench loads only one extensionDevelopmentPath, so the fake-agent test extension (it exercises
// registerAgentPlugin) is packaged and installed into this run's extensions folder instead.
process.exitCode = await runWorkbenchSuite({
  name: 'host',
  testExtension: fakeAgentExtension,
  vsixName: 'fake-agent.vsix',
  screenshot: 'timeout',
  label: 'In-host tests',
  timeoutMs: Number(process.env.HEADROOM_HOST_TEST_TIMEOUT_MS ?? 180_000),
}).catch((error) => {
  console.error(error);
  return 1;
});
