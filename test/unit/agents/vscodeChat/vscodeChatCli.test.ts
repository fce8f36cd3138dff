import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli, safeEnv, tempDir } from '../../cli/cliHarness.js';
import { INSIDERS_STORAGE } from './vscodeChatFixture.js';

const SESSION = path.join(INSIDERS_STORAGE, 'a0a0a0a0-1111-4222-8333-444455556666.json');

/** A home whose VS Code storage for `project` holds the fixture's terminal session twice (two sessions, same mistake). */
function homeFor(project: string): string {
  const home = tempDir('vscode-chat-home-');
  const storage = path.join(home, '.config', 'Code', 'User', 'workspaceStorage', '3f3f3f3f');
  fs.mkdirSync(path.join(storage, 'chatSessions'), { recursive: true });
  fs.writeFileSync(path.join(storage, 'workspace.json'), JSON.stringify({ folder: pathToFileURL(project).href }));
  const session = JSON.parse(fs.readFileSync(SESSION, 'utf8')) as { sessionId: string; creationDate: number };
  for (const [i, id] of ['d4d4d4d4-0000-4000-8000-000000000001', 'd4d4d4d4-0000-4000-8000-000000000002'].entries()) {
    const copy = { ...session, sessionId: id, creationDate: session.creationDate + i * 86_400_000 };
    // Each session's calls have their own ids, as VS Code's are UUIDs.
    fs.writeFileSync(path.join(storage, 'chatSessions', `${id}.json`), JSON.stringify(copy, null, 2).replaceAll('"call-', `"s${i}-call-`));
  }
  return home;
}

test('--agent vscode-chat --apply writes the rule into .github/copilot-instructions.md, the user\'s own text kept byte for byte', async () => {
  const project = tempDir('vscode-chat-project-');
  const home = homeFor(project);
  const instructions = path.join(project, '.github', 'copilot-instructions.md');
  fs.mkdirSync(path.dirname(instructions));
  const own = '\uFEFF# Copilot instructions\r\n\r\nUse tabs.\r\nNo final newline here';
  fs.writeFileSync(instructions, own);

  const run = await runCli(['--project', project, '--agent', 'vscode-chat', '--apply'], safeEnv(home));
  assert.equal(run.code, 0, run.err + run.out);
  const written = fs.readFileSync(instructions, 'utf8');
  assert.ok(written.startsWith(own), 'the text outside the marker section is unchanged');
  const section = written.slice(own.length);
  assert.match(section, /^\r\n\r\n<!-- headroom:learn:start -->\r\n## Headroom Learned Patterns\r\n/);
  // The user denied `git push --force` in both sessions (isConfirmed: false): a standing preference.
  assert.match(section, /User rejected `git push` 2 times/);
  assert.match(section, /<!-- headroom:learn:end -->\r\n$/);
  assert.equal(fs.existsSync(path.join(project, 'AGENTS.md')), false, 'no other agent had sessions, so no other file is written');

  const again = await runCli(['--project', project, '--agent', 'vscode-chat', '--apply'], safeEnv(home));
  assert.equal(again.code, 0);
  assert.equal(fs.readFileSync(instructions, 'utf8'), written, 'a second run with the same evidence leaves the file as it is');
});

test('scan --all --json lists VS Code chat with exact counts, and --agent accepts its name', async () => {
  const project = tempDir('vscode-chat-project-');
  const home = homeFor(project);
  const run = await runCli(['scan', '--all', '--agent', 'vscode-chat', '--json'], safeEnv(home));
  assert.equal(run.code, 0, run.err);
  const report = JSON.parse(run.out) as { projects: Array<{ projectPath: string; agents: Array<Record<string, unknown>> }> };
  assert.deepEqual(report.projects.map((p) => p.projectPath), [project]);
  const agent = report.projects[0]!.agents[0]!;
  assert.deepEqual(
    { agent: agent.agent, displayName: agent.displayName, sessions: agent.sessions, toolCalls: agent.toolCalls, failed: agent.failed, rejected: agent.rejected, skippedLines: agent.skippedLines },
    { agent: 'vscode-chat', displayName: 'VS Code chat', sessions: 2, toolCalls: 6, failed: 2, rejected: 2, skippedLines: 2 },
  );
  const auto = await runCli(['scan', '--all'], safeEnv(home));
  assert.match(auto.out, /VS Code chat/);
});
