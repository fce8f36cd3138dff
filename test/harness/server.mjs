// Starts and stops code-server for one test run: 127.0.0.1 on a free port, a fresh user-data-dir, extensions dir
// and workspace copy under a new run directory, seeded settings. The processes it starts are stopped by pid
// (their process group), also when a test fails or the runner is interrupted.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_PROJECT, materializeDemoHome } from '../../scripts/demoHome.mjs';

const harnessDir = import.meta.dirname;
const defaultWorkspaceFixture = path.join(harnessDir, 'workspace');
const startedServers = new Set();

/** A new empty directory for one run (server state, workspace copy, browser profile). */
export function createRunDirectory(kind) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `headroom-harness-${kind}-`));
}

function findFreePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The agents' data the extension host sees: the demo home (examples/demo, materialised for `projectPath`) through
 * CLAUDE_CONFIG_DIR, CODEX_HOME and GEMINI_CLI_HOME, never the developer's own ~/.claude, ~/.codex or ~/.gemini;
 * and no API keys or HEADROOM_LEARN_CLI, so Learn always uses the offline analyzer.
 */
function agentEnvironment(baseEnv, agentHome, demoProject) {
  const env = {};
  for (const [key, value] of Object.entries(baseEnv)) {
    if (/(API_KEY|_TOKEN|_SECRET)$/i.test(key) || /^(ANTHROPIC|OPENAI|GEMINI|GOOGLE)_/.test(key) || key === 'HEADROOM_LEARN_CLI') continue;
    env[key] = value;
  }
  return {
    ...env,
    CLAUDE_CONFIG_DIR: path.join(agentHome, '.claude'),
    CODEX_HOME: path.join(agentHome, '.codex'),
    GEMINI_CLI_HOME: agentHome,
    /** Where the sessions of the demo home say they worked (in-host tests learn on it). */
    HEADROOM_TEST_DEMO_PROJECT: demoProject,
    HEADROOM_TEST_AGENT_HOME: agentHome,
    // The rules headroom remembers writing (the learning lifecycle): per run, never the machine's own state file.
    HEADROOM_LEARN_STATE_DIR: path.join(agentHome, '.headroom-learn-state'),
  };
}

function serverEnvironment(paths, stateDir, baseEnv = process.env) {
  return {
    ...baseEnv,
    PATH: `${path.dirname(paths.node24Bin)}${path.delimiter}${baseEnv.PATH}`,
    // Otherwise code-server writes ~/.config/code-server/config.yaml and ~/.local/share/code-server/heartbeat.
    XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(stateDir, 'xdg-data'),
  };
}

function isRunning(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

// Last resort when the runner exits without calling stop(): kill what this process started, synchronously.
process.on('exit', () => {
  for (const pid of startedServers) signalGroup(pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    for (const pid of startedServers) signalGroup(pid, 'SIGKILL');
    process.exit(130);
  });
}

/**
 * @param {object} options
 * @param {ReturnType<import('./versions.mjs').harnessPaths>} options.paths installed harness
 * @param {string} options.runDir fresh directory of this run (from createRunDirectory)
 * @param {boolean} [options.smokeTestDriver] let the page load unpackaged extensions and extension tests (hides toasts)
 * @param {string} [options.vsixPath] packaged extension to install before the server starts
 * @param {string} [options.workspaceFixture] folder copied to <runDir>/workspace
 * @param {boolean} [options.demoWorkspace] open the demo project (examples/demo/project) as the workspace, so the
 *   demo sessions belong to the workspace folder; otherwise it is copied to <runDir>/demo-project next to it
 * @param {Record<string, unknown>} [options.settings] user settings over test/harness/settings.json
 */
export async function startCodeServer({
  paths,
  runDir,
  smokeTestDriver = false,
  vsixPath,
  workspaceFixture = defaultWorkspaceFixture,
  demoWorkspace = false,
  settings = {},
}) {
  const stateDir = path.join(runDir, 'code-server');
  const userDataDir = path.join(stateDir, 'user-data');
  const extensionsDir = path.join(stateDir, 'extensions');
  const workspaceDir = path.join(runDir, 'workspace');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const baseSettings = JSON.parse(fs.readFileSync(path.join(harnessDir, 'settings.json'), 'utf8'));
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...baseSettings, ...settings }, null, 2) + '\n');
  fs.cpSync(demoWorkspace ? DEMO_PROJECT : workspaceFixture, workspaceDir, { recursive: true });
  const demoProject = demoWorkspace ? workspaceDir : path.join(runDir, 'demo-project');
  if (!demoWorkspace) fs.cpSync(DEMO_PROJECT, demoProject, { recursive: true });
  const agentHome = path.join(runDir, 'agent-home');
  await materializeDemoHome({ targetHome: agentHome, projectPath: demoProject });

  const port = await findFreePort();
  const configFile = path.join(stateDir, 'config.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\ndisable-telemetry: true\ndisable-update-check: true\n`);
  const env = {
    ...serverEnvironment(paths, stateDir, agentEnvironment(process.env, agentHome, demoProject)),
    // The chat suite reads the sessions VS Code saves here.
    HEADROOM_TEST_VSCODE_USER_DIR: path.join(userDataDir, 'User'),
  };
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  if (vsixPath) {
    const install = spawnSync(paths.codeServerBin, [...common, '--install-extension', vsixPath], { env, encoding: 'utf8' });
    if (install.status !== 0) {
      throw new Error(`code-server --install-extension ${vsixPath} failed:\n${install.stdout}${install.stderr}`);
    }
  }

  const logFile = path.join(stateDir, 'server.log');
  const logFd = fs.openSync(logFile, 'a');
  const args = [...common, '--disable-workspace-trust', '--disable-getting-started-override', '--reconnection-grace-time', '10'];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  // detached: its own process group, so stop() also reaches the extension hosts and file watcher it forks.
  const child = spawn(paths.codeServerBin, args, { env, detached: true, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  const pid = child.pid;
  startedServers.add(pid);
  let exitedEarly;
  child.once('exit', (code, signal) => (exitedEarly = code ?? signal));
  child.unref();

  const url = `http://127.0.0.1:${port}`;
  const server = {
    pid,
    url,
    port,
    runDir,
    workspaceDir,
    demoProject,
    agentHome,
    logFile,
    /** Stops code-server and everything it forked; waits until they are gone. */
    async stop() {
      if (!startedServers.has(pid)) return;
      signalGroup(pid, 'SIGTERM');
      const deadline = Date.now() + 5000;
      while (isRunning(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      if (isRunning(pid)) signalGroup(pid, 'SIGKILL');
      startedServers.delete(pid);
    },
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exitedEarly !== undefined) {
      startedServers.delete(pid);
      throw new Error(`code-server exited (${exitedEarly}) before answering:\n${fs.readFileSync(logFile, 'utf8')}`);
    }
    const healthy = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
    if (healthy) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer on ${url}/healthz within 30 s:\n${fs.readFileSync(logFile, 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
