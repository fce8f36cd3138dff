// Makes `npm start` work as the first command after cloning: installs dependencies
// when node_modules is missing and builds dist/ when it is missing or older than src/.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const run = (command) => execSync(command, { cwd: root, stdio: 'inherit' });

if (!existsSync(path.join(root, 'node_modules', 'esbuild'))) {
  console.error('headroom-learn: installing dependencies (npm ci) …');
  run('npm ci --no-audit --no-fund');
}

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const outputs = ['dist/cli.js', 'dist/cliMain.js', 'dist/extension.js', 'dist/extensionMain.js', 'dist/parseWorker.js', 'dist/sdk/anthropic.js', 'dist/sdk/openai.js', 'dist/sdk/genai.js', 'dist/sql-wasm.wasm'].map((f) => path.join(root, f));
const builtAt = Math.min(...outputs.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
if (builtAt === 0 || newest(path.join(root, 'src')) > builtAt) {
  run('node esbuild.mjs');
}
