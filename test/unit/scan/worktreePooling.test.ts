// One project per repository: sessions recorded in a repository's worktrees are learned with it, once, and the rules
// name paths relative to the checkout they are written to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClaudeCodePlugin } from '../../../src/core/agents/claude/ClaudeCodePlugin.js';
import { CodexPlugin } from '../../../src/core/agents/codex/CodexPlugin.js';
import { learnProject } from '../../../src/core/pipeline/learnProject.js';
import { listLearnProjects } from '../../../src/core/pipeline/listLearnProjects.js';
import { runCli, safeEnv } from '../cli/cliHarness.js';
import { addRecordedSession, addSession, claudeEnvironment, makeGitRepository, makeGitWorktree, tempFolder, type ToolStep } from './worktreeHomes.js';

const plugins = [new ClaudeCodePlugin()];
/** test/fixtures/corpus/worktrees/: one real Claude Code record of each recorded folder. */
const CLAUDE_RECORDS = [
  'alisha-external-agents.jsonl',
  'alisha-wt-external-agents-code-review.jsonl',
  'dip-cli.jsonl',
  'gtrrz-cli-on-improve-status-cmd-output.jsonl',
  'gtrrz-improve-status-cmd-output.jsonl',
  'gtrrz-test-cli-cli.jsonl',
  'paul-cli.jsonl',
  'paul-completion-stanza-manager.jsonl',
];
const silent = { warn: () => undefined };

test('the corpus\'s recorded folders (gone, no .git): the two worktrees join their repositories, the clones stay apart', async () => {
  const home = tempFolder('wt-corpus');
  for (const fixture of CLAUDE_RECORDS) addRecordedSession(home, fixture);
  const listed = await listLearnProjects(plugins, claudeEnvironment(home), silent);
  assert.deepEqual(listed, [
    { projectPath: '/Users/alisha/Projects/external-agents', agents: ['claude'], worktrees: ['/Users/alisha/Projects/wt/external-agents-code-review'] },
    { projectPath: '/Users/dip/Repositories/cli', agents: ['claude'] },
    { projectPath: '/Users/gtrrz-victor/wks/cli', agents: ['claude'], worktrees: ['/Users/gtrrz-victor/wks/gtrrz-victor/improve-status-cmd-output'] },
    { projectPath: '/Users/gtrrz-victor/wks/test-cli/cli', agents: ['claude'] },
    { projectPath: '/Users/paul/src/entireio/cli', agents: ['claude'] },
    { projectPath: '/Users/paul/src/entireio/completion-stanza-manager', agents: ['claude'] },
  ]);
});

/** A Read of `wrong` that fails, then a Read of `right` that works: one path correction. */
function pathCorrection(checkout: string, wrong: string, right: string): ToolStep[] {
  return [
    { name: 'Read', input: { file_path: path.join(checkout, wrong) }, result: 'File does not exist.', isError: true },
    { name: 'Read', input: { file_path: path.join(checkout, right) }, result: '1\texport const money = 1;' },
  ];
}

/**
 * A repository with a `git worktree add` checkout whose path fits no naming convention (only its .git file tells),
 * one session in each making the same path mistake: alone neither reaches the two-session threshold.
 */
function repositoryWithWorktree(): { home: string; repo: string; worktree: string } {
  const root = tempFolder('wt-git');
  const home = path.join(root, 'home');
  const repo = path.join(root, 'code', 'shop');
  const worktree = path.join(root, 'scratch', 'pricing-work');
  makeGitRepository(repo);
  makeGitWorktree(repo, worktree);
  for (const checkout of [repo, worktree]) {
    fs.mkdirSync(path.join(checkout, 'lib'), { recursive: true });
    fs.writeFileSync(path.join(checkout, 'lib', 'money.ts'), 'export const money = 1;\n');
  }
  addSession(home, repo, 'main', 'aaaaaaaa-0000-4000-8000-000000000001', pathCorrection(repo, 'src/money.ts', 'lib/money.ts'), '2026-03-01T10:00:00.000Z');
  addSession(home, worktree, 'pricing', 'aaaaaaaa-0000-4000-8000-000000000002', pathCorrection(worktree, 'src/money.ts', 'lib/money.ts'), '2026-03-02T10:00:00.000Z');
  return { home, repo, worktree };
}

function ruleTexts(learned: { learnings: Array<{ text: string }> }): string[] {
  return learned.learnings.map((learning) => learning.text);
}

