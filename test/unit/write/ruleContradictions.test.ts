import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleDirections, withoutContradictions } from '../../../src/core/write/ruleContradictions.js';

test('the "use this, not that" of every template, and of the usual LLM wordings', () => {
  const cases: Array<[string, Array<[string, string]>]> = [
    ['Run `bun run test`, not `rtk bun run test` (command not found)', [['bun run test', 'rtk bun run test']]],
    ['**Python**: use `uv run python` (not `python3` — module not found; `python3` failed 2 times, `uv run python` worked 2 times)', [['uv run python', 'python3']]],
    ['**Package manager**: use `pnpm`, not `npm` (non-zero exit)', [['pnpm', 'npm']]],
    ['`services/api/app/models/order.py` → actually at `services/api/src/shop/models/order.py`', [['services/api/src/shop/models/order.py', 'services/api/app/models/order.py']]],
    ["Don't search `services/api/src/shop/models/` → use `services/api/`", [['services/api', 'services/api/src/shop/models']]],
    ['Searching `src` for `getUser` finds nothing — search for `fetchUser`', [['fetchUser', 'getUser']]],
    ['`rg` failed 3 times in a row (non-zero exit) — what worked: `rg -n foo src` instead of `rg -n foo`', [['rg -n foo src', 'rg -n foo']]],
    ["Don't run `npm test`; use `pnpm test` (the workspace needs pnpm).", [['pnpm test', 'npm test']]],
    ['Skill `commit` does not exist → use `commit-commands:commit`', [['commit-commands:commit', 'commit']]],
    ['`entire sessions` is not a command → use `entire session list`', [['entire session list', 'entire sessions']]],
    ['`cmd/entire/cli/commands/` does not exist → its files are in `cmd/entire/cli/`', [['cmd/entire/cli', 'cmd/entire/cli/commands']]],
    ['`e2e/` is its own Go module: run `go` from inside it (`cd e2e && go vet ./...`), not `go vet ./e2e/...` from above it', [['cd e2e && go vet ./...', 'go vet ./e2e/...']]],
    ['Before finishing, run `bun run lint`; it most often fails on `format`', []],
    ['`data/rules_table.py` (~3400 lines) — always use offset/limit', []],
    ['**user_prefers_manual**: User rejected `git push` 4 times — show the command, don\'t execute', []],
    ['`pnpm typecheck` failed 3 times in a row (command not found) — after the first failure, change the approach', []],
  ];
  for (const [text, expected] of cases) {
    assert.deepEqual(ruleDirections(text).map((d) => [d.right, d.wrong]), expected, text);
  }
});

test('of two contradicting rules the first (stronger) stays; rules that merely share a wrong command both stay', () => {
  const rules = [
    { text: 'Run `bun run test`, not `rtk bun run test` (command not found)' },
    { text: 'Run `bun test src/`, not `bun run test` (non-zero exit)' },
    { text: 'Run `pnpm test`, not `npm test`' },
    { text: 'Run `pnpm run test`, not `npm test`' },
  ];
  const { kept, dropped } = withoutContradictions(rules);
  assert.deepEqual(kept.map((r) => r.text), [rules[0].text, rules[2].text, rules[3].text]);
  assert.deepEqual(dropped.map((d) => [d.rule.text, d.why]), [[rules[1].text, `contradicts a better-supported rule: ${rules[0].text}`]]);
});

test('a path correction and its reverse contradict, a folder with or without its slash the same', () => {
  const { kept, dropped } = withoutContradictions([{ text: "Don't search `src/` → use `lib/`" }, { text: "Don't search `lib` → use `src`" }]);
  assert.equal(kept.length, 1);
  assert.equal(dropped.length, 1);
});
