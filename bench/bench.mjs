// `npm run bench`: how fast and in how little memory headroom-learn reads a large history, in one run.
// Generates a realistic history (bench/generateHistory.mjs; default ~500 MB across Claude Code, Codex CLI and
// Gemini CLI, kept in the temp folder for the next run) and measures, with the built CLI:
//   cold scan (--no-cache when the CLI has it) time, MB/s and CPU: by default, on one thread, and on two parse threads;
//   the naive baseline (read each file, JSON.parse every line) and the cold scan's speed-up over it;
//   peak RSS at two history sizes (the default and twice it);
//   a warm re-scan with nothing changed, and a re-scan after appending to one session;
//   the full `learn` dry run (offline analyzer); the extension's activation; the bundles' sizes.
// Without the per-file cache a warm re-scan is a full scan: those rows then show that, honestly.
//   npm run bench -- [--size MB] [--corpus DIR] [--runs N] [--json]
// --runs N (default 3) runs each timed scan (naive, cold on each thread count, warm) N times, interleaved (one of
// each in turn, so a burst of load on a shared machine falls on all of them), and reports the median by wall time.
// --corpus DIR adds the real development corpus as a second input: DIR holds real-sessions.tar.xz (unpacked to a
// temp folder) or is an unpacked corpus (DIR/home/claude, DIR/home/codex). Exit code 1 only when a run fails.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendToClaudeSession, generateHistory } from './generateHistory.mjs';
import { runMeasured } from './runMeasured.mjs';

const TARGETS = { coldSpeedup: 5, corpusSpeedup: 3, peakRssMb: 120, warmShare: 0.05, activationMs: 50 };
const HISTORY_VERSION = 1;
const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
}
const USAGE = `Usage: npm run bench -- [--size MB] [--corpus DIR] [--runs N] [--json]
  --size MB     size of the generated history (default 500; kept in the temp folder for the next run)
  --corpus DIR  also measure the real development corpus (DIR/real-sessions.tar.xz, or DIR/home/{claude,codex})
  --runs N      runs of each timed scan, interleaved; the median is reported (default 3)
  --json        the report as JSON
`;
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const sizeMb = Number(option('--size', '500'));
const corpusDir = option('--corpus', undefined);
const runs = Number(option('--runs', '3'));
const asJson = process.argv.includes('--json');
if (!Number.isFinite(sizeMb) || sizeMb <= 0) {
  console.error('bench: --size takes a number of megabytes, e.g. --size 200');
  process.exit(2);
}
if (!Number.isInteger(runs) || runs < 1) {
  console.error('bench: --runs takes a whole number from 1, e.g. --runs 5');
  process.exit(2);
}
const log = (message) => process.stderr.write(`bench: ${message}\n`);

const hasNoCache = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout.includes('--no-cache');
const noCache = hasNoCache ? ['--no-cache'] : [];

function cliEnv(extra) {
  // No agent CLI or API key reaches the runs: the learn dry run uses the offline analyzer.
  return { PATH: path.dirname(process.execPath), NO_COLOR: '1', ...extra };
}

async function measure(label, args, env) {
  log(`${label} …`);
  const run = await runMeasured(args, env);
  if (run.status !== 0) {
    console.error(`bench: ${label} failed (exit ${run.status}):\n${run.stderr.slice(-4000)}`);
    process.exit(1);
  }
  return run;
}

/**
 * Each of `runs` (label → [args, env]) `runs` times, interleaved, and for each label the run of median wall time
 * (with `wallSeconds`: every run's wall time). Output must not differ from one run to the next.
 */
async function measureInterleaved(name, specs) {
  const all = Object.fromEntries(Object.keys(specs).map((label) => [label, []]));
  for (let pass = 1; pass <= runs; pass++) {
    for (const [label, [args, env]] of Object.entries(specs)) {
      all[label].push(await measure(`${name}: ${label}${runs > 1 ? ` (${pass}/${runs})` : ''}`, args, env));
    }
  }
  return Object.fromEntries(
    Object.entries(all).map(([label, list]) => {
      if (list.some((run) => run.stdout !== list[0].stdout)) throw new Error(`bench: ${name}: ${label} printed something else on another run`);
      const median = [...list].sort((a, b) => a.seconds - b.seconds)[Math.floor((list.length - 1) / 2)];
      return [label, { ...median, wallSeconds: list.map((run) => round(run.seconds)) }];
    }),
  );
}

function megabytesIn(dirs) {
  let bytes = 0;
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      if (/\.jsonl?$/.test(name)) bytes += statSync(path.join(dir, name)).size;
    }
  }
  return bytes / 1024 / 1024;
}

