// Runs a Node script in a child process and measures it: wall time, CPU time (every thread of the process, worker
// threads included) and peak resident memory, read by a preloaded probe when the process exits.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const probe = path.join(mkdtempSync(path.join(os.tmpdir(), 'headroom-bench-probe-')), 'probe.cjs');
writeFileSync(
  probe,
  "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`\\nHEADROOM_BENCH_USAGE=${JSON.stringify({ rssKb: u.maxRSS, cpuUs: u.userCPUTime + u.systemCPUTime })}\\n`); });\n",
);

/** { seconds, cpuSeconds, peakRssMb, stdout, stderr, status } of `node <args>` with `env`. */
export function runMeasured(args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--require', probe, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const stderr = Buffer.concat(err).toString('utf8');
      const usage = JSON.parse(/HEADROOM_BENCH_USAGE=(\{.*\})/.exec(stderr)?.[1] ?? '{"rssKb":0,"cpuUs":0}');
      resolve({ seconds, cpuSeconds: usage.cpuUs / 1e6, peakRssMb: usage.rssKb / 1024, stdout: Buffer.concat(out).toString('utf8'), stderr, status });
    });
  });
}
