import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, runCli, safeEnv, tempDir } from './cliHarness.js';
import { createDefaultRegistry } from '../../../src/core/agents/builtins.js';
import { loadPluginPackages } from '../../../src/cli/pluginPackages.js';

const EXAMPLE = path.join(REPO, 'examples', 'headroom-learn-plugin-example');

/** A home where the example agent has two sessions in `project`: python3 -m pytest fails, uv run pytest works. */
function exampleHome(project: string): string {
  const home = tempDir('plugin-home-');
  const sessions = path.join(home, '.example-agent', 'sessions');
  fs.mkdirSync(sessions, { recursive: true });
  for (const id of ['s1', 's2']) {
    const lines = [
      { type: 'session', id, cwd: project, startedAt: id === 's1' ? '2026-01-01T10:00:00Z' : '2026-01-02T10:00:00Z' },
      { type: 'call', id: `${id}-1`, tool: 'shell', command: 'python3 -m pytest', exitCode: 1, output: '/usr/bin/python3: No module named pytest' },
      { type: 'call', id: `${id}-2`, tool: 'shell', command: 'uv run pytest', exitCode: 0, output: '3 passed' },
    ];
    fs.writeFileSync(path.join(sessions, `${id}.jsonl`), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  }
  return home;
}

/** npm's global folder under a configured prefix, as the loader looks for it on this platform. */
function globalModules(prefix: string): string {
  return process.platform === 'win32' ? path.join(prefix, 'node_modules') : path.join(prefix, 'lib', 'node_modules');
}

test('--plugin PATH: the example package is an agent like the built-ins (scan counts, learn writes its file)', async () => {
  const project = tempDir('plugin-shop-');
  const env = safeEnv(exampleHome(project), { NPM_CONFIG_PREFIX: tempDir('plugin-prefix-') });
  const scan = await runCli(['scan', '--project', project, '--json', '--plugin', EXAMPLE], env);
  assert.equal(scan.code, 0, scan.err);
  const totals = (JSON.parse(scan.out) as { totals: Record<string, Record<string, number>> }).totals;
  assert.deepEqual([totals['example-agent'].sessions, totals['example-agent'].toolCalls, totals['example-agent'].failed], [2, 4, 2]);

  const learn = await runCli(['--project', project, '--agent', 'example-agent', '--model', 'offline', '--apply', `--plugin=${EXAMPLE}`], env);
  assert.equal(learn.code, 0, learn.err);
  const written = fs.readFileSync(path.join(project, 'EXAMPLE.md'), 'utf8');
  assert.match(written, /^<!-- headroom:learn:start -->\n[\s\S]*`uv run pytest`[\s\S]*<!-- headroom:learn:end -->\n$/);
});

test('a headroom-learn-plugin-* package in npm\'s global folder is loaded without being named', async () => {
  const project = tempDir('plugin-shop-');
  const prefix = tempDir('plugin-prefix-');
  fs.cpSync(EXAMPLE, path.join(globalModules(prefix), 'headroom-learn-plugin-example'), { recursive: true });
  const scan = await runCli(['scan', '--project', project, '--json'], safeEnv(exampleHome(project), { NPM_CONFIG_PREFIX: prefix }));
  assert.equal(scan.code, 0, scan.err);
  assert.equal((JSON.parse(scan.out) as { totals: Record<string, { sessions: number }> }).totals['example-agent'].sessions, 2);
  const without = await runCli(['scan', '--project', project, '--json'], safeEnv(exampleHome(project), { NPM_CONFIG_PREFIX: tempDir('plugin-prefix-') }));
  assert.equal((JSON.parse(without.out) as { totals: Record<string, unknown> }).totals['example-agent'], undefined, 'not installed: no such agent');
});

test('a broken plugin package found by its name is a warning; one whose listProjects throws is a scan problem; the run goes on', async () => {
  const project = tempDir('plugin-shop-');
  const prefix = tempDir('plugin-prefix-');
  const modules = globalModules(prefix);
  const write = (name: string, source: string) => {
    fs.mkdirSync(path.join(modules, name), { recursive: true });
    fs.writeFileSync(path.join(modules, name, 'package.json'), JSON.stringify({ name, main: 'index.js' }));
    fs.writeFileSync(path.join(modules, name, 'index.js'), source);
  };
  write('headroom-learn-plugin-nomethods', "module.exports = { name: 'half', displayName: 'Half' };");
  write('headroom-learn-plugin-claude', "module.exports = { name: 'claude', displayName: 'Fake', detect() {}, findSessions() {}, listProjects() {}, parse() {}, targets() {} };");
  write(
    'headroom-learn-plugin-throws',
    "module.exports = { name: 'throws', displayName: 'Throws', async detect() { return true; }, async findSessions() { return []; }, async listProjects() { throw new Error('disk on fire'); }, async parse() { throw new Error('no'); }, targets() { return []; } };",
  );
  const run = await runCli(['scan', '--all', '--json'], safeEnv(exampleHome(project), { NPM_CONFIG_PREFIX: prefix }));
  assert.equal(run.code, 0, run.err);
  assert.match(run.err, /plugin package .*headroom-learn-plugin-nomethods not loaded: plugin package "headroom-learn-plugin-nomethods": plugin "half" has no detect\(\) method\./);
  assert.match(run.err, /plugin package .*headroom-learn-plugin-claude not loaded: An agent plugin named "claude" is already registered\./);
  assert.ok((JSON.parse(run.out) as { warnings: string[] }).warnings.includes('Agent plugin "throws" failed in listProjects(): disk on fire'));
  assert.doesNotMatch(run.err, /disk on fire/, 'reported once, with the scan\'s problems');
});

test('--plugin names that cannot be used are errors: not found (exit 1), malformed (exit 1), no value (exit 2)', async () => {
  const env = safeEnv(tempDir('plugin-home-'), { NPM_CONFIG_PREFIX: tempDir('plugin-prefix-') });
  const missing = await runCli(['scan', '--plugin', 'headroom-learn-plugin-nowhere'], env);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /--plugin headroom-learn-plugin-nowhere: no such package beside headroom-learn, in \.\/node_modules or in npm's global folder/);
  const bad = tempDir('plugin-bad-');
  fs.writeFileSync(path.join(bad, 'package.json'), JSON.stringify({ name: 'bad', main: 'index.js' }));
  fs.writeFileSync(path.join(bad, 'index.js'), 'module.exports = 42;');
  const malformed = await runCli(['scan', '--plugin', bad], env);
  assert.equal(malformed.code, 1);
  assert.match(malformed.err, /--plugin .*: plugin package "bad": the plugin must be an object\./);
  const empty = await runCli(['scan', '--plugin'], env);
  assert.equal(empty.code, 2);
  assert.match(empty.err, /--plugin needs a package name or a path\./);
});

test('the example package\'s own tests pass', () => {
  // NODE_TEST_CONTEXT would make the child report to this runner instead of printing its own results.
  const env = { ...process.env, NODE_TEST_CONTEXT: undefined };
  const result = spawnSync(process.execPath, ['--test', '--test-reporter=tap', path.join(EXAMPLE, 'test')], { encoding: 'utf8', env });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /# pass 2\b/);
});

test('an ES module package (exports → import) may export several plugins as `plugins`; each is an --agent name', async () => {
  const dir = tempDir('plugin-esm-');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'headroom-learn-plugin-esm', type: 'module', exports: { '.': { import: './main.mjs' } } }));
  const plugin = (name: string) =>
    `{ name: '${name}', displayName: '${name}', async detect() { return false; }, async findSessions() { return []; }, async listProjects() { return []; }, async parse() { throw new Error('none'); }, targets() { return []; } }`;
  fs.writeFileSync(path.join(dir, 'main.mjs'), `export const plugins = [${plugin('esm-one')}, ${plugin('esm-two')}];\n`);
  const env = safeEnv(tempDir('plugin-home-'), { NPM_CONFIG_PREFIX: tempDir('plugin-prefix-') });
  const project = tempDir('plugin-shop-');
  const withPlugin = await runCli(['scan', '--project', project, '--agent', 'esm-two', '--plugin', dir], env);
  assert.equal(withPlugin.code, 0, withPlugin.err);
  const without = await runCli(['scan', '--project', project, '--agent', 'esm-two'], env);
  assert.equal(without.code, 2, 'not loaded: an unknown agent is bad usage');
});