/** The history of `sizeMb`, generated once and kept in the temp folder (same content every time: seeded). */
async function historyHome(megabytes) {
  const home = path.join(os.tmpdir(), `headroom-bench-history-${megabytes}MB-v${HISTORY_VERSION}`);
  const done = path.join(home, '.complete.json');
  if (existsSync(done)) return { home, ...JSON.parse(readText(done)) };
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  log(`generating a ${megabytes} MB history in ${home} (once; later runs reuse it) …`);
  const history = await generateHistory(home, { megabytes });
  writeFileSync(done, JSON.stringify({ appendTarget: history.appendTarget }));
  return { home, appendTarget: history.appendTarget };
}

function readText(file) {
  return execFileSync(process.execPath, ['-e', `process.stdout.write(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`], { encoding: 'utf8' });
}

/** The scan, learn and baseline runs on one history. `dirs`: the session folders; `env`: where the agents' homes are. */
async function measureHistory(name, dirs, env, appendTarget) {
  const megabytes = megabytesIn(dirs);
  const cacheDir = env.XDG_CACHE_HOME;
  const clearCache = () => rmSync(cacheDir, { recursive: true, force: true });
  clearCache();
  const scan = [cli, 'scan', '--all', '--json'];
  const cold = await measureInterleaved(name, {
    'naive baseline': [[path.join(root, 'bench', 'naiveScan.mjs'), ...dirs], env],
    'cold scan': [[...scan, ...noCache], env],
    'cold scan on one thread': [[...scan, ...noCache], { ...env, HEADROOM_SCAN_THREADS: '1' }],
    'cold scan on two parse threads': [[...scan, ...noCache], { ...env, HEADROOM_SCAN_THREADS: '2' }],
  });
  clearCache();
  const first = await measure(`${name}: first scan (fills the cache, if any)`, scan, env);
  const { 'warm re-scan': warm } = await measureInterleaved(name, { 'warm re-scan': [scan, env] });
  let appended;
  if (appendTarget) {
    const before = statSync(appendTarget).size;
    const bytes = await appendToClaudeSession(appendTarget, 50);
    try {
      appended = { ...(await measure(`${name}: re-scan after appending to one session`, [cli, 'scan', '--all', '--json'], env)), appendedKb: bytes / 1024 };
    } finally {
      truncateSync(appendTarget, before); // the kept history stays as generated
    }
  }
  const extensionLearn = learnInExtensionWorker(name, largestProject(cold['cold scan'].stdout), env);
  clearCache();
  const learn = await measure(`${name}: learn --all dry run`, [cli, '--all', '--model', 'offline', '--json', ...noCache], env);
  const totals = JSON.parse(cold['cold scan'].stdout).totals ?? {};
  const calls = Object.values(totals).reduce((sum, agent) => sum + (agent.toolCalls ?? 0), 0);
  return {
    name,
    megabytes,
    calls,
    naive: cold['naive baseline'],
    cold: cold['cold scan'],
    serial: cold['cold scan on one thread'],
    twoThreads: cold['cold scan on two parse threads'],
    first,
    warm,
    appended,
    learn,
    extensionLearn,
  };
}

/** The project of a `scan --all --json` with the most tool calls. */
function largestProject(scanJson) {
  const calls = (project) => project.agents.reduce((sum, agent) => sum + agent.toolCalls, 0);
  return JSON.parse(scanJson).projects.reduce((best, project) => (!best || calls(project) > calls(best) ? project : best), undefined)?.projectPath;
}

/**
 * Learn on one project as the extension runs it (scripts/measure-second-learn.mjs: a new worker thread on
 * dist/scanWorker.js per Learn, the cache in a fresh folder), three times: the first fills the cache, the others
 * are a second Learn on an unchanged history (the fastest of them is reported; each must equal the first).
 */
function learnInExtensionWorker(name, projectPath, env) {
  if (!projectPath || !existsSync(path.join(root, 'dist', 'scanWorker.js'))) return undefined;
  log(`${name}: Learn in the extension's worker, three times on ${projectPath} …`);
  const out = execFileSync(process.execPath, [path.join(root, 'scripts', 'measure-second-learn.mjs'), '--project', projectPath, '--runs', '3', '--json'], { env, encoding: 'utf8' });
  const { runs, peakRssMb } = JSON.parse(out);
  if (runs.some((run) => !run.same)) throw new Error(`bench: a second Learn on ${projectPath} gave another result than the first`);
  const again = runs.slice(1).sort((a, b) => a.ms - b.ms)[0];
  return { projectPath, first: { wallMs: runs[0].ms, cpuMs: runs[0].cpuMs, peakRssMb }, second: { wallMs: again.ms, cpuMs: again.cpuMs } };
}

function activation() {
  const runs = Array.from({ length: 3 }, () => JSON.parse(execFileSync(process.execPath, [path.join(root, 'bench', 'activation.mjs'), path.join(root, 'dist', 'extension.js')], { encoding: 'utf8' })));
  const median = (values) => values.sort((a, b) => a - b)[1];
  return { loadMs: median(runs.map((r) => r.loadMs)), activateMs: median(runs.map((r) => r.activateMs)), error: runs.find((r) => r.activateError)?.activateError };
}

