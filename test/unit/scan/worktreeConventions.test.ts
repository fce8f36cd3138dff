// Telling a worktree from its repository: git's own files when the folder is there, the recorded path and branch
// when it is gone (the corpus's folders are recreated without .git), and text recorded in a worktree rewritten to
// the checkout learned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ParsedSession } from '../../../src/core/agents/plugin.js';
import { listedWorktrees, readGitCheckout } from '../../../src/core/scan/worktrees/gitCheckout.js';
import { checkoutRebaser, rebaseSession } from '../../../src/core/scan/worktrees/rebaseCheckoutPaths.js';
import { worktreeByConvention, type RecordedCheckout } from '../../../src/core/scan/worktrees/worktreeConventions.js';
import { makeGitRepository, makeGitWorktree, tempFolder } from './worktreeHomes.js';

// The recorded folders and branches of the corpus (test/fixtures/corpus/worktrees/README.md).
const alishaRepo: RecordedCheckout = { path: '/Users/alisha/Projects/external-agents', branches: ['main', 'docs/research-data-verification'] };
const alishaWorktree: RecordedCheckout = { path: '/Users/alisha/Projects/wt/external-agents-code-review', branches: ['code-review'] };
const gtrrzCli: RecordedCheckout = { path: '/Users/gtrrz-victor/wks/cli', branches: ['soph/gemini-rewind', 'gtrrz-victor/improve-status-cmd-output'] };
const gtrrzWorktree: RecordedCheckout = {
  path: '/Users/gtrrz-victor/wks/gtrrz-victor/improve-status-cmd-output',
  branches: ['gtrrz-victor/detach-posthog-emit-event', 'gtrrz-victor/improve-status-cmd-output'],
};
const gtrrzTestCli: RecordedCheckout = { path: '/Users/gtrrz-victor/wks/test-cli/cli', branches: ['gtrrz-victor/prompt-if-cli-outdated', 'fix/enable-agent-flag-missing-value'] };
const dipCli: RecordedCheckout = { path: '/Users/dip/Repositories/cli', branches: ['dipree/entire-wingman', 'main', 'fix/enable-agent-flag-missing-value'] };
const paulCli: RecordedCheckout = { path: '/Users/paul/src/entireio/cli', branches: ['20260209-postinstall-and-completions', 'main'] };
const paulStanza: RecordedCheckout = { path: '/Users/paul/src/entireio/completion-stanza-manager', branches: ['completion-stanza-manager'] };
const agentv: RecordedCheckout = { path: '/home/entity/projects/EntityProcess/agentv', branches: ['main'] };
const corpus = [alishaRepo, alishaWorktree, gtrrzCli, gtrrzWorktree, gtrrzTestCli, dipCli, paulCli, paulStanza, agentv];

test('<parent>/wt/<repo>-<branch>: alisha\'s code-review worktree is a worktree of external-agents', () => {
  assert.deepEqual(worktreeByConvention(alishaWorktree, corpus), {
    repository: alishaRepo.path,
    checkout: alishaWorktree.path,
    convention: 'named after the repository and its branch',
  });
  // The name alone is not enough: on another branch it is a folder of its own.
  assert.equal(worktreeByConvention({ ...alishaWorktree, branches: ['main'] }, corpus), undefined);
});

test('<parent>/<branch> beside <parent>/<repo>, on a branch both recorded: gtrrz-victor/improve-status-cmd-output joins wks/cli', () => {
  assert.deepEqual(worktreeByConvention(gtrrzWorktree, corpus), {
    repository: gtrrzCli.path,
    checkout: gtrrzWorktree.path,
    convention: 'named after a branch of the repository',
  });
  // Without the repository recording that branch, nothing ties them.
  const cliWithoutBranch = { ...gtrrzCli, branches: ['soph/gemini-rewind'] };
  assert.equal(worktreeByConvention(gtrrzWorktree, [cliWithoutBranch, gtrrzTestCli]), undefined);
});

