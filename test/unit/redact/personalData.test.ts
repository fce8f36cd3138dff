import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPersonalData } from '../../../src/core/redact/personalData.js';

test('personal data and machine paths are found, with what they are', () => {
  const cases: Array<[string, string]> = [
    ['Ask (user: “mail alice.smith@example.com first”)', 'personal data (an email address)'],
    ['Co-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>', 'personal data (a commit trailer)'],
    ['Signed-off-by: Alisha', 'personal data (a commit trailer)'],
    ['Rebase onto `9d5beed4` before pushing', 'personal data (a commit hash)'],
    ['See https://github.com/entireio/cli/pull/123', 'personal data (a URL)'],
    ['Push to git@github.com:entireio/cli.git', 'personal data (a git remote)'],
    ['Call +1 415 555 0100 for access', 'personal data (a phone number)'],
    ['Read `/Users/alisha/Projects/x/main.go` by range', 'machine path (a home folder)'],
    ['Logs are in /home/christso/projects/agentv/out', 'machine path (a home folder)'],
    ['Edit `C:\\Users\\dip\\cli\\main.go`', 'machine path (a home folder)'],
    ['Write scratch files to `/tmp/entire-test`', 'machine path (a temp folder)'],
    ['Build in /private/tmp/x', 'machine path (a temp folder)'],
    ['Cache at /var/folders/xy/T/go-build', 'machine path (a temp folder)'],
    ['Read `~/.claude/projects/-x/tool-results/toolu_01.json` by range', "machine path (an agent's data folder)"],
  ];
  for (const [text, expected] of cases) {
    const hit = findPersonalData(text);
    assert.equal(hit && `${hit.reason} (${hit.kind})`, expected, text);
  }
});

test('near misses: project paths, package scopes, counts, dates and words are not personal data', () => {
  for (const text of [
    'Run `go test ./...`, not `go test -v -count=1 ./...` (non-zero exit)',
    '`src/home/index.ts` (~1200 lines) — always use offset/limit',
    'Use `pnpm --filter @shop/web typecheck`',
    '`mise run` failed in 2 streaks (up to 3 in a row)',
    'Seen 2026-02-05 and 2026-02-06',
    'Searching `cmd/entire/cli/tmp/state.go` for `defaced` finds nothing',
    'Run `make test-e2e` with `localhost` settings',
    "**user_prefers_manual**: User rejected `mise run` 2 times — show the command, don't execute",
  ]) {
    assert.equal(findPersonalData(text), undefined, text);
  }
});
