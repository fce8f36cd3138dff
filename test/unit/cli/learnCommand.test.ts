import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './cliHarness.js';
import type { LearnJson } from '../../../src/cli/learnCommand.js';
import { citesCall } from '../correlate/evidenceRecords.js';

interface FakeCall {
  name: string;
  input: Record<string, unknown>;
  result: string;
  isError?: boolean;
}

/** Writes a Claude Code session (tool_use + tool_result records) for `project` under a fake home. */
function writeClaudeSession(home: string, project: string, sessionId: string, calls: FakeCall[]): void {
  const folder = path.join(home, '.claude', 'projects', project.replace(/[^A-Za-z0-9]/g, '-'));
  fs.mkdirSync(folder, { recursive: true });
  const base = { cwd: project, sessionId, version: '2.1.29', userType: 'external', isSidechain: false };
  const lines = calls.flatMap((call, i) => {
    const id = `toolu_${sessionId}_${i}`;
    const time = `2026-02-0${sessionId.length % 9}T10:${String(i).padStart(2, '0')}:00.000Z`;
    return [
      { ...base, type: 'assistant', uuid: `a-${id}`, timestamp: time, message: { id: `msg_${id}`, role: 'assistant', content: [{ type: 'tool_use', id, name: call.name, input: call.input }] } },
      {
        ...base,
        type: 'user',
        uuid: `u-${id}`,
        timestamp: time,
        message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: call.result, ...(call.isError ? { is_error: true } : {}) }] },
      },
    ];
  });
  fs.writeFileSync(path.join(folder, `${sessionId}.jsonl`), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

function fixture() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'learn-cli-'));
  const home = path.join(root, 'home');
  const project = path.join(root, 'proj');
  fs.mkdirSync(path.join(project, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(project, 'lib', 'foo.ts'), 'a\nb\nc\n');
  for (const id of ['sess-one', 'sess-two']) {
    writeClaudeSession(home, project, id, [
      { name: 'Bash', input: { command: 'python3 gen.py' }, result: "Exit code 1\nModuleNotFoundError: No module named 'yaml'", isError: true },
      { name: 'Bash', input: { command: 'uv run python gen.py' }, result: 'done' },
      { name: 'Read', input: { file_path: path.join(project, 'src', 'foo.ts') }, result: 'File does not exist.', isError: true },
      { name: 'Read', input: { file_path: path.join(project, 'lib', 'foo.ts') }, result: '1\ta' },
    ]);
  }
  return { home, project };
}

function run(argv: string[], home: string) {
  return runCli(argv, { HOME: home, NO_COLOR: '1' });
}

test('headroom-learn --project P --json: totals, corrections, findings with evidence, rules and waste', async () => {
  const { home, project } = fixture();
  const { code, out, err } = await run(['--project', project, '--agent', 'claude', '--json'], home);
  assert.equal(code, 0, err);
  const json = JSON.parse(out) as LearnJson;
  assert.deepEqual(
    { sessions: json.totals.claude.sessions, toolCalls: json.totals.claude.toolCalls, failed: json.totals.claude.failed },
    { sessions: 2, toolCalls: 8, failed: 4 },
  );
  assert.deepEqual(json.corrections.map((c) => c.kind).sort(), ['launcher', 'launcher', 'path', 'path']);
  for (const c of json.corrections) {
    for (const ref of [c.failed, c.fixed]) assert.deepEqual(Object.keys(ref).filter((k) => ['file', 'line', 'sessionId', 'tool', 'input', 'outcome'].includes(k)).length, 6);
  }
  assert.deepEqual(
    json.findings.map((f) => [f.category, f.target, f.occurrences, f.sessions, f.proposed]),
    [
      ['environment', 'context', 2, 2, true],
      ['file_path', 'context', 2, 2, true],
    ],
  );
  assert.equal(json.findings[1].rule, '`src/foo.ts` → actually at `lib/foo.ts`');
  assert.deepEqual(json.rules.map((r) => r.heading), ['Environment', 'File Path Corrections']);
  assert.equal(json.waste.failedCalls, 4);
  assert.ok(json.waste.preventableOutputBytes > 0 && json.waste.preventableOutputTokens === Math.round(json.waste.preventableOutputBytes / 4));
  const refs = [...json.corrections.flatMap((c) => [c.failed, c.fixed]), ...json.findings.flatMap((f) => f.evidence)];
  for (const ref of refs) assert.ok(citesCall(ref), `${ref.file}:${ref.line} holds ${ref.callId}`);
});

test('headroom-learn with no subcommand prints the analyzer, the diff of CLAUDE.md and MEMORY.md, and a summary', async () => {
  const { home, project } = fixture();
  const { code, out } = await run(['--project', project], home);
  assert.equal(code, 0);
  assert.match(out, /4 corrections \(failure → fix\): launcher 2, path 2/);
  assert.match(out, /^Analyzer: offline — offline, because no --model/m);
  assert.match(out, /new file: .*\/proj\/CLAUDE.md \(\d+ lines\)/);
  assert.match(out, /^\+### File Path Corrections$/m);
  assert.match(out, /^\+- `src\/foo.ts` → actually at `lib\/foo.ts`$/m);
  assert.match(out, /CLAUDE.md \(Claude Code, context\): new file, \d+ lines · rules: 0 kept, 2 added, 0 removed/);
  assert.match(out, /Estimated preventable waste: \d+ B \(~\d+ tokens\) of output in 4 calls/);
  assert.ok(!fs.existsSync(path.join(project, 'CLAUDE.md')), 'a dry run writes nothing');
});

test('a path that is gone from the project is reported as a dropped rule', async () => {
  const { home, project } = fixture();
  fs.rmSync(path.join(project, 'lib', 'foo.ts'));
  const { out } = await run(['--project', project], home);
  assert.match(out, /✗ no longer true in the project: 1\n {6}`src\/foo.ts` → actually at `lib\/foo.ts`\n {8}— lib\/foo.ts does not exist in the project now/);
  assert.doesNotMatch(out, /^\+- `src\/foo.ts`/m);
});

test('scan stays a subcommand, --help shows the learn usage, bad flags are usage errors', async () => {
  const { home, project } = fixture();
  const scan = await run(['scan', '--project', project, '--json'], home);
  assert.equal(scan.code, 0);
  assert.equal(JSON.parse(scan.out).totals.claude.sessions, 2);
  const help = await run(['--help'], home);
  assert.match(help.out, /Usage: headroom-learn \[--project PATH \| --all\] \[--apply\]/);
  const bad = await run(['--bogus'], home);
  assert.equal(bad.code, 2);
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-v']) {
    const version = await run([flag], home);
    assert.deepEqual([version.code, version.out, version.err], [0, `headroom-learn ${manifest.version}\n`, ''], flag);
  }
  const missing = await run(['--project', path.join(project, 'nope')], home);
  assert.equal(missing.code, 1);
});
