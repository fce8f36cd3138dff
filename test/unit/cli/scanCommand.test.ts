import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './cliHarness.js';
import type { ScanJson } from '../../../src/cli/scanCommand.js';

const REPO = path.resolve(__dirname, '../../..');
const DEMO_PROJECT = path.join(REPO, 'examples', 'demo', 'project');
const FIXTURES = path.join(REPO, 'test', 'fixtures');

async function run(args: string[], env: Record<string, string>, cwd = REPO): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, out, err } = await runCli(args, env, cwd);
  return { code, stdout: out, stderr: err };
}

async function demoHome(): Promise<string> {
  const { materializeDemoHome } = (await import(path.join(REPO, 'scripts', 'demoHome.mjs'))) as {
    materializeDemoHome(o: { targetHome: string; projectPath?: string }): Promise<unknown>;
  };
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-demo-'));
  await materializeDemoHome({ targetHome: home, projectPath: DEMO_PROJECT });
  return home;
}

/** One home holding every built-in agent's fixture folders, with several projects. */
function combinedFixtureHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-all-'));
  fs.cpSync(path.join(FIXTURES, 'claude', 'home', '.claude'), path.join(home, '.claude'), { recursive: true, verbatimSymlinks: true });
  fs.cpSync(path.join(FIXTURES, 'codex', 'home', '.codex'), path.join(home, '.codex'), { recursive: true, verbatimSymlinks: true });
  fs.cpSync(path.join(FIXTURES, 'gemini', 'home', '.gemini'), path.join(home, '.gemini'), { recursive: true, verbatimSymlinks: true });
  fs.cpSync(path.join(FIXTURES, 'codebuddy', 'home', '.codebuddy'), path.join(home, '.codebuddy'), { recursive: true, verbatimSymlinks: true });
  fs.cpSync(path.join(FIXTURES, 'grok', 'home', '.grok'), path.join(home, '.grok'), { recursive: true, verbatimSymlinks: true });
  return home;
}

test('scan --project --json on the demo gives each agent its totals at totals.<agent>', async () => {
  const home = await demoHome();
  const { code, stdout } = await run(['scan', '--project', DEMO_PROJECT, '--json'], { HOME: home });
  assert.equal(code, 0);
  const json = JSON.parse(stdout) as ScanJson;
  // The figures examples/demo/README.md plants: Claude 3 sessions + 1 subagent transcript, Codex 2, Gemini 2.
  const pick = (agent: string) => {
    const t = json.totals[agent];
    return { sessions: t.sessions, toolCalls: t.toolCalls, failed: t.failed, rejected: t.rejected, interrupted: t.interrupted, skippedLines: t.skippedLines };
  };
  assert.deepEqual(pick('claude'), { sessions: 4, toolCalls: 66, failed: 20, rejected: 3, interrupted: 1, skippedLines: 0 });
  assert.deepEqual(pick('codex'), { sessions: 2, toolCalls: 28, failed: 9, rejected: 2, interrupted: 0, skippedLines: 0 });
  assert.deepEqual(pick('gemini'), { sessions: 2, toolCalls: 16, failed: 4, rejected: 2, interrupted: 0, skippedLines: 0 });
  assert.equal(json.projects.length, 1);
  assert.equal(json.projects[0].projectPath, DEMO_PROJECT);
});

test('scan --agent codex scans only Codex', async () => {
  const home = await demoHome();
  const { code, stdout } = await run(['scan', '--project', DEMO_PROJECT, '--agent', 'codex', '--json'], { HOME: home });
  assert.equal(code, 0);
  assert.deepEqual(Object.keys((JSON.parse(stdout) as ScanJson).totals), ['codex']);
});

test('scan without --project scans the current directory, and text mode names each agent with its most common errors', async () => {
  const home = await demoHome();
  const { code, stdout } = await run(['scan'], { HOME: home, NO_COLOR: '1' }, DEMO_PROJECT);
  assert.equal(code, 0);
  assert.match(stdout, /Claude Code\s+4 sessions \(1 subagent\) · 66 tool calls · 20 failed · 3 rejected · 1 interrupted · 0 lines skipped/);
  assert.match(stdout, /Codex CLI\s+2 sessions · 28 tool calls · 9 failed/);
  assert.match(stdout, /Gemini CLI\s+2 sessions · 16 tool calls · 4 failed/);
  assert.match(stdout, /most common errors: exit_code 8, file_not_found 6/);
});

