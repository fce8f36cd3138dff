import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedSession } from '../../../src/core/agents/plugin.js';
import { correlateSessions } from '../../../src/core/correlate/correlateFailures.js';
import { deriveFindings } from '../../../src/core/correlate/deriveFindings.js';
import type { ProjectFiles } from '../../../src/core/correlate/projectFiles.js';
import { parseExcerpt, projectAt } from './corpusExcerptLoader.js';
import { grep, read, readMissing, session } from './callFactory.js';

function rulesOf(sessions: ParsedSession[], files: ProjectFiles) {
  const { findings } = deriveFindings(sessions, correlateSessions(sessions), files);
  return findings.filter((f) => f.category === 'file_path' || f.category === 'search_scope').map((f) => ({ rule: f.rule, sessions: f.sessions }));
}

const DIP = '/Users/dip/Repositories/cli';

test('corpus: a Read and a Grep of the missing `.golangci.yml`, each fixed on `.golangci.yaml`, are one path rule from two sessions', async () => {
  const sessions = [await parseExcerpt('dip-read-golangci-yml.jsonl', DIP), await parseExcerpt('dip-grep-golangci-yml.jsonl', DIP)];
  // Before: a path correction (Read) and a search scope (Grep), one session each, neither reaching the threshold.
  assert.deepEqual(rulesOf(sessions, projectAt(DIP, ['.golangci.yaml'])), [{ rule: '`.golangci.yml` → actually at `.golangci.yaml`', sessions: 2 }]);
});

test('corpus: near miss — when `.golangci.yml` exists, the Grep stays a search scope and nothing reaches the threshold', async () => {
  const sessions = [await parseExcerpt('dip-read-golangci-yml.jsonl', DIP), await parseExcerpt('dip-grep-golangci-yml.jsonl', DIP)];
  assert.deepEqual(rulesOf(sessions, projectAt(DIP, ['.golangci.yaml', '.golangci.yml'])), []);
});

const VICTOR = '/Users/gtrrz-victor/wks/cli';
const victorSessions = async () => [
  await parseExcerpt('victor-read-resume-in-commands.jsonl', VICTOR),
  await parseExcerpt('victor-grep-in-commands.jsonl', VICTOR),
];

test('corpus: `commands/resume.go` read and `commands` searched, both found in `cmd/entire/cli`, are one folder rule from two sessions', async () => {
  const files = projectAt(VICTOR, ['cmd/entire/cli/resume.go', 'cmd/entire/cli/status.go']);
  assert.deepEqual(rulesOf(await victorSessions(), files), [
    { rule: '`cmd/entire/cli/commands/` does not exist → its files are in `cmd/entire/cli/`', sessions: 2 },
  ]);
});

test('corpus: near miss — when `cmd/entire/cli/commands/` exists, no folder rule (per-file facts stay below the threshold)', async () => {
  const files = projectAt(VICTOR, ['cmd/entire/cli/resume.go', 'cmd/entire/cli/commands/other.go']);
  assert.deepEqual(rulesOf(await victorSessions(), files), []);
});

test('corpus: near miss — a third session finding a file of `commands/` elsewhere disagrees: no folder rule', async () => {
  const third = (right: string) => {
    const s = session([readMissing(`${VICTOR}/cmd/entire/cli/commands/clean.go`), read(`${VICTOR}/${right}`)], 's3');
    s.calls.forEach((c) => (c.cwd = VICTOR));
    return s;
  };
  const files = projectAt(VICTOR, ['cmd/entire/cli/resume.go', 'cmd/entire/clean.go', 'cmd/entire/cli/clean.go']);
  const folderRules = async (right: string) => rulesOf([...(await victorSessions()), third(right)], files).filter((r) => r.rule.includes('does not exist'));
  assert.deepEqual(await folderRules('cmd/entire/clean.go'), []);
  assert.deepEqual((await folderRules('cmd/entire/cli/clean.go')).map((r) => r.sessions), [3], 'agreeing, it joins the rule');
});

test('folder rule: a folder moved deeper keeps only the differing part (`src/old/x/a.ts` → `src/new/x/a.ts` is `src/old` → `src/new`)', () => {
  const s1 = session([readMissing('/proj/src/old/x/a.ts'), read('/proj/src/new/x/a.ts')], 's1');
  const s2 = session([readMissing('/proj/src/old/b.ts'), read('/proj/src/new/b.ts')], 's2');
  const files = projectAt('/proj', ['src/new/x/a.ts', 'src/new/b.ts']);
  assert.deepEqual(rulesOf([s1, s2], files), [{ rule: '`src/old/` does not exist → its files are in `src/new/`', sessions: 2 }]);
});

test('a Grep in a missing file fixed in a file of another name is still a search scope (not near: no path fact)', () => {
  const s = (id: string) => session([grep('x', '/proj/src/a.go', { outcome: 'failed', errorKind: 'file_not_found' }), grep('x', '/proj/src')], id);
  const { findings } = deriveFindings([s('s1'), s('s2')], correlateSessions([s('s1'), s('s2')]), projectAt('/proj', ['src/b.go']));
  assert.deepEqual(findings.map((f) => f.category), ['search_scope']);
});
