// Measures what the scan cache does for the VS Code extension: the same Learn request the extension posts to its
// scan worker (dist/scanWorker.js, a new worker per Learn as src/extension/learn/runInWorker.ts starts it), run
// several times on one project with the scan cache in a fresh folder: the first Learn fills the cache, the second finds
// the history unchanged. Prints the time from starting the worker to its result (the review's data) for each, and the process's CPU time,
// and checks that both results are the same. A measurement, not a test.
// Usage: node scripts/measure-second-learn.mjs --project PATH [--runs N] [--json]
//   --json: {"runs": [{"ms", "cpuMs", "rules", "same"}], "peakRssMb"} on stdout instead of the lines (npm run bench
//   uses it); peakRssMb is this whole process's, over every run (the first, which fills the cache, is the largest)
//   (reads the agents' homes from CLAUDE_CONFIG_DIR, CODEX_HOME, GEMINI_CLI_HOME, HOME like the extension)
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';

const { values } = parseArgs({ options: { project: { type: 'string' }, runs: { type: 'string', default: '3' }, json: { type: 'boolean' } } });
if (!values.project) {
  console.error('Usage: node scripts/measure-second-learn.mjs --project PATH [--runs N]');
  process.exit(2);
}
const workerScript = path.resolve(import.meta.dirname, '..', 'dist', 'scanWorker.js');
/** As src/extension/learn/runInWorker.ts starts the scan worker. */
const SCAN_WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 12 };
const cacheRoot = mkdtempSync(path.join(tmpdir(), 'headroom-second-learn-'));

function learnOnce() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const worker = new Worker(workerScript, { env: process.env, resourceLimits: SCAN_WORKER_RESOURCE_LIMITS });
    worker.on('message', (message) => {
      if (message.type === 'result') {
        const cpu = process.cpuUsage(cpuBefore);
        resolve({ ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, projects: message.projects });
        void worker.terminate();
      } else if (message.type === 'error') reject(new Error(message.message));
      else if (message.type === 'log' && !values.json) console.error(`  log: ${message.message}`);
    });
    worker.on('error', reject);
    worker.postMessage({
      type: 'learn',
      scope: { kind: 'project', projectPath: path.resolve(values.project) },
      agents: 'auto',
      analyzer: { model: 'offline', modelSource: 'measure-second-learn' },
      memoryFile: 'auto',
      scanCache: { root: cacheRoot },
    });
  });
}

try {
  const first = await learnOnce();
  const rules = (run) => run.projects.reduce((n, p) => n + p.learnings.length, 0);
  const summary = (run) => run.projects.map((p) => `${p.agents.reduce((n, a) => n + a.stats.toolCalls, 0)} calls, ${p.learnings.length} rules`).join('; ');
  const times = (run) => `${run.ms.toFixed(0)} ms (CPU ${run.cpuMs.toFixed(0)} ms)`;
  const runs = [{ ms: Math.round(first.ms), cpuMs: Math.round(first.cpuMs), rules: rules(first), same: true }];
  if (!values.json) console.log(`first Learn (empty cache):   ${times(first)}  ${summary(first)}`);
  for (let i = 0; i < Number(values.runs) - 1; i++) {
    const again = await learnOnce();
    const same = isDeepStrictEqual(again.projects, first.projects);
    runs.push({ ms: Math.round(again.ms), cpuMs: Math.round(again.cpuMs), rules: rules(again), same });
    if (!values.json) console.log(`Learn again (unchanged):     ${times(again)}  ${summary(again)}${same ? '' : '  DIFFERENT RESULT'}`);
  }
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  if (values.json) console.log(JSON.stringify({ runs, peakRssMb }));
  else console.log(`peak RSS of this process: ${peakRssMb} MB`);
} finally {
  rmSync(cacheRoot, { recursive: true, force: true });
}
