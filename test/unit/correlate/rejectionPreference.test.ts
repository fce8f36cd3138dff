import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { builtinAgentPlugins } from '../../../src/core/agents/builtins.js';
import type { ParsedSession } from '../../../src/core/agents/plugin.js';
import { correlateSessions } from '../../../src/core/correlate/correlateFailures.js';
import { deriveFindings } from '../../../src/core/correlate/deriveFindings.js';
import { runningCommandSubject } from '../../../src/core/correlate/derive/runningCommand.js';
import { statedPreference } from '../../../src/core/correlate/derive/statedPreference.js';
import { OfflineAnalyzer } from '../../../src/core/analyze/offline/offlineAnalyzer.js';
import { bash, fakeFiles, session } from './callFactory.js';

// Real excerpts from the development corpus, see test/fixtures/corpus/README.md.
const CORPUS = path.resolve(__dirname, '..', '..', 'fixtures', 'corpus');

async function parseCorpusExcerpt(name: string): Promise<ParsedSession> {
  const claude = builtinAgentPlugins().find((p) => p.name === 'claude')!;
  return claude.parse({ agent: 'claude', path: path.join(CORPUS, name), projectPath: '/proj', subagent: false });
}

function preferences(sessions: ParsedSession[]) {
  return deriveFindings(sessions, correlateSessions(sessions), fakeFiles({})).findings.filter(
    (f) => f.category === 'command_pattern' && f.details.mode === 'user_prefers_manual',
  );
}

const rejected = (command: string, userFeedback?: string) => bash(command, { outcome: 'rejected', userFeedback });

test('stated preference: one-off redirections state none', () => {
  for (const words of [
    'no, pull first',
    'are there compilation problems?',
    'use the tracker comment for the plan',
    "i'll take it from here.",
    "i'll let you know what to do.",
    "don't worry about linting for now, just continue.",
    'too slow.',
    "don't push yet, run the tests first",
  ]) {
    assert.deepEqual(statedPreference(words), [], words);
  }
});

test('stated preference: words that generalise are kept, and only those sentences', () => {
  assert.deepEqual(statedPreference("don't commit, I do it"), ["don't commit, I do it"]);
  assert.deepEqual(statedPreference('no, pull first. I deploy myself'), ['I deploy myself']);
  assert.deepEqual(statedPreference('never run docker here'), ['never run docker here']);
  assert.deepEqual(statedPreference("don't run CI or integration tests, too slow."), ["don't run CI or integration tests, too slow."]);
  assert.deepEqual(statedPreference("don't start containers, I run docker compose myself. Just tell me the command."), [
    "don't start containers, I run docker compose myself.",
  ]);
});

test('stated preference: a sentence with personal data or a machine path is never quoted', () => {
  assert.deepEqual(statedPreference('I deploy myself. Ask alice@example.com for access'), ['I deploy myself.']);
  assert.deepEqual(statedPreference('never run the script in /Users/alice/bin'), []);
});

test('the program that runs: cd, env, comments, wrappers and heredoc feeders are skipped', () => {
  assert.equal(runningCommandSubject('cd cmd/entire && git push origin main'), 'git push');
  assert.equal(runningCommandSubject('cat <<EOF | go run -\npackage main\nfunc main() {}\nEOF'), 'go run');
  assert.equal(runningCommandSubject("cat <<'EOF' > /tmp/x.go\npackage main\nEOF"), '');
  assert.equal(runningCommandSubject('# check the tree first\ngit status --short'), 'git status');
  assert.equal(runningCommandSubject('FOO=1 sudo nohup make build'), 'make build');
  assert.equal(runningCommandSubject('time env CI=1 mise run test:ci 2>&1 | tail -50'), 'mise run test:ci');
  assert.equal(runningCommandSubject('echo hi | jq .'), 'jq');
  assert.equal(runningCommandSubject('cd /some/dir'), '');
  assert.equal(runningCommandSubject('# just a comment'), '');
});

