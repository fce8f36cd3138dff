// Localisation that cannot drift: l10n/bundle.l10n.json must be exactly what `npm run l10n` (the official
// @vscode/l10n-dev export over src/extension) generates, and every %key% in package.json must be in
// package.nls.json and the other way round.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

test('l10n/bundle.l10n.json is what `npm run l10n` generates from src/extension (run it after adding a string)', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-l10n-'));
  try {
    // The same command as the package.json script `l10n`, into a temporary folder.
    const cli = require.resolve('@vscode/l10n-dev/dist/cli.js', { paths: [root] });
    execFileSync(process.execPath, [cli, 'export', '--outDir', outDir, './src/extension'], { cwd: root, stdio: 'pipe' });
    const generated = readJson(path.join(outDir, 'bundle.l10n.json')) as Record<string, string>;
    const committed = readJson(path.join(root, 'l10n', 'bundle.l10n.json')) as Record<string, string>;
    const missing = Object.keys(generated).filter((key) => !(key in committed));
    const stale = Object.keys(committed).filter((key) => !(key in generated));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, 'l10n/bundle.l10n.json is out of date: run `npm run l10n`');
    assert.deepEqual(committed, generated, 'l10n/bundle.l10n.json differs from the export: run `npm run l10n`');
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
});

test('every %key% in package.json is in package.nls.json, and package.nls.json has no unused key', () => {
  const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const used = new Set([...manifest.matchAll(/"%([^"%\s]+)%"/g)].map((match) => match[1]!));
  const defined = new Set(Object.keys(readJson(path.join(root, 'package.nls.json')) as Record<string, string>));
  assert.ok(used.size > 0, 'package.json uses %key% placeholders');
  assert.deepEqual([...used].filter((key) => !defined.has(key)).sort(), [], 'keys used in package.json but missing from package.nls.json');
  assert.deepEqual([...defined].filter((key) => !used.has(key)).sort(), [], 'keys in package.nls.json that package.json does not use');
});
