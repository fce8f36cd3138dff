// Parsing on worker threads gives exactly the sessions, totals and warnings of parsing on one thread, in the same
// order, on every real sample and corpus excerpt of Claude Code, Codex and Gemini and every fixture session of the
// agents added later, including files that cannot be read.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { createDefaultRegistry } from '../../../../src/core/agents/builtins.js';
import type { AgentPlugin, SessionFile } from '../../../../src/core/agents/plugin.js';
import { scanSessions, type AgentScan } from '../../../../src/core/scan/scanProject.js';
import { workerParseFor, type ParallelScanSettings } from '../../../../src/core/scan/parallel/workerParseFor.js';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'fixtures');
const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

let built: Promise<string> | undefined;
/** dist/parseWorker.js as esbuild.mjs builds it, from the current source, into a temp folder (dist/ is left alone). */
function buildParseWorker(): Promise<string> {
  built ??= bundleParseWorker();
  return built;
}

async function bundleParseWorker(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parse-worker-bundle-'));
  made.push(dir);
  const outfile = path.join(dir, 'parseWorker.js');
  await esbuild.build({
    entryPoints: [path.resolve(__dirname, '..', '..', '..', '..', 'src', 'core', 'scan', 'parallel', 'parseWorker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  return outfile;
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => pattern.test(path.basename(file)) && fs.statSync(file).isFile())
    .sort();
}

/** Fixture homes of the agents added later, whose session files their own plugin lists (listProjects). */
const FIXTURE_HOMES: Record<string, string> = {
  'vscode-chat': path.join(FIXTURES, 'vscode-chat', 'home'),
  cline: path.join(FIXTURES, 'cline', 'home'),
  roo: path.join(FIXTURES, 'cline', 'home'),
  codebuddy: path.join(FIXTURES, 'codebuddy', 'home'),
  grok: path.join(FIXTURES, 'grok', 'home'),
};

/** Agents whose sessions sit in a database (`<db>#<id>`): 0 bytes of files, so never parsed on worker threads. */
const DATABASE_AGENTS = new Set(['opencode', 'cursor']);

async function listedSessionFiles(plugin: AgentPlugin): Promise<SessionFile[]> {
  const projects = await plugin.listProjects({ home: FIXTURE_HOMES[plugin.name]!, env: {} }, { warn: () => undefined });
  const files = projects.flatMap((p) => p.sessions).sort((a, b) => a.path.localeCompare(b.path));
  const missing = { ...files[0]!, path: path.join(FIXTURE_HOMES[plugin.name]!, 'no-such-session.jsonl') };
  const folder = { ...files[0]!, path: FIXTURE_HOMES[plugin.name]! };
  return [...files, missing, folder];
}

/** Every session file of the fixtures per agent, then a missing file and a folder named like a session. */
function sessionFiles(agent: string): SessionFile[] {
  const paths =
    agent === 'claude'
      ? [
          ...filesUnder(path.join(FIXTURES, 'samples', 'claude'), /\.jsonl$/),
          ...filesUnder(path.join(FIXTURES, 'corpus'), /^(?!codex-).*\.jsonl$/),
          ...filesUnder(path.join(FIXTURES, 'claude', 'home'), /\.jsonl$/),
        ]
      : agent === 'codex'
        ? [
            ...filesUnder(path.join(FIXTURES, 'samples', 'codex'), /\.jsonl$/),
            ...filesUnder(path.join(FIXTURES, 'corpus', 'worktrees'), /^codex-.*\.jsonl$/),
            ...filesUnder(path.join(FIXTURES, 'codex', 'home'), /^rollout-.*\.jsonl?$/),
          ]
        : [...filesUnder(path.join(FIXTURES, 'samples', 'gemini'), /\.json$/), ...filesUnder(path.join(FIXTURES, 'gemini', 'home'), /^session-.*\.jsonl?$/)];
  const missing = path.join(FIXTURES, 'samples', agent, 'no-such-session.jsonl');
  const folder = path.join(FIXTURES, 'samples', agent);
  return [...paths, missing, folder].map((file) => ({ agent, path: file, projectPath: '/home/dev/project', subagent: file.includes(`${path.sep}subagents${path.sep}`) }));
}

async function scan(plugin: AgentPlugin, files: SessionFile[], parallel: ParallelScanSettings, keepSessions = true): Promise<{ scan: AgentScan; warnings: string[] }> {
  const warnings: string[] = [];
  const environment = { home: os.tmpdir(), env: {} };
  const result = await scanSessions(plugin, '/home/dev/project', files, { environment, reporter: { warn: (m) => warnings.push(m) }, parallel, keepSessions });
  return { scan: result, warnings };
}

for (const plugin of createDefaultRegistry().all().filter((p) => !DATABASE_AGENTS.has(p.name))) {
  test(`${plugin.displayName}: parsing on two worker threads gives the same scan as parsing on one thread`, async () => {
    const workerScript = await buildParseWorker();
    const files = plugin.name in FIXTURE_HOMES ? await listedSessionFiles(plugin) : sessionFiles(plugin.name);
    assert.ok(workerParseFor(plugin, files, { home: os.tmpdir(), env: {} }, { threads: 2, workerScript, minBytes: 0 }), 'the files go to worker threads');
    const serial = await scan(plugin, files, { threads: 1 });
    const parallel = await scan(plugin, files, { threads: 2, workerScript, minBytes: 0 });
    assert.ok(serial.scan.stats.toolCalls > 0, 'the fixtures have calls');
    assert.equal(serial.scan.unreadableFiles.length, 2, 'the missing file and the folder are reported');
    assert.deepEqual(parallel.scan, serial.scan);
    assert.deepEqual(parallel.warnings, serial.warnings);
    // `scan`'s figures only: the threads send back each session's figures, not the session.
    const serialFigures = await scan(plugin, files, { threads: 1 }, false);
    const parallelFigures = await scan(plugin, files, { threads: 2, workerScript, minBytes: 0 }, false);
    assert.deepEqual(parallelFigures.scan, serialFigures.scan);
    assert.deepEqual(parallelFigures.warnings, serialFigures.warnings);
    assert.deepEqual(serialFigures.scan.stats, serial.scan.stats, 'the same figures as a scan that keeps the sessions');
    assert.deepEqual(serialFigures.warnings, serial.warnings);
  });
}

test('files are parsed on this thread for one file, one thread, a few small files, a plugin that is not built in, or no worker bundle', async () => {
  const workerScript = await buildParseWorker();
  const environment = { home: os.tmpdir(), env: {} };
  const claude = createDefaultRegistry().get('claude')!;
  const files = sessionFiles('claude');
  const external: AgentPlugin = { ...claude, name: 'claude', parse: (file) => claude.parse(file) };
  assert.equal(workerParseFor(claude, files.slice(0, 1), environment, { workerScript, minBytes: 0 }), undefined);
  assert.equal(workerParseFor(claude, files, environment, { threads: 1, workerScript, minBytes: 0 }), undefined);
  assert.equal(workerParseFor(claude, files, { ...environment, env: { HEADROOM_SCAN_THREADS: '1' } }, { workerScript, minBytes: 0 }), undefined);
  assert.equal(workerParseFor(external, files, environment, { threads: 2, workerScript, minBytes: 0 }), undefined);
  assert.equal(workerParseFor(claude, files, environment, { threads: 2, workerScript: path.join(os.tmpdir(), 'no-such-worker.js'), minBytes: 0 }), undefined);
  assert.ok(workerParseFor(claude, files, { ...environment, env: { HEADROOM_SCAN_THREADS: '2' } }, { workerScript, minBytes: 0 }));
});

test('a few small files are parsed on this thread until a pool runs; then they go to its threads too', async () => {
  // A worker bundle of its own, so no other test's pool is running for it.
  const workerScript = path.join(path.dirname(await buildParseWorker()), `parseWorker-small-files-${process.pid}.js`);
  fs.copyFileSync(await buildParseWorker(), workerScript);
  const environment = { home: os.tmpdir(), env: {} };
  const claude = createDefaultRegistry().get('claude')!;
  const files = sessionFiles('claude');
  assert.equal(workerParseFor(claude, files, environment, { threads: 2, workerScript }), undefined, 'a few small files, no pool yet');
  const started = workerParseFor(claude, files, environment, { threads: 2, workerScript, minBytes: 0 });
  assert.ok(started, 'enough bytes start the pool');
  assert.equal(workerParseFor(claude, files, environment, { threads: 2, workerScript })?.pool, started.pool, 'a few small files, the pool running');
  assert.equal(workerParseFor(claude, files, environment, { threads: 1, workerScript }), undefined, 'one thread asked for');
});

test('a scan cancelled while files are parsed on worker threads stops with the cancellation', async () => {
  const workerScript = await buildParseWorker();
  const plugin = createDefaultRegistry().get('claude')!;
  const controller = new AbortController();
  const files = sessionFiles('claude');
  const environment = { home: os.tmpdir(), env: {} };
  const reason = new Error('Stopped by the user.');
  const scanning = scanSessions(plugin, '/home/dev/project', files, {
    environment,
    reporter: { warn: () => {} },
    signal: controller.signal,
    parallel: { threads: 2, workerScript, minBytes: 0 },
    onProgress: (progress) => {
      if (progress.done === 1) controller.abort(reason);
    },
  });
  await assert.rejects(scanning, (error) => error === reason);
});
