import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { builtinAgentPlugins } from '../../../src/core/agents/builtins.js';
import { correlateSessions } from '../../../src/core/correlate/correlateFailures.js';
import { deriveFindings } from '../../../src/core/correlate/deriveFindings.js';
import { isOutsideProject } from '../../../src/core/correlate/derive/deriveContext.js';
import { fakeFiles, read, session } from './callFactory.js';

// Real excerpt (test/fixtures/corpus/README.md): three whole reads of the agent's own tool-results file, each too large.
const EXCERPT = path.resolve(__dirname, '..', '..', 'fixtures', 'corpus', 'alisha-read-tool-results-too-large.jsonl');

test('real excerpt: reads of a file outside the project (an agent tool-results file) give no large-file or retry finding', async () => {
  const claude = builtinAgentPlugins().find((p) => p.name === 'claude')!;
  const parsed = await claude.parse({ agent: 'claude', path: EXCERPT, projectPath: '/Users/alisha/Projects/external-agents', subagent: false });
  assert.equal(parsed.calls.filter((c) => c.errorKind === 'file_too_large').length, 3, 'the excerpt holds the three failed reads');
  // Seen in two sessions, so the session threshold is met: only the path being outside the project stops it.
  const again = { ...parsed, sessionId: `${parsed.sessionId}-again`, calls: parsed.calls.map((c) => ({ ...c, sessionId: `${parsed.sessionId}-again` })) };
  const sessions = [parsed, again];
  const { findings } = deriveFindings(sessions, correlateSessions(sessions), fakeFiles({}));
  assert.deepEqual(findings.map((f) => f.category), []);
});

test('near miss: the same streak on a project file, in two sessions (the threshold), still gives both findings', () => {
  const tooLarge = () => read('/proj/internal/transcript.go', { outcome: 'failed', errorKind: 'file_too_large' });
  const sessions = [session([tooLarge(), tooLarge(), tooLarge()], 's1'), session([tooLarge(), tooLarge(), tooLarge()], 's2')];
  const { findings } = deriveFindings(sessions, correlateSessions(sessions), fakeFiles({ 'internal/transcript.go': 3000 }));
  assert.deepEqual(findings.map((f) => f.category).sort(), ['large_file', 'retry']);
});

test('outside the project: absolute, home, parent and drive paths; inside: project-relative ones', () => {
  for (const p of ['/Users/a/x.json', '~/.claude/x', '../other/x.ts', '..', 'C:\\Users\\a\\x', 'D:/x']) assert.equal(isOutsideProject(p), true, p);
  for (const p of ['src/x.ts', '.', 'a..b/x', '.github/workflows/ci.yml']) assert.equal(isOutsideProject(p), false, p);
});