test('real excerpt: one rejection of gh pr with "i\'ll let you know what to do." is no rule, and says why', async () => {
  const [candidate] = preferences([await parseCorpusExcerpt('paul-cli-gh-pr-rejected-once.jsonl')]);
  assert.equal(candidate.details.subject, 'gh pr');
  assert.equal(candidate.details.dropped, 'single rejection without a stated preference');
  assert.deepEqual(candidate.details.borderlineWords, ["i'll let you know what to do."]);
  const { learnings, report } = await new OfflineAnalyzer().analyze({ projectPath: '/proj', findings: [candidate], existingRules: [], pathExists: () => true });
  assert.deepEqual(learnings, []);
  assert.deepEqual(report.dropped.map((d) => d.why), ['single rejection without a stated preference']);
});

test('real excerpt: one rejection with "don\'t worry about linting for now" is no rule', async () => {
  const [candidate] = preferences([await parseCorpusExcerpt('paul-cli-mise-fmt-rejected-for-now.jsonl')]);
  assert.equal(candidate.details.dropped, 'single rejection without a stated preference');
});

test('real excerpt: one rejection with "don\'t run CI or integration tests, too slow." is a rule quoting those words', async () => {
  const [rule] = preferences([await parseCorpusExcerpt('paul-cli-mise-ci-rejected-too-slow.jsonl')]);
  assert.equal(rule.details.dropped, undefined);
  assert.equal(rule.rule, "**user_prefers_manual**: User rejected `mise run test:ci` once — show the command, don't execute (user: “don't run CI or integration tests, too slow.”)");
});

test('real excerpts: a task runner is keyed on its task: `mise run fmt && …` and `mise run test:integration` in two sessions are no rule', async () => {
  const sessions = [
    await parseCorpusExcerpt('paul-20260205-mise-rejected-take-it-from-here.jsonl'),
    await parseCorpusExcerpt('paul-20260205-mise-rejected-no-words.jsonl'),
  ];
  assert.deepEqual(preferences(sessions).filter((f) => f.details.dropped === undefined), []);
  const all = deriveFindings(sessions, correlateSessions(sessions), fakeFiles({}), { minOccurrences: 1 }).findings;
  assert.deepEqual(
    all.filter((f) => f.details.mode === 'user_prefers_manual').map((f) => [f.details.subject, f.details.dropped]),
    [
      ['mise run fmt', 'single rejection without a stated preference'],
      ['mise run test:integration', 'single rejection without a stated preference'],
    ],
  );
});

test('a command rejected in two sessions but run with consent as often is no preference (mise run fmt, run daily)', () => {
  const found = preferences([
    session([rejected('mise run fmt 2>&1 | tail -5'), bash('mise run fmt'), bash('mise run fmt && mise run lint')], 's1'),
    session([rejected('mise run fmt'), bash('mise run fmt 2>&1')], 's2'),
    session([rejected('mise run test:integration')], 's3'),
    session([rejected('mise run test:integration 2>&1 | tail -50'), bash('mise run test:integration', { outcome: 'failed' })], 's4'),
  ]);
  assert.deepEqual(
    found.map((f) => [f.details.subject, f.details.dropped]).sort(),
    [
      ['mise run fmt', 'run without objection as often as rejected, without a stated preference'],
      ['mise run test:integration', undefined],
    ],
  );
});

test('"don\'t commit, I do it" once is a rule quoting only those words', () => {
  const [rule] = preferences([session([rejected('git commit -m "Fix totals"', "no, pull first. don't commit, I do it")])]);
  assert.equal(rule.rule, "**user_prefers_manual**: User rejected `git commit` once — show the command, don't execute (user: “don't commit, I do it”)");
});

test('"no, pull first" once is no rule', () => {
  const [candidate] = preferences([session([rejected('git push origin main', 'no, pull first')])]);
  assert.equal(candidate.details.dropped, 'single rejection without a stated preference');
});

test('cd x && git push rejected in two sessions: one rule keyed on git push, never on cd', () => {
  const found = preferences([
    session([rejected('cd cmd/entire && git push origin main')], 's1'),
    session([rejected('cd cmd && git push')], 's2'),
  ]);
  assert.deepEqual(found.map((f) => [f.details.subject, f.details.dropped]), [['git push', undefined]]);
});

test('a heredoc piped to go run is keyed on go run; a command running only builtins gives no candidate', () => {
  const found = preferences([
    session([rejected('cat <<EOF | go run -\npackage main\nEOF'), rejected('cd /repo')], 's1'),
    session([rejected('# try it\ncat <<EOF | go run -\npackage main\nEOF')], 's2'),
  ]);
  assert.deepEqual(found.map((f) => f.details.subject), ['go run']);
});