test('scan --all groups every agent\'s sessions by the project path the logs record', async () => {
  const home = combinedFixtureHome();
  const { code, stdout } = await run(['scan', '--all', '--json'], { HOME: home });
  assert.equal(code, 0);
  const json = JSON.parse(stdout) as ScanJson;
  const agentsOf = new Map(json.projects.map((p) => [p.projectPath, p.agents.map((a) => a.agent)]));
  assert.ok(json.projects.length >= 4, `expected several projects, got ${[...agentsOf.keys()].join(', ')}`);
  for (const agent of ['claude', 'codex', 'gemini', 'codebuddy', 'grok']) {
    assert.ok(json.totals[agent]?.sessions > 0, `${agent} has sessions in the fixture home`);
    const summed = json.projects.flatMap((p) => p.agents.filter((a) => a.agent === agent)).reduce((n, a) => n + a.toolCalls, 0);
    assert.equal(json.totals[agent].toolCalls, summed, `totals.${agent} is the sum over projects`);
  }
  // No project is listed twice, and every project path is absolute as recorded.
  assert.equal(new Set(json.projects.map((p) => p.projectPath)).size, json.projects.length);
});

test('--agent codebuddy and --agent grok scan only that agent, with its exact counts', async () => {
  const home = combinedFixtureHome();
  const shop = (json: ScanJson) => json.projects.find((p) => p.projectPath === '/home/dev/shop')!.agents.map((a) => [a.agent, a.sessions, a.toolCalls, a.failed, a.rejected, a.interrupted]);
  const codebuddy = JSON.parse((await run(['scan', '--all', '--agent', 'codebuddy', '--json'], { HOME: home })).stdout) as ScanJson;
  assert.deepEqual(Object.keys(codebuddy.totals), ['codebuddy']);
  assert.deepEqual(shop(codebuddy), [['codebuddy', 2, 8, 2, 1, 1]]);
  const grok = JSON.parse((await run(['scan', '--all', '--agent', 'grok', '--json'], { HOME: home })).stdout) as ScanJson;
  assert.deepEqual(Object.keys(grok.totals), ['grok']);
  assert.deepEqual(shop(grok), [['grok', 2, 7, 2, 1, 2]]);
});

test('a damaged or unreadable session is reported and the scan still finishes', async () => {
  const home = await demoHome();
  const claudeProjects = path.join(home, '.claude', 'projects');
  const [projectDir] = fs.readdirSync(claudeProjects);
  const sessionDir = path.join(claudeProjects, projectDir);
  const [firstSession] = fs.readdirSync(sessionDir).filter((f) => f.endsWith('.jsonl'));
  // Garbage line in the middle and a truncated last line, in a copy of a real session.
  const original = fs.readFileSync(path.join(sessionDir, firstSession), 'utf8').trimEnd().split('\n');
  const damaged = [original[0], 'this is not json', ...original.slice(1), original[1].slice(0, 40)].join('\n');
  fs.writeFileSync(path.join(sessionDir, firstSession), damaged);
  // A "session" that cannot be read at all.
  fs.symlinkSync(path.join(home, 'missing-target.jsonl'), path.join(sessionDir, '0000dead-0000-4000-8000-000000000000.jsonl'));
  const { code, stdout, stderr } = await run(['scan', '--project', DEMO_PROJECT, '--agent', 'claude'], { HOME: home, NO_COLOR: '1' });
  assert.equal(code, 0);
  assert.match(stdout, /Claude Code\s+4 sessions .* 2 lines skipped/);
  assert.match(stderr, /not JSON|truncated/i);
  assert.match(stderr, /0000dead-0000-4000-8000-000000000000\.jsonl/);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
});

test('bad input is one clear line with exit code 2 (usage) or 1 (failure), never a stack trace', async () => {
  const both = await run(['scan', '--all', '--project', '.'], { HOME: os.tmpdir() });
  assert.equal(both.code, 2);
  assert.match(both.stderr, /either --project or --all/);
  const agent = await run(['scan', '--agent', 'windsurf'], { HOME: os.tmpdir() });
  assert.equal(agent.code, 2);
  assert.match(agent.stderr, /Unknown agent "windsurf"\. Choose one of: auto, claude, codex, gemini, vscode-chat, cline, roo, codebuddy, grok, opencode, cursor\./);
  const flag = await run(['scan', '--frobnicate'], { HOME: os.tmpdir() });
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /--frobnicate/);
  const missing = await run(['scan', '--project', '/no/such/folder'], { HOME: os.tmpdir() });
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  assert.match(missing.stderr, /\/no\/such\/folder does not exist/);
});

test('no sessions at all says where sessions are looked for', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-empty-'));
  const { code, stdout } = await run(['scan', '--project', home], { HOME: home, NO_COLOR: '1' });
  assert.equal(code, 0);
  assert.match(stdout, /No Claude Code, Codex CLI, Gemini CLI, .* or Cursor sessions found/);
});
