import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LearnJson } from '../../../src/cli/learnCommand.js';
import { makeFakeClis } from '../analyze/llm/support/fakeAgentClis.js';
import { demoFixture, hashTree, runCli, safeEnv, tempDir } from './cliHarness.js';

/** The fake CLIs' environment, with only their folder on PATH (no real claude, gemini or codex); the scan cache outside the fixture. */
function fakeCliEnv(home: string, mode: string, answers: string[]) {
  const fakes = makeFakeClis();
  const env = { ...fakes.env(mode, answers), PATH: fakes.bin, HOME: home, NO_COLOR: '1', XDG_CACHE_HOME: tempDir('learn-cache-') };
  return { fakes, env };
}

test('--model offline: the analyzer line says why, exit 0', async () => {
  const fx = await demoFixture();
  const { code, out } = await runCli(['--project', fx.project, '--model', 'offline'], safeEnv(fx.home));
  assert.equal(code, 0);
  assert.match(out, /^Analyzer: offline — offline, because --model offline$/m);
});

test('--model claude-cli: the fake CLI’s rules are grounded, tokens and dropped rules reported, rule written to every agent', async () => {
  const fx = await demoFixture();
  const answer = JSON.stringify({
    rules: [
      { category: 'environment', target: 'context', text: 'Run Python through `uv run python`, never bare `python3`.', evidenceIds: ['E1'] },
      { category: 'file_path', target: 'context', text: 'Invented rule about `nowhere/made_up.py`.', evidenceIds: ['E999'] },
    ],
  });
  const { fakes, env } = fakeCliEnv(fx.home, 'good', [answer]);
  const { code, out, err } = await runCli(['--project', fx.project, '--model', 'claude-cli', '--apply', '--json'], env);
  assert.equal(code, 0, err);
  const json = JSON.parse(out) as LearnJson;
  assert.equal(json.analyzer.backend.includes('claude'), true, json.analyzer.backend);
  assert.match(json.analyzer.reason, /claude-cli, because --model claude-cli/);
  assert.ok((json.analyzer.tokensSent ?? 0) > 0 && (json.analyzer.tokensReceived ?? 0) > 0);
  assert.equal(json.analyzer.dropped.length, 1);
  assert.deepEqual(json.rules.map((r) => r.text), ['Run Python through `uv run python`, never bare `python3`.']);
  assert.equal(fakes.calls().length, 1);
  assert.notEqual(fakes.calls()[0].cwd, fx.project, 'the CLI never runs in the project');
  for (const name of ['CLAUDE.md', 'AGENTS.md', 'GEMINI.md']) {
    assert.match(fs.readFileSync(path.join(fx.project, name), 'utf8'), /never bare `python3`/);
  }
  // The sections now hold the rule: another prompt, so the model is asked; asked the same again, its answer is kept.
  const afterApply = JSON.parse((await runCli(['--project', fx.project, '--model', 'claude-cli', '--json'], env)).out) as LearnJson;
  assert.equal(fakes.calls().length, 2);
  const again = JSON.parse((await runCli(['--project', fx.project, '--model', 'claude-cli', '--json'], env)).out) as LearnJson;
  assert.equal(fakes.calls().length, 2, 'the same request again: the kept answer, no model call');
  assert.deepEqual(again.rules, afterApply.rules);
  assert.ok(again.analyzer.notes.some((note) => /reused from the cache/.test(note)));
  const text = await runCli(['--project', fx.project, '--model', 'claude-cli'], fakeCliEnv(fx.home, 'good', [answer]).env);
  assert.match(text.out, /^Analyzer: claude-cli — claude-cli, because --model claude-cli$/m);
  assert.match(text.out, /^ {2}tokens: \d+ sent, \d+ received$/m);
  assert.match(text.out, /^ {2}dropped: Invented rule about `nowhere\/made_up.py`\. — /m);
  assert.match(text.out, /Up to date/);
});

