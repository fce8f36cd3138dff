import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');

/** The files `vsce package` would put in the .vsix, as vsce itself lists them. */
function vsixFiles(): string[] {
  // vsce lists only files that exist: build the bundles first when they are missing or stale.
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'ensure-built.mjs')], { cwd: REPO, stdio: 'ignore' });
  const vsce = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
  const out = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8' });
  return out.split('\n').map((l) => l.trim()).filter(Boolean);
}

test('the .vsix ships everything the manifest points at, and no sources or source maps', () => {
  const files = vsixFiles();
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const referenced = [
    manifest.main.replace(/^\.\//, ''),
    // The main bundle the entry requires on first need (src/extension/extension.ts).
    'dist/extensionMain.js',
    'dist/scanWorker.js',
    'dist/parseWorker.js',
    'dist/sdk/anthropic.js',
    'dist/sdk/openai.js',
    'dist/sdk/genai.js',
    // The SQLite reader of OpenCode's and Cursor's databases (src/core/logs/sqlite/loadSqlJs.ts).
    'dist/sql-wasm.wasm',
    manifest.bin['headroom-learn'],
    // The CLI bundle the command runs (src/cli/bin.ts).
    'dist/cliMain.js',
    `${manifest.l10n.replace(/^\.\//, '')}/bundle.l10n.json`,
    'package.nls.json',
    'media/dist/diff.js',
    'media/dist/stats.js',
    'media/webview.css',
    'media/diff/diff.css',
    'media/stats/stats.css',
    ...manifest.contributes.viewsContainers.activitybar.map((c: { icon: string }) => c.icon),
    ...manifest.contributes.walkthroughs.flatMap((w: { steps: Array<{ media: Record<string, string> }> }) =>
      w.steps.flatMap((s) => Object.values(s.media).filter((v) => typeof v === 'string' && /\.(md|svg|png)$/.test(v))),
    ),
  ];
  for (const file of referenced) assert.ok(files.includes(file), `${file} is referenced by package.json but not in the .vsix`);
  const leaked = files.filter((f) => /\.(ts|map)$/.test(f) || f.endsWith('tsconfig.json') || f.startsWith('src/') || f.startsWith('test/'));
  assert.deepEqual(leaked, []);
});