test('beside the CLI: packages next to an installed headroom-learn and in its own node_modules, scoped ones too', async () => {
  const prefix = tempDir('plugin-install-');
  const modules = path.join(prefix, 'lib', 'node_modules');
  const cliDir = path.join(modules, 'headroom-learn', 'dist');
  fs.mkdirSync(cliDir, { recursive: true });
  fs.cpSync(EXAMPLE, path.join(modules, 'headroom-learn-plugin-example'), { recursive: true });
  const scoped = path.join(modules, 'headroom-learn', 'node_modules', '@acme', 'headroom-learn-plugin-acme');
  fs.mkdirSync(scoped, { recursive: true });
  fs.writeFileSync(path.join(scoped, 'package.json'), JSON.stringify({ name: '@acme/headroom-learn-plugin-acme' }));
  fs.writeFileSync(
    path.join(scoped, 'index.js'),
    "module.exports = { name: 'acme', displayName: 'Acme', async detect() { return false; }, async findSessions() { return []; }, async listProjects() { return []; }, async parse() { throw new Error('none'); }, targets() { return []; } };",
  );
  const registry = createDefaultRegistry();
  const search = { cliDir, named: [], cwd: prefix, env: { NPM_CONFIG_PREFIX: tempDir('plugin-prefix-') }, execPath: process.execPath, platform: process.platform };
  const loaded = await loadPluginPackages(search, registry, () => {});
  assert.deepEqual(loaded, { agents: ['acme', 'example-agent'], warnings: [] });
  assert.deepEqual(registry.names().slice(-2), ['acme', 'example-agent']);
});
