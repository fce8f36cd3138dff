import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ScanJson } from '../../../../src/cli/scanCommand.js';
import { REPO, safeEnv, tempDir } from '../../cli/cliHarness.js';
import { writeOpencodeDatabase } from './opencodeDatabase.js';

/**
 * The shipped layout: dist/cli.js (and the bundle it runs, cliMain.js) with the sql-wasm.wasm esbuild.mjs copies beside it, moved to a folder with no
 * node_modules, so the WebAssembly SQLite can only come from beside the bundle (as in the .vsix).
 */
function shippedCli(withWasm: boolean): string {
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'ensure-built.mjs')], { cwd: REPO, stdio: 'ignore' });
  const dir = tempDir('learn-shipped-');
  for (const file of ['cli.js', 'cliMain.js']) fs.copyFileSync(path.join(REPO, 'dist', file), path.join(dir, file));
  if (withWasm) fs.copyFileSync(path.join(REPO, 'dist', 'sql-wasm.wasm'), path.join(dir, 'sql-wasm.wasm'));
  return path.join(dir, 'cli.js');
}

async function home(): Promise<{ home: string; project: string }> {
  const root = tempDir('opencode-shipped-');
  const project = path.join(root, 'shop');
  fs.mkdirSync(project);
  await writeOpencodeDatabase(path.join(root, 'home', '.local', 'share'), [
    {
      id: 'prj',
      worktree: project,
      sessions: [{ id: 'ses_1', directory: project, at: 0, messages: [[{ tool: 'bash', input: { command: 'make' }, status: 'completed', output: 'make: *** No targets.  Stop.\n', metadata: { exit: 2 } }]] }],
    },
  ]);
  return { home: path.join(root, 'home'), project };
}

test('the bundled CLI reads opencode.db with the sql-wasm.wasm shipped beside it', async () => {
  const cli = shippedCli(true);
  const fx = await home();
  const run = spawnSync(process.execPath, [cli, 'scan', '--project', fx.project, '--agent', 'opencode', '--json'], { env: safeEnv(fx.home), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const json = JSON.parse(run.stdout) as ScanJson;
  assert.equal(json.totals.opencode?.toolCalls, 1);
  assert.equal(json.totals.opencode?.failed, 1);
});

test('without its sql-wasm.wasm the bundled CLI says what is missing, in one warning, and still finishes', async () => {
  const cli = shippedCli(false);
  const fx = await home();
  const run = spawnSync(process.execPath, [cli, 'scan', '--all', '--agent', 'opencode', '--json'], { env: safeEnv(fx.home), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const json = JSON.parse(run.stdout) as ScanJson;
  assert.ok(json.warnings.some((w) => /OpenCode: .*The SQLite reader \(sql-wasm\.wasm\) is missing/.test(w)), json.warnings.join('\n'));
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
});