function bundleSizes() {
  return Object.fromEntries(['extension.js', 'extensionMain.js', 'scanWorker.js', 'parseWorker.js', 'cli.js', 'cliMain.js'].filter((f) => existsSync(path.join(root, 'dist', f))).map((f) => [f, statSync(path.join(root, 'dist', f)).size / 1024]));
}

const generated = await historyHome(sizeMb);
const generatedEnv = (home, cache) => cliEnv({ HOME: home, XDG_CACHE_HOME: cache });
const generatedDirs = (home) => [path.join(home, '.claude', 'projects'), path.join(home, '.codex', 'sessions'), path.join(home, '.gemini', 'tmp')];
const cacheRoot = mkdtempSync(path.join(os.tmpdir(), 'headroom-bench-cache-'));
const results = [await measureHistory(`generated ${sizeMb} MB`, generatedDirs(generated.home), generatedEnv(generated.home, path.join(cacheRoot, 'a')), generated.appendTarget)];

// Peak RSS at twice the history: the same sessions plus as many more, added for this run and removed after it.
log(`adding ${sizeMb} MB more sessions for the second history size …`);
const more = await generateHistory(generated.home, { megabytes: sizeMb, batch: 1 });
let larger;
try {
  const env = generatedEnv(generated.home, path.join(cacheRoot, 'b'));
  larger = { megabytes: megabytesIn(generatedDirs(generated.home)), cold: await measure(`generated ${2 * sizeMb} MB: cold scan`, [cli, 'scan', '--all', '--json', ...noCache], env) };
} finally {
  for (const file of more.files) rmSync(file, { force: true });
}

if (corpusDir) {
  let home = path.join(corpusDir, 'home');
  if (existsSync(path.join(corpusDir, 'real-sessions.tar.xz'))) {
    const unpacked = mkdtempSync(path.join(os.tmpdir(), 'headroom-bench-corpus-'));
    execFileSync('tar', ['-C', unpacked, '-xJf', path.join(corpusDir, 'real-sessions.tar.xz')]);
    home = path.join(unpacked, 'home');
  }
  const claude = path.join(home, 'claude');
  const codex = path.join(home, 'codex');
  const env = cliEnv({ HOME: mkdtempSync(path.join(os.tmpdir(), 'headroom-bench-home-')), CLAUDE_CONFIG_DIR: claude, CODEX_HOME: codex, XDG_CACHE_HOME: path.join(cacheRoot, 'corpus') });
  results.push(await measureHistory('real corpus', [path.join(claude, 'projects'), path.join(codex, 'sessions'), path.join(codex, 'archived_sessions')], env, undefined));
}
rmSync(cacheRoot, { recursive: true, force: true });

const report = {
  machine: { cpus: os.availableParallelism(), node: process.version, loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))) },
  runs,
  cache: hasNoCache ? 'the CLI has --no-cache: cold runs bypass the cache, warm runs use it' : 'no per-file cache in this build: warm re-scans are full scans',
  histories: results.map((r) => ({
    name: r.name,
    megabytes: round(r.megabytes),
    toolCalls: r.calls,
    naive: figures(r.naive, r.megabytes),
    coldScan: figures(r.cold, r.megabytes),
    coldScanOneThread: figures(r.serial, r.megabytes),
    coldScanTwoParseThreads: figures(r.twoThreads, r.megabytes),
    coldSpeedupOverNaive: round(r.naive.seconds / r.cold.seconds),
    firstScanFillingTheCache: figures(r.first, r.megabytes),
    warmRescan: { ...figures(r.warm, r.megabytes), shareOfCold: round(r.warm.seconds / r.cold.seconds) },
    rescanAfterAppend: r.appended ? { ...figures(r.appended, r.megabytes), appendedKb: round(r.appended.appendedKb) } : undefined,
    learnDryRun: figures(r.learn, r.megabytes),
    extensionLearn: r.extensionLearn,
  })),
  peakRss: { [`${round(results[0].megabytes)} MB`]: round(results[0].cold.peakRssMb), [`${round(larger.megabytes)} MB`]: round(larger.cold.peakRssMb) },
  largerColdScan: figures(larger.cold, larger.megabytes),
  activation: activation(),
  bundleKb: Object.fromEntries(Object.entries(bundleSizes()).map(([k, v]) => [k, Math.round(v)])),
  targets: TARGETS,
};