test('a worktree told by its .git file: one project, the evidence of both checkouts, paths relative to the repository', async () => {
  const { home, repo, worktree } = repositoryWithWorktree();
  const environment = claudeEnvironment(home);
  assert.deepEqual(await listLearnProjects(plugins, environment, silent), [{ projectPath: repo, agents: ['claude'], worktrees: [worktree] }]);

  const learned = await learnProject({ projectPath: repo, plugins, environment });
  assert.deepEqual(learned.pooledCheckouts, [worktree]);
  const finding = learned.findings.find((f) => f.category === 'file_path');
  assert.equal(finding?.sessions, 2, 'the mistake made in both checkouts is one finding seen in two sessions');
  const rules = ruleTexts(learned);
  assert.ok(rules.some((rule) => rule.includes('src/money.ts') && rule.includes('lib/money.ts')), rules.join('\n'));
  for (const rule of rules) assert.ok(!rule.includes(worktree) && !rule.includes(repo), `no checkout's absolute path: ${rule}`);
  assert.deepEqual(learned.proposals.filter((p) => p.kind === 'context').map((p) => p.path), [path.join(repo, 'CLAUDE.md')]);
});

test('--project <worktree>: the pooled evidence, written to the worktree\'s own files, with its own relative paths', async () => {
  const { home, repo, worktree } = repositoryWithWorktree();
  const learned = await learnProject({ projectPath: worktree, plugins, environment: claudeEnvironment(home) });
  assert.deepEqual(learned.pooledCheckouts, [repo]);
  assert.equal(learned.findings.find((f) => f.category === 'file_path')?.sessions, 2);
  const rules = ruleTexts(learned);
  assert.ok(rules.some((rule) => rule.includes('src/money.ts')), rules.join('\n'));
  for (const rule of rules) assert.ok(!rule.includes(repo), `no other checkout's path: ${rule}`);
  assert.deepEqual(learned.proposals.filter((p) => p.kind === 'context').map((p) => p.path), [path.join(worktree, 'CLAUDE.md')]);
});

test('two clones with their own .git folders never pool, even where a name and branch would fit a convention', async () => {
  const root = tempFolder('wt-clones');
  const home = path.join(root, 'home');
  const cli = path.join(root, 'wks', 'cli');
  const look = path.join(root, 'wks', 'cli-feature');
  const nested = path.join(root, 'wks', 'test-cli', 'cli');
  for (const clone of [cli, look, nested]) makeGitRepository(clone);
  addSession(home, cli, 'feature', 'bbbbbbbb-0000-4000-8000-000000000001', pathCorrection(cli, 'src/money.ts', 'lib/money.ts'));
  addSession(home, look, 'feature', 'bbbbbbbb-0000-4000-8000-000000000002', pathCorrection(look, 'src/money.ts', 'lib/money.ts'));
  addSession(home, nested, 'feature', 'bbbbbbbb-0000-4000-8000-000000000003', pathCorrection(nested, 'src/money.ts', 'lib/money.ts'));
  const listed = await listLearnProjects(plugins, claudeEnvironment(home), silent);
  assert.deepEqual(listed.map((entry) => [entry.projectPath, entry.worktrees]), [[cli, undefined], [look, undefined], [nested, undefined]]);
  const learned = await learnProject({ projectPath: cli, plugins, environment: claudeEnvironment(home) });
  assert.equal(learned.pooledCheckouts, undefined);
  assert.equal(learned.agents[0]?.stats.sessions, 1);
});

test('headroom-learn --all: one entry per repository, and the report names the worktrees pooled', async () => {
  const { home, repo, worktree } = repositoryWithWorktree();
  const env = safeEnv(home);
  const json = await runCli(['--all', '--json'], env);
  assert.equal(json.code, 0, json.err);
  const all = JSON.parse(json.out) as { projects: Array<{ projectPath: string; pooledCheckouts?: string[] }> };
  assert.deepEqual(all.projects.map((p) => [p.projectPath, p.pooledCheckouts]), [[repo, [worktree]]]);
  const text = await runCli(['--project', worktree], env);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, new RegExp(`with the sessions of 1 other checkout of its repository \\(git worktrees\\):\\n\\s+${repo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
});

test('Codex rollouts record the branch in session_meta.git: the listing carries it (a real agentv session_meta line)', async () => {
  const home = tempFolder('wt-codex');
  const codexHome = path.join(home, '.codex');
  const day = path.join(codexHome, 'sessions', '2026', '01', '01');
  fs.mkdirSync(day, { recursive: true });
  fs.copyFileSync(
    path.resolve(__dirname, '../../fixtures/corpus/worktrees/codex-agentv-session-meta.jsonl'),
    path.join(day, 'rollout-2026-01-01T00-00-00-019ed99c-d00d-7613-b2e7-d2f512f78afd.jsonl'),
  );
  const projects = await new CodexPlugin().listProjects({ home, env: { CODEX_HOME: codexHome } }, silent);
  assert.deepEqual(projects.map((p) => [p.projectPath, p.branches]), [['/home/entity/projects/EntityProcess/agentv', ['fix/openai-codex-target-env']]]);
});