test('worktrees folders: <repo>/.worktrees/<name>, <repo>.worktrees/<branch with slashes>, Claude Code\'s .claude/worktrees, a subfolder of one', () => {
  const inside = worktreeByConvention({ path: `${agentv.path}/.worktrees/conflict-free-results-sync`, branches: ['conflict-free-results-sync'] }, corpus);
  assert.deepEqual(inside, { repository: agentv.path, checkout: `${agentv.path}/.worktrees/conflict-free-results-sync`, convention: 'worktrees folder inside the repository' });
  const beside = worktreeByConvention({ path: `${agentv.path}.worktrees/fix/suite-yaml-examples`, branches: ['fix/suite-yaml-examples'] }, corpus);
  assert.deepEqual(beside, { repository: agentv.path, checkout: `${agentv.path}.worktrees/fix/suite-yaml-examples`, convention: 'worktrees folder beside the repository' });
  const claude = worktreeByConvention({ path: `${agentv.path}/.claude/worktrees/bright-running-fox`, branches: ['worktree-bright-running-fox'] }, corpus);
  assert.equal(claude?.checkout, `${agentv.path}/.claude/worktrees/bright-running-fox`);
  // A session started in a subfolder of the worktree (the branch does not name the folder): the worktree is its first folder.
  const sub = worktreeByConvention({ path: `${agentv.path}__worktrees/runtime-sdk-child-runner-deps/.agentv/results/ws`, branches: [] }, corpus);
  assert.deepEqual(sub, { repository: agentv.path, checkout: `${agentv.path}__worktrees/runtime-sdk-child-runner-deps`, convention: 'worktrees folder beside the repository' });
});

test('independent clones never pool: dip and paul\'s cli, test-cli/cli beside wks/cli, a folder named like its own branch', () => {
  for (const clone of [dipCli, paulCli, gtrrzTestCli, gtrrzCli, alishaRepo, agentv]) assert.equal(worktreeByConvention(clone, corpus), undefined, clone.path);
  // paul's completion-stanza-manager is on a branch named like its folder, but cli never recorded that branch.
  assert.equal(worktreeByConvention(paulStanza, corpus), undefined);
  // A look-alike name is not a worktrees folder: /…/agentv-next on main is no worktree of /…/agentv (on branch
  // `next` it would be: <repo>-<branch>).
  assert.equal(worktreeByConvention({ path: `${agentv.path}-next`, branches: ['main'] }, [agentv]), undefined);
  assert.equal(worktreeByConvention({ path: `${agentv.path}-next`, branches: ['next'] }, [agentv])?.repository, agentv.path);
  // A detached HEAD names no branch.
  assert.equal(worktreeByConvention({ path: '/w/HEAD', branches: ['HEAD'] }, [{ path: '/w/repo', branches: ['HEAD'] }]), undefined);
});

test('ambiguous: a folder that two known repositories could own is left alone', () => {
  const a = { path: '/src/app', branches: ['feature/x'] };
  const b = { path: '/src/lib', branches: ['feature/x'] };
  assert.equal(worktreeByConvention({ path: '/src/feature/x', branches: ['feature/x'] }, [a, b]), undefined);
  assert.equal(worktreeByConvention({ path: '/src/feature/x', branches: ['feature/x'] }, [a])?.repository, '/src/app');
});

