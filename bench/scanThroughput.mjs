// Benchmark: how fast, and in how little memory, `headroom-learn scan` streams a large history.
// Generates a ~100 MB Claude Code session (50,000 tool calls, 1 in 10 failing, one 20 MB line)
// plus a Codex rollout of the same size into a temporary home, then runs the built CLI on it
// and reports throughput and peak memory against the targets below. Exit code 1 if a target is missed.
// Memory grows with the number of calls kept for correlation (about 2.5 KB each); the log size itself is streamed.
//   npm run bench            (builds first)
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import * as os from 'node:os';
import * as path from 'node:path';

const TARGETS = { minMegabytesPerSecond: 15, maxPeakRssMegabytes: 450 };
const CALLS = Number(process.env.BENCH_CALLS ?? 50_000);
const root = path.resolve(import.meta.dirname, '..');
const home = mkdtempSync(path.join(os.tmpdir(), 'headroom-bench-'));
const project = path.join(home, 'work', 'shop');
mkdirSync(project, { recursive: true });

async function writeLines(file, count, lineFor) {
  const out = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    if (!out.write(lineFor(i))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const filler = 'x'.repeat(900);
const claudeDir = path.join(home, '.claude', 'projects', project.replace(/[^A-Za-z0-9]/g, '-'));
mkdirSync(claudeDir, { recursive: true });
const claudeFile = path.join(claudeDir, '11111111-2222-4333-8444-555555555555.jsonl');
const base = { sessionId: '11111111-2222-4333-8444-555555555555', cwd: project, version: '2.1.40', type: 'assistant' };
await writeLines(claudeFile, CALLS, (i) => {
  const id = `toolu_${i}`;
  const failed = i % 10 === 0;
  const use = { ...base, uuid: `a${i}`, timestamp: new Date(1_760_000_000_000 + i * 1000).toISOString(), message: { role: 'assistant', content: [{ type: 'tool_use', id, name: 'Bash', input: { command: `python3 -m pytest tests/test_${i % 50}.py` } }] } };
  const content = failed ? `Exit code 1\nModuleNotFoundError: No module named 'fastapi'\n${filler}` : `ok ${filler}`;
  const result = { ...base, type: 'user', uuid: `u${i}`, timestamp: use.timestamp, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content, is_error: failed }] } };
  const huge = i === Math.floor(CALLS / 2) ? `${JSON.stringify({ ...base, type: 'user', uuid: 'big', message: { role: 'user', content: 'y'.repeat(20 * 1024 * 1024) } })}\n` : '';
  return `${JSON.stringify(use)}\n${JSON.stringify(result)}\n${huge}`;
});

const codexDir = path.join(home, '.codex', 'sessions', '2026', '11', '20');
mkdirSync(codexDir, { recursive: true });
const codexFile = path.join(codexDir, 'rollout-2026-11-20T10-00-00-019a0000-0000-7000-8000-000000000001.jsonl');
const meta = { timestamp: '2026-11-20T10:00:00.000Z', type: 'session_meta', payload: { id: '019a0000-0000-7000-8000-000000000001', timestamp: '2026-11-20T10:00:00.000Z', cwd: project, originator: 'codex_cli_rs', cli_version: '0.123.0' } };
writeFileSync(codexFile, `${JSON.stringify(meta)}\n`);
await writeLines(codexFile + '.part', CALLS, (i) => {
  const call = { timestamp: '2026-11-20T10:00:01.000Z', type: 'response_item', payload: { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: `npm test -- ${i}` }), call_id: `call_${i}` } };
  const code = i % 10 === 0 ? 1 : 0;
  const output = { timestamp: '2026-11-20T10:00:02.000Z', type: 'response_item', payload: { type: 'function_call_output', call_id: `call_${i}`, output: `Chunk ID: ab\nWall time: 0.1 seconds\nProcess exited with code ${code}\nOriginal token count: 10\nOutput:\n${filler}` } };
  return `${JSON.stringify(call)}\n${JSON.stringify(output)}\n`;
});
spawnSync('sh', ['-c', `cat "${codexFile}.part" >> "${codexFile}" && rm "${codexFile}.part"`]);

const bytes = statSync(claudeFile).size + statSync(codexFile).size;
const probe = path.join(home, 'peak-rss.cjs');
writeFileSync(probe, "process.on('exit', () => process.stderr.write(`\\nPEAK_RSS_KB=${process.resourceUsage().maxRSS}\\n`));\n");

const started = process.hrtime.bigint();
const run = spawnSync(process.execPath, ['--require', probe, path.join(root, 'dist', 'cli.js'), 'scan', '--project', project, '--json'], {
  env: { PATH: process.env.PATH, HOME: home },
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
rmSync(home, { recursive: true, force: true });
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(1);
}
const totals = JSON.parse(run.stdout).totals;
const peakMb = Number(/PEAK_RSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024;
const mbPerSecond = bytes / 1024 / 1024 / seconds;
console.log(`scanned ${(bytes / 1024 / 1024).toFixed(0)} MB (${totals.claude.toolCalls + totals.codex.toolCalls} tool calls, ${totals.claude.failed + totals.codex.failed} failed, ${totals.claude.skippedLines} oversized line skipped) in ${seconds.toFixed(2)} s`);
console.log(`throughput ${mbPerSecond.toFixed(1)} MB/s (target ≥ ${TARGETS.minMegabytesPerSecond}), peak RSS ${peakMb.toFixed(0)} MB (target ≤ ${TARGETS.maxPeakRssMegabytes})`);
const ok = mbPerSecond >= TARGETS.minMegabytesPerSecond && peakMb <= TARGETS.maxPeakRssMegabytes && totals.claude.skippedLines === 1;
console.log(ok ? 'bench: targets met' : 'bench: TARGET MISSED');
process.exit(ok ? 0 : 1);
