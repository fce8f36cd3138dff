// The extension's Learn without the editor: what a Learn costs after the host posts its request, run the way the
// extension runs it (src/extension/learn/runInWorker.ts: a new worker thread on dist/scanWorker.js, the request in
// its start message, the scan cache in the global storage folder), twice on the same project: the first Learn fills
// the cache, the second is what a user pressing Learn again on an unchanged history waits for.
// Prints {"projectPath", "runs": [{"wallMs", "cpuMs", "rules"}...]} as JSON.
//   node bench/secondLearn.mjs DIST_SCAN_WORKER_JS PROJECT_PATH CACHE_ROOT [RUNS]
import { Worker } from 'node:worker_threads';
import * as path from 'node:path';

const [script, projectPath, cacheRoot, runsArg] = process.argv.slice(2);
if (!script || !projectPath || !cacheRoot) {
  console.error('usage: node bench/secondLearn.mjs DIST_SCAN_WORKER_JS PROJECT_PATH CACHE_ROOT [RUNS]');
  process.exit(2);
}

function learnOnce() {
  const request = {
    type: 'learn',
    scope: { kind: 'project', projectPath },
    agents: 'auto',
    analyzer: { model: 'offline' },
    memoryFile: 'auto',
    scanCache: { root: cacheRoot },
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.resolve(script), { env: process.env });
    worker.on('message', (message) => {
      if (message.type === 'result' || message.type === 'findings') {
        const cpu = process.cpuUsage(cpuBefore);
        const rules = message.projects.reduce((sum, project) => sum + (project.learnings?.length ?? project.findings.length), 0);
        resolve({ wallMs: Math.round(performance.now() - started), cpuMs: Math.round((cpu.user + cpu.system) / 1000), rules });
        void worker.terminate();
      } else if (message.type === 'error') reject(new Error(message.message));
    });
    worker.on('error', reject);
    worker.postMessage(request);
  });
}

const runs = [];
for (let i = 0; i < Number(runsArg ?? 3); i++) runs.push(await learnOnce());
console.log(JSON.stringify({ projectPath, runs }));
