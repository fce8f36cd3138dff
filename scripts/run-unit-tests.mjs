// Runs the unit tests (test/unit/**/*.test.ts) with Node's own test runner, TypeScript through tsx.
// Node 20's --test does not expand globs itself, so the files are listed here.
// Usage: node scripts/run-unit-tests.mjs [filter-substring ...]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const filters = process.argv.slice(2);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const files = walk(path.join(root, 'test', 'unit'))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
if (files.length === 0) {
  console.error(`No unit test files match ${filters.join(' ') || 'test/unit/**/*.test.ts'}.`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NO_COLOR: process.env.NO_COLOR ?? '' },
});
process.exit(result.status ?? 1);
