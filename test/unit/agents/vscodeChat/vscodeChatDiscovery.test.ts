import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { VscodeChatPlugin } from '../../../../src/core/agents/vscodeChat/VscodeChatPlugin.js';
import { uriToPath } from '../../../../src/core/agents/vscodeChat/uriToPath.js';
import { CODE_USER, HOME, PROJECT, collecting, environment, relative } from './vscodeChatFixture.js';

const plugin = new VscodeChatPlugin();

test('a project\'s sessions come from VS Code, Insiders and VSCodium storage named by workspace.json, and from empty windows that record its files', async () => {
  const { warnings, reporter } = collecting();
  const files = await plugin.findSessions(PROJECT, environment(), reporter);
  assert.deepEqual(files.map((f) => relative(f.path)), [
    '.config/Code/User/workspaceStorage/5d1a9c0e/chatSessions/08ac5762-5e67-4c65-ad42-f2b686c55135.jsonl',
    '.config/Code/User/workspaceStorage/5d1a9c0e/chatSessions/8e9401db-e2d3-483a-b818-89ff347c2215.jsonl',
    '.config/Code/User/workspaceStorage/5d1a9c0e/chatSessions/e9161547-1158-497b-bbc2-2b7003a3d428.jsonl',
    // the empty window whose terminal ran in the project; VS Code's own empty-window session records no project file
    '.config/Code/User/globalStorage/emptyWindowChatSessions/c2c2c2c2-3333-4444-8555-666677778888.json',
    '.config/Code - Insiders/User/workspaceStorage/-19019891/chatSessions/a0a0a0a0-1111-4222-8333-444455556666.json',
  ]);
  assert.ok(files.every((f) => f.agent === 'vscode-chat' && f.projectPath === PROJECT));
  assert.deepEqual(warnings, []);
});

test('--all lists each folder\'s project (a Windows folder URI too), gives an empty-window session to the project it records, and reports exactly what is left', async () => {
  const { warnings, reporter } = collecting();
  const projects = await plugin.listProjects(environment(), reporter);
  assert.deepEqual(
    projects.map((p) => [p.projectPath, p.sessions.length]),
    [
      // three logs of its storage folder, the Insiders session, and the empty window whose terminal ran in it
      ['/home/dev/chat-app', 5],
      ['c:\\Users\\dev\\win-app', 1],
    ],
  );
  assert.equal(warnings.length, 2);
  assert.match(warnings[0]!, /VS Code chat: 1 session file\(s\) in .*workspaceStorage\/77aa0001\/chatSessions cannot be attributed to a project \(.*77aa0001 has no readable workspace.json naming its folder\)/);
  // VS Code's own empty-window session records no file of any project
  assert.match(warnings[1]!, /VS Code chat: 1 session file\(s\) in .*emptyWindowChatSessions cannot be attributed to a project \(they come from windows with no folder open and record no file of a known project\)/);
  const chatApp = projects[0]!.sessions.map((f) => relative(f.path));
  assert.ok(chatApp.includes('.config/Code/User/globalStorage/emptyWindowChatSessions/c2c2c2c2-3333-4444-8555-666677778888.json'));
  assert.ok(projects[0]!.sessions.every((f) => f.projectPath === '/home/dev/chat-app'));
});

test('the current window\'s own storage (from the extension\'s context.storageUri) belongs to its folder even without workspace.json', async () => {
  const { warnings, reporter } = collecting();
  const env = {
    HEADROOM_VSCODE_WINDOW_STORAGE: path.join(CODE_USER, 'workspaceStorage', '77aa0001'),
    HEADROOM_VSCODE_WINDOW_FOLDERS: '/home/dev/other-app',
  };
  const files = await plugin.findSessions('/home/dev/other-app', environment(env), reporter);
  assert.deepEqual(files.map((f) => relative(f.path)), ['.config/Code/User/workspaceStorage/77aa0001/chatSessions/e9161547-0000-497b-bbc2-2b7003a3d428.jsonl']);
  assert.deepEqual(warnings, []);
});

test('a User folder outside the standard places (code-server, a portable install) is read when HEADROOM_VSCODE_USER_DIRS names it', async () => {
  const elsewhere = environment({ HEADROOM_VSCODE_USER_DIRS: CODE_USER }, path.join(HOME, 'no-such-home'));
  assert.equal(await plugin.detect(elsewhere), true);
  const files = await plugin.findSessions(PROJECT, elsewhere, collecting().reporter);
  assert.equal(files.length, 4);
  assert.equal(await plugin.detect(environment({}, path.join(HOME, 'no-such-home'))), false);
});

test('the target is .github/copilot-instructions.md for both kinds of rule', () => {
  assert.deepEqual(plugin.targets('/home/dev/chat-app'), [
    { kind: 'context', path: '/home/dev/chat-app/.github/copilot-instructions.md', scope: 'project' },
    { kind: 'memory', path: '/home/dev/chat-app/.github/copilot-instructions.md', scope: 'project' },
  ]);
  assert.equal(plugin.targets('C:\\code\\app')[0]!.path, 'C:\\code\\app\\.github\\copilot-instructions.md');
});

test('folder URIs: local, Windows drive, UNC, remote; virtual file systems have no path', () => {
  assert.equal(uriToPath('file:///home/dev/my%20app'), '/home/dev/my app');
  assert.equal(uriToPath('file:///c%3A/Users/dev/win-app'), 'c:\\Users\\dev\\win-app');
  assert.equal(uriToPath('file://server/share/app'), '\\\\server\\share\\app');
  assert.equal(uriToPath('vscode-remote://ssh-remote%2Bbox/home/dev/app'), '/home/dev/app');
  assert.equal(uriToPath('vscode-vfs://github/microsoft/vscode'), undefined);
  assert.equal(uriToPath('not a uri'), undefined);
});