test('git\'s own files: a .git folder, a .git file (absolute or relative gitdir), a submodule, nothing; the repository\'s worktree list', async () => {
  const root = tempFolder('git');
  const repo = path.join(root, 'repo');
  makeGitRepository(repo);
  makeGitWorktree(repo, path.join(root, 'repo.worktrees', 'feature'));
  makeGitWorktree(repo, path.join(repo, '.worktrees', 'fix'), { relative: true });
  const submodule = path.join(repo, 'vendor', 'lib');
  fs.mkdirSync(submodule, { recursive: true });
  fs.mkdirSync(path.join(repo, '.git', 'modules', 'lib'), { recursive: true });
  fs.writeFileSync(path.join(submodule, '.git'), 'gitdir: ../../.git/modules/lib\n');

  assert.deepEqual(await readGitCheckout(repo), { kind: 'repository' });
  assert.deepEqual(await readGitCheckout(path.join(root, 'repo.worktrees', 'feature')), { kind: 'worktree', repository: repo });
  assert.deepEqual(await readGitCheckout(path.join(repo, '.worktrees', 'fix')), { kind: 'worktree', repository: repo });
  assert.deepEqual(await readGitCheckout(submodule), { kind: 'other' });
  assert.equal(await readGitCheckout(path.join(root, 'gone')), undefined);
  assert.deepEqual(await listedWorktrees(repo), [path.join(root, 'repo.worktrees', 'feature'), path.join(repo, '.worktrees', 'fix')]);
  assert.deepEqual(await listedWorktrees(path.join(root, 'repo.worktrees')), []);
});

test('text recorded in one checkout is rewritten to the checkout learned: whole paths only, the longest checkout first', () => {
  const repo = '/home/dev/cli';
  const worktree = '/home/dev/cli/.worktrees/fix';
  const toRepo = checkoutRebaser(repo, [repo, worktree, '/home/dev/cli.worktrees/feat']);
  assert.equal(toRepo(`Read ${worktree}/src/a.ts`), `Read ${repo}/src/a.ts`);
  assert.equal(toRepo('cd /home/dev/cli.worktrees/feat && go test ./...'), `cd ${repo} && go test ./...`);
  assert.equal(toRepo('/home/dev/cli-next/x /home/dev/cli.worktrees/other/y /x/home/dev/cli.worktrees/feat'), '/home/dev/cli-next/x /home/dev/cli.worktrees/other/y /x/home/dev/cli.worktrees/feat');
  assert.equal(toRepo(`File ${worktree}.`), `File ${repo}.`);
  // Learning the worktree: the repository's paths become the worktree's, and the worktree's stay.
  const toWorktree = checkoutRebaser(worktree, [repo, worktree]);
  assert.equal(toWorktree(`${repo}/src/a.ts ${worktree}/src/b.ts`), `${worktree}/src/a.ts ${worktree}/src/b.ts`);
  assert.equal(checkoutRebaser(repo, [repo])('/home/dev/cli.worktrees/feat/a'), '/home/dev/cli.worktrees/feat/a');
});

test('a session\'s cwd, inputs, command and output are rebased; the user\'s words are kept', () => {
  const session: ParsedSession = {
    sessionId: 's',
    file: '/logs/s.jsonl',
    subagent: false,
    cwd: '/w/fix',
    skippedLines: 0,
    warnings: [],
    calls: [
      {
        agent: 'claude', sessionId: 's', file: '/logs/s.jsonl', line: 3, index: 0, callId: 'c', tool: 'Read', originalTool: 'Read',
        input: { file_path: '/w/fix/src/a.ts', nested: ['/w/fix/b'] }, path: '/w/fix/src/a.ts', output: 'File does not exist: /w/fix/src/a.ts',
        outputBytes: 10, outcome: 'failed', subagent: false, cwd: '/w/fix', userFeedback: 'not in /w/fix',
      },
    ],
  };
  const rebased = rebaseSession(session, '/r', ['/r', '/w/fix']);
  const call = rebased.calls[0]!;
  assert.equal(rebased.cwd, '/r');
  assert.deepEqual(call.input, { file_path: '/r/src/a.ts', nested: ['/r/b'] });
  assert.equal(call.path, '/r/src/a.ts');
  assert.equal(call.output, 'File does not exist: /r/src/a.ts');
  assert.equal(call.cwd, '/r');
  assert.equal(call.userFeedback, 'not in /w/fix');
  assert.equal(call.file, '/logs/s.jsonl');
  assert.equal(rebaseSession(session, '/w/fix', ['/w/fix']), session, 'a project alone is not copied');
});
