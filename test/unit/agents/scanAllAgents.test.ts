import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { demoFixture, runCli, safeEnv } from '../cli/cliHarness.js';
import { writeCursorUserDir } from './cursor/cursorDatabase.js';
import { writeOpencodeDatabase } from './opencode/opencodeDatabase.js';

test('scan --all names every agent with sessions for the project: the demo’s three, OpenCode and Cursor', async () => {
  const fx = await demoFixture();
  await writeOpencodeDatabase(path.join(fx.home, '.local', 'share'), [
    {
      id: 'prj',
      worktree: fx.project,
      sessions: [{ id: 'ses_1', directory: fx.project, at: 0, messages: [[{ tool: 'read', input: { filePath: path.join(fx.project, 'README.md') }, status: 'completed', output: '# shop' }]] }],
    },
  ]);
  await writeCursorUserDir(
    path.join(fx.home, '.config', 'Cursor', 'User'),
    [{ id: 'c1', at: 0, bubbles: [{ tool: { name: 'list_dir', args: { relative_workspace_path: '.' }, result: { files: [] } } }] }],
    [{ id: 'ws', folder: fx.project, chats: ['c1'] }],
  );
  const { code, out, err } = await runCli(['scan', '--all'], safeEnv(fx.home));
  assert.equal(code, 0, err);
  for (const name of ['Claude Code', 'Codex CLI', 'Gemini CLI', 'OpenCode', 'Cursor']) assert.match(out, new RegExp(`^  ${name} +\\d+ session`, 'm'), `${name} in:\n${out}`);
});
