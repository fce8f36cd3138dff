// The entry bundle (dist/extension.js) is what VS Code loads to activate the extension: it must stay small. These
// fail when it pulls in more than the light modules (an SDK, a parser, zod, the review, the worker …), and when
// activating it, or running a light command, requires the main bundle (dist/extensionMain.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { Commands } from '../../../src/extension/commands.js';

const REPO = path.resolve(__dirname, '../../..');
const DIST = path.join(REPO, 'dist');

/**
 * Every module the entry bundle may hold. A module missing here is either heavy (move the code that needs it to
 * the main bundle, src/extension/extensionMain.ts, and reach it from a command or a registration) or light and
 * needed at activation (add it here, knowing it is loaded in every window that activates the extension).
 */
const ENTRY_MODULES = [
  'src/core/agents/guardedPlugin.ts',
  'src/extension/activation/commandTable.ts',
  'src/extension/activation/deferredProviders.ts',
  'src/extension/activation/hostRegistrations.ts',
  'src/extension/activation/lazyMain.ts',
  'src/extension/api/exportApi.ts',
  'src/extension/api/headroomApi.ts',
  'src/extension/commands.ts',
  'src/extension/documentSchemes.ts',
  'src/extension/extension.ts',
  'src/extension/platform/statusBar.ts',
  'src/extension/platform/walkthrough.ts',
  'src/extension/platform/workspaceTrust.ts',
  'src/extension/review/analyzerSummary.ts',
];

test('the entry bundle holds only the light modules: no package from node_modules, nothing of src/core but a version constant', async () => {
  const result = await esbuild.build({
    absWorkingDir: REPO,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    define: { HEADROOM_CORE_BUILD: '"test"' },
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs).sort();
  assert.deepEqual(
    inputs.filter((input) => !ENTRY_MODULES.includes(input)),
    [],
    'modules in the entry bundle that are not on its list (see ENTRY_MODULES)',
  );
  const [output] = Object.values(result.metafile.outputs);
  assert.ok(output!.bytes < 64 * 1024, `the entry bundle is ${output!.bytes} bytes (under 64 KB expected)`);
});

/** Activates the built dist/extension.js with a stand-in `vscode` in a child process and reports which bundles are required after each step. */
function activateBuiltEntry(): { commands: string[]; steps: Array<{ step: string; bundles: string[] }>; pluginError?: string } {
  // The same build as the shipped one: rebuild dist/ when it is missing or older than src/.
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'ensure-built.mjs')], { cwd: REPO, stdio: 'ignore' });
  const standIn = pathToFileURL(path.join(REPO, 'bench', 'vscodeStandIn.mjs')).href;
  const script = `
    import { createRequire } from 'node:module';
    import { installVscodeStandIn, requiredFilesIn, standInContext } from ${JSON.stringify(standIn)};
    const require = createRequire(import.meta.url);
    const vscode = installVscodeStandIn();
    const handlers = new Map();
    vscode.commands.registerCommand = (id, handler) => {
      handlers.set(id, handler);
      return { dispose() {} };
    };
    const dist = process.argv[1];
    const steps = [];
    const step = (name) => steps.push({ step: name, bundles: requiredFilesIn(dist, require.cache) });
    const api = require(dist + '/extension.js').activate(standInContext(dist));
    step('activate');
    await handlers.get('headroom.showLog')();
    step('headroom.showLog');
    await handlers.get('headroom.refreshReview')();
    step('headroom.refreshReview');
    let pluginError;
    try {
      api.registerAgentPlugin({ name: 'broken' });
    } catch (error) {
      pluginError = error.name + ': ' + error.message;
    }
    console.log(JSON.stringify({ commands: [...handlers.keys()].sort(), steps, pluginError }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, DIST], { cwd: REPO, encoding: 'utf8' }));
}

test('activating the built entry registers every command and requires no other bundle; the first command that needs the rest requires dist/extensionMain.js', () => {
  const { commands, steps, pluginError } = activateBuiltEntry();
  assert.deepEqual(commands, Object.values(Commands).sort(), 'every command of the command map is registered at activation');
  assert.deepEqual(steps, [
    { step: 'activate', bundles: ['extension.js'] },
    // Show Log is the entry's own: still nothing else loaded.
    { step: 'headroom.showLog', bundles: ['extension.js'] },
    // Refresh is the review's: the main bundle starts, and starting it loads no worker or SDK bundle.
    { step: 'headroom.refreshReview', bundles: ['extension.js', 'extensionMain.js'] },
  ]);
  // The API works right after activation: the plugin reaches the real validation (and is refused, being malformed).
  assert.equal(pluginError, 'TypeError: registerAgentPlugin: plugin "broken" needs a displayName.');
});
