import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { builtinAgentPlugins } from '../../../src/core/agents/builtins.js';
import type { ParsedSession } from '../../../src/core/agents/plugin.js';
import { correlateSessions } from '../../../src/core/correlate/correlateFailures.js';
import { deriveFindings } from '../../../src/core/correlate/deriveFindings.js';
import { bash, session } from './callFactory.js';

// Real excerpts from the development corpus, see test/fixtures/corpus/README.md.
const CORPUS = path.resolve(__dirname, '..', '..', 'fixtures', 'corpus');
const ROOT = '/Users/alisha/Projects/external-agents';

async function parseExcerpt(name: string): Promise<ParsedSession> {
  const claude = builtinAgentPlugins().find((p) => p.name === 'claude')!;
  return claude.parse({ agent: 'claude', path: path.join(CORPUS, name), projectPath: ROOT, subagent: false });
}

const files = (root: string) => ({ root, exists: () => true, lineCount: () => undefined });

function workingFolderRules(sessions: ParsedSession[], root = ROOT) {
  return deriveFindings(sessions, correlateSessions(sessions), files(root)).findings.filter(
    (f) => f.category === 'command_pattern' && f.details.mode === 'working_folder',
  );
}

test('real excerpts: `go build ./e2e/...` from the root fails ("does not contain main module") and works inside e2e/, in two sessions: one rule', async () => {
  const sessions = [await parseExcerpt('alisha-go-e2e-module-vet.jsonl'), await parseExcerpt('alisha-go-e2e-module-build.jsonl')];
  const [rule, ...rest] = workingFolderRules(sessions);
  assert.deepEqual(rest, []);
  assert.equal(rule.sessions, 2);
  assert.equal(rule.rule, '`e2e/` is its own Go module: run `go` from inside it (`cd e2e && go vet ./...`), not `go vet ./e2e/...` from above it');
  // The evidence is the failing call and the call that worked, in each session (the result lines of the excerpts).
  assert.deepEqual(
    rule.evidence.map((e) => `${path.basename(e.file)}:${e.line}`),
    ['alisha-go-e2e-module-vet.jsonl:2', 'alisha-go-e2e-module-vet.jsonl:4', 'alisha-go-e2e-module-vet.jsonl:6', 'alisha-go-e2e-module-build.jsonl:2', 'alisha-go-e2e-module-build.jsonl:4'],
  );
});

test('real excerpt: one session is one episode, no rule', async () => {
  assert.deepEqual(workingFolderRules([await parseExcerpt('alisha-go-e2e-module-build.jsonl')]), []);
});

const noModule = 'Exit code 1\npattern ./e2e/...: directory prefix e2e does not contain main module or its selected dependencies';

test('a run inside the folder whose exit code a pipe hides proves nothing; a run in the same folder is no fix', () => {
  const sessionsEndingWith = (fix: string) =>
    ['s1', 's2'].map((id) =>
      session(
        [
          bash('go build ./e2e/...', { outcome: 'failed', output: noModule }),
          bash('go build ./e2e/... 2>&1', { outcome: 'failed', output: noModule }),
          bash(fix),
        ],
        id,
      ),
    );
  assert.deepEqual(workingFolderRules(sessionsEndingWith('cd e2e && go build ./... 2>&1 | tail -5'), '/proj'), []);
  assert.deepEqual(workingFolderRules(sessionsEndingWith('go build ./... 2>&1'), '/proj'), []);
  // The control: the same sessions with a visible exit code inside e2e/ make the rule.
  assert.equal(workingFolderRules(sessionsEndingWith('cd e2e && go build ./... 2>&1'), '/proj').length, 1);
});

test('a failure that is not "no project here" (a compile error) makes no working-folder rule, even when the next run is in a subfolder', () => {
  const sessions = ['s1', 's2'].map((id) =>
    session([bash('go build ./...', { outcome: 'failed', output: 'Exit code 1\n./main.go:3:2: undefined: x' }), bash('cd e2e && go build ./...')], id),
  );
  assert.deepEqual(workingFolderRules(sessions, '/proj'), []);
});

test('a Codex call that ran in a subfolder through its `workdir` argument (no `cd`) is the fix too', () => {
  const sessions = ['s1', 's2'].map((id) =>
    session(
      [
        bash('go build ./e2e/...', { outcome: 'failed', output: noModule, input: { cmd: 'go build ./e2e/...', workdir: '/proj' } }),
        bash('go build ./...', { input: { cmd: 'go build ./...', workdir: '/proj/e2e' } }),
      ],
      id,
    ),
  );
  const [rule, ...rest] = workingFolderRules(sessions, '/proj');
  assert.deepEqual(rest, []);
  assert.equal(rule.rule, '`e2e/` is its own Go module: run `go` from inside it (`cd e2e && go build ./...`), not `go build ./e2e/...` from above it');
});