function round(value) {
  return Number(value.toFixed(value >= 100 ? 0 : 2));
}
function figures(run, megabytes) {
  const figures = { seconds: round(run.seconds), cpuSeconds: round(run.cpuSeconds), megabytesPerSecond: round(megabytes / run.seconds), peakRssMb: round(run.peakRssMb) };
  return run.wallSeconds ? { ...figures, wallSecondsOfEachRun: run.wallSeconds } : figures;
}

if (asJson) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const rows = [];
  const row = (what, value, target = '') => rows.push([what, value, target]);
  for (const h of report.histories) {
    row(`${h.name}: ${h.megabytes} MB, ${h.toolCalls} tool calls`, '');
    row('  cold scan', `${h.coldScan.seconds} s · ${h.coldScan.megabytesPerSecond} MB/s · CPU ${h.coldScan.cpuSeconds} s · RSS ${h.coldScan.peakRssMb} MB`);
    row('  cold scan, one thread', `${h.coldScanOneThread.seconds} s · ${h.coldScanOneThread.megabytesPerSecond} MB/s · CPU ${h.coldScanOneThread.cpuSeconds} s · RSS ${h.coldScanOneThread.peakRssMb} MB`);
    row('  cold scan, two parse threads', `${h.coldScanTwoParseThreads.seconds} s · ${h.coldScanTwoParseThreads.megabytesPerSecond} MB/s · CPU ${h.coldScanTwoParseThreads.cpuSeconds} s · RSS ${h.coldScanTwoParseThreads.peakRssMb} MB`);
    row('  naive baseline', `${h.naive.seconds} s · ${h.naive.megabytesPerSecond} MB/s · CPU ${h.naive.cpuSeconds} s · RSS ${h.naive.peakRssMb} MB`);
    const speedTarget = h.name === 'real corpus' ? TARGETS.corpusSpeedup : TARGETS.coldSpeedup;
    row('  cold scan speed-up over naive', `${h.coldSpeedupOverNaive}×`, `≥ ${speedTarget}× ${h.coldSpeedupOverNaive >= speedTarget ? 'met' : 'missed'}`);
    row('  first scan with the cache (fills it)', `${h.firstScanFillingTheCache.seconds} s · CPU ${h.firstScanFillingTheCache.cpuSeconds} s · RSS ${h.firstScanFillingTheCache.peakRssMb} MB`);
    row('  warm re-scan, nothing changed', `${h.warmRescan.seconds} s (${Math.round(h.warmRescan.shareOfCold * 100)}% of cold)`, `≤ 5% ${h.warmRescan.shareOfCold <= TARGETS.warmShare ? 'met' : 'missed'}`);
    if (h.rescanAfterAppend) row(`  re-scan after appending ${h.rescanAfterAppend.appendedKb} KB to one session`, `${h.rescanAfterAppend.seconds} s`);
    row('  learn --all dry run (offline)', `${h.learnDryRun.seconds} s · RSS ${h.learnDryRun.peakRssMb} MB`);
    const x = h.extensionLearn;
    if (x) {
      row(`  extension Learn of its largest project, first (fills the cache)`, `${x.first.wallMs} ms · CPU ${x.first.cpuMs} ms${x.first.peakRssMb ? ` · RSS ${x.first.peakRssMb} MB` : ''}`);
      row('  extension Learn again, nothing changed', `${x.second.wallMs} ms · CPU ${x.second.cpuMs} ms`, `< 1,000 ms ${x.second.wallMs < 1000 ? 'met' : 'missed'}`);
    }
  }
  for (const [size, mb] of Object.entries(report.peakRss)) row(`peak RSS of the cold scan, ${size} history`, `${mb} MB`, `≤ ${TARGETS.peakRssMb} MB ${mb <= TARGETS.peakRssMb ? 'met' : 'missed'}`);
  row(`cold scan of the ${round(larger.megabytes)} MB history`, `${report.largerColdScan.seconds} s · ${report.largerColdScan.megabytesPerSecond} MB/s`);
  const a = report.activation;
  row('extension: load dist/extension.js', `${Math.round(a.loadMs)} ms`);
  row('extension: activate()', `${a.activateMs.toFixed(1)} ms${a.error ? ` (stopped: ${a.error})` : ''}`, `load + activate < ${TARGETS.activationMs} ms ${a.loadMs + a.activateMs < TARGETS.activationMs ? 'met' : 'missed'}`);
  row('bundles', Object.entries(report.bundleKb).map(([f, kb]) => `${f} ${kb} KB`).join(' · '));
  const width = Math.max(...rows.map((r) => r[0].length));
  const width2 = Math.max(...rows.map((r) => r[1].length));
  console.log(`${report.machine.cpus} cores · Node ${report.machine.node} · load average ${report.machine.loadAverage.join(' ')} · ${report.cache} · timed scans: median of ${runs} interleaved runs`);
  for (const [what, value, target] of rows) console.log(`${what.padEnd(width)}  ${value.padEnd(width2)}  ${target}`);
}