test('an LLM failure of an explicitly chosen backend: "Analysis failed (kind)", exit 1, never "nothing to learn", nothing written', async () => {
  const fx = await demoFixture();
  const before = hashTree(fx.root);
  const { env } = fakeCliEnv(fx.home, 'not-logged-in', []);
  const { code, out, err } = await runCli(['--project', fx.project, '--model', 'claude-cli', '--apply'], env);
  assert.equal(code, 1);
  assert.equal(out, '');
  assert.doesNotMatch(err, /nothing to learn/i);
  assert.match(err, /^Analyzer: claude-cli — claude-cli, because --model claude-cli$/m);
  assert.match(err, /^headroom-learn: Analysis failed \(auth\): .*Please run \/login.* pass --model offline to learn without an LLM\.$/m);
  assert.equal(hashTree(fx.root), before);
});

test('no --model and a CLI on PATH that fails: automatic choice falls back to offline and says so, exit 0', async () => {
  const fx = await demoFixture();
  const { env } = fakeCliEnv(fx.home, 'crash', []);
  const { code, out, err } = await runCli(['--project', fx.project], env);
  assert.equal(code, 0, err);
  assert.match(out, /^Analyzer: offline — offline, because claude-cli failed \(cli_failed\) and it had been chosen automatically$/m);
  assert.match(out, /note: claude-cli failed \(cli_failed\).*Fell back to the offline analyzer/);
  assert.match(out, /Dry run: 5 files would change/);
});

test('bad usage is exit 2 with exactly one line on stderr', async () => {
  const fx = await demoFixture();
  const cases: Array<[string[], RegExp, Record<string, string>?]> = [
    [['--agent', 'windsurf'], /^headroom-learn: Unknown agent "windsurf"\. Choose one of: auto, claude, codex, gemini, vscode-chat, cline, roo, codebuddy, grok, opencode, cursor\.$/],
    [['--model', 'llama-3'], /^headroom-learn: Unknown --model "llama-3"\. Valid forms: .*offline\.$/],
    [['--model', 'gpt-4o'], /^headroom-learn: --model gpt-4o needs OpenAI API access: set OPENAI_API_KEY\.$/],
    [['--model', 'claude-cli'], /^headroom-learn: --model claude-cli: claude is not on PATH\.$/],
    [['--project', fx.project, '--all'], /^headroom-learn: Use either --project PATH or --all, not both\.$/],
    [['--memory-file', 'home'], /^headroom-learn: Unknown --memory-file "home"\. Choose auto .* or project .*\.$/],
    [['--bogus'], /^headroom-learn: Unknown option '--bogus'\. Run "headroom-learn --help" for the options\.$/],
    [[], /^headroom-learn: HEADROOM_LEARN_CLI=cursor is not valid; use one of: claude, gemini, codex\.$/, { HEADROOM_LEARN_CLI: 'cursor' }],
  ];
  for (const [argv, message, extra] of cases) {
    const { code, out, err } = await runCli(argv.includes('--project') || argv.includes('--all') ? argv : [...argv, '--project', fx.project], safeEnv(fx.home, extra));
    assert.equal(code, 2, `${argv.join(' ')}: ${err}`);
    assert.equal(out, '');
    assert.equal(err.trimEnd().split('\n').length, 1, err);
    assert.match(err.trimEnd(), message);
  }
});

test('a missing project folder is exit 1 with one line naming what to do', async () => {
  const fx = await demoFixture();
  const { code, err } = await runCli(['--project', path.join(fx.root, 'nope')], safeEnv(fx.home));
  assert.equal(code, 1);
  assert.match(err.trimEnd(), /^headroom-learn: Project folder .*nope does not exist\. Pass an existing folder with --project\.$/);
});

test('--help documents every flag, the exit codes and the environment variables', async () => {
  const fx = await demoFixture();
  for (const argv of [['--help'], ['learn', '--help'], ['--project', '.', '-h']]) {
    const { code, out } = await runCli(argv, safeEnv(fx.home));
    assert.equal(code, 0);
    for (const word of ['--project PATH', '--all', '--apply', '--agent', '--model', '--memory-file', '--json', 'Exit codes', 'CLAUDE_CONFIG_DIR', 'CODEX_HOME', 'GEMINI_CLI_HOME', 'ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'GEMINI_API_KEY', 'HEADROOM_LEARN_CLI', 'ANTHROPIC_BASE_URL', 'OPENAI_BASE_URL', 'GOOGLE_GEMINI_BASE_URL', 'NO_COLOR']) {
      assert.ok(out.includes(word), `${argv.join(' ')}: help mentions ${word}`);
    }
  }
});
