// Builds what the in-host suite needs: the extension bundle (dist/extension.js, via esbuild.mjs) and the
// TypeScript tests compiled by esbuild to out/test/host/*.js (CommonJS; `vscode` and `mocha` stay external
// and resolve inside the extension host from the project's node_modules).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');
/** A second extension loaded in the in-host run: it registers a fake agent through registerAgentPlugin. */
export const fakeAgentExtension = path.join(projectRoot, 'test', 'host', 'fixtures', 'fake-agent-extension');

/** Builds the extension and the suite in test/<suite> (`host`, or `chat` for the VS Code chat suite); returns its entry. */
export async function buildExtensionAndHostSuite(suite = 'host') {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the extension (node esbuild.mjs) failed');
  const sourceDir = path.join(projectRoot, 'test', suite);
  const outDir = path.join(projectRoot, 'out', 'test', suite);
  const entryPoints = fs
    .readdirSync(sourceDir)
    .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
    .map((name) => path.join(sourceDir, name));
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(outDir, 'index.js');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await buildExtensionAndHostSuite());
}
