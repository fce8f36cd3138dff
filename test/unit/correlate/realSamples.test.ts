import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtinAgentPlugins } from '../../../src/core/agents/builtins.js';
import type { ParsedSession } from '../../../src/core/agents/plugin.js';
import { correlateSessions } from '../../../src/core/correlate/correlateFailures.js';
import { deriveFindings } from '../../../src/core/correlate/deriveFindings.js';
import { citesCall } from './evidenceRecords.js';
import { SAMPLES_DIR } from '../../support/samplesDir.js';

const SAMPLES = SAMPLES_DIR;

async function parseAll(): Promise<ParsedSession[]> {
  const plugins = new Map(builtinAgentPlugins().map((p) => [p.name, p]));
  const sessions: ParsedSession[] = [];
  for (const agent of ['claude', 'codex', 'gemini']) {
    const plugin = plugins.get(agent);
    assert.ok(plugin, `${agent} plugin is registered`);
    for (const name of fs.readdirSync(path.join(SAMPLES, agent)).sort()) {
      sessions.push(await plugin.parse({ agent, path: path.join(SAMPLES, agent, name), projectPath: '/x', subagent: false }));
    }
  }
  return sessions;
}

const where = (ref: { file: string; line: number }) => `${path.basename(ref.file).replace(/^again-/, '')}:${ref.line}`;

/*
 * The fix-and-retry sequences in test/fixtures/samples and what they must (not) produce:
 *
 * PAIRS: none.
 *
 * DO NOT PAIR (each a trap for a looser rule)
 * - codex/rollout-0.123.0-unified-exec.jsonl 20 → 21: `rg --files .claude/skills …/entire-agent-kiro` fails
 *   ("rg: .claude/skills: No such file or directory") and `rg --files` works, but both were issued in one batch
 *   (lines 12–14, with `pwd`, before any output): the second call never saw the first fail, so it is no fix.
 * - claude/cc-2.0.76-errors.jsonl 120 → 126: the harness failed, the agent edited the script
 *   (123), then ran the identical command: a retry after a fix elsewhere, not a correction.
 * - claude/cc-2.0.76-errors.jsonl 77 → 80: `cd /tmp/repo && git add app.js && …harness.sh …` failed
 *   on the relative script path; 80 runs only `git add app.js`: a compound command split up, not a form to learn.
 * - claude/cc-2.0.76-errors.jsonl 21 → 24: harness `configure-strategy` failed, `start-session` worked:
 *   same script, different subcommand.
 * - claude/cc-2.1.37-interrupts.jsonl 103: `python3 -c "import yaml…"` ModuleNotFoundError, then the
 *   same again interrupted (105) and a `ruby -ryaml` that failed (109): nothing worked, no pair.
 * - codex/rollout-0.121.0-turn-aborted.jsonl 347 → 354: an apply_patch that failed verification, then
 *   one on the same file that applied: a retry of the same edit, not a path correction.
 * - codex/rollout-0.123.0-unified-exec.jsonl 295/313/318/323 (`golangci-lint run` in four forms,
 *   all exit 5) → 308 `golangci-lint version`: same program, unrelated subcommand.
 * - codex/rollout-0.123.0-unified-exec.jsonl 364 → 370: `gofmt -w … && go test ./...` denied by the
 *   sandbox, then `GOCACHE=/tmp/go-build-cache go test ./...`: a compound command, different first program.
 * - codex/rollout-0.123.0-unified-exec.jsonl 159 → 165: rg with another pattern AND another scope.
 */
test('real samples: the fix-and-retry sequences give exactly the expected corrections', async () => {
  const corrections = correlateSessions(await parseAll());
  assert.deepEqual(
    corrections.map((c) => ({ kind: c.kind, failed: where(c.failed), fixed: where(c.fixed) })),
    [],
  );
});

/**
 * The same sessions again, as if recorded a second time (a copy of each file under another session id):
 * the patterns of each session are then seen in two sessions.
 */
function seenTwice(sessions: ParsedSession[]): ParsedSession[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samples-again-'));
  const again = sessions.map((s) => {
    const file = path.join(dir, `again-${path.basename(s.file)}`);
    fs.copyFileSync(s.file, file);
    const sessionId = `${s.sessionId}-again`;
    return { ...s, sessionId, file, calls: s.calls.map((c) => ({ ...c, sessionId, file })) };
  });
  return [...sessions, ...again];
}

/*
 * Findings over all samples (thresholds on): the four failing `golangci-lint run` calls of the Kiro
 * session (295, 313, 318, 323, within the window, no `golangci-lint run` success between) are a retry
 * streak; `mise run test-all` (27) and `mise run test:all` (482) both failed on the sandbox. Each is one
 * episode of one session, so neither is a rule; the same sessions seen twice make both rules (and the
 * single compact.go denial, now once per copy).
 */
test('real samples: the golangci-lint retry streak and the mise permission note are one session each: no rule until seen twice', async () => {
  const sessions = await parseAll();
  const files = { root: '/nowhere', exists: () => true, lineCount: () => undefined };
  const once = deriveFindings(sessions, correlateSessions(sessions), files);
  assert.deepEqual(once.findings, []);
  const twice = seenTwice(sessions);
  const { findings } = deriveFindings(twice, correlateSessions(twice), files);
  assert.deepEqual(
    findings.map((f) => [f.category, f.key, f.occurrences, f.sessions, [...new Set(f.evidence.map(where))]]),
    [
      // `mise run test:unit` failing (exit 1) on the mise.toml the agent had just edited (466); the golangci-lint runs
      // that could not load packages ("no go files to analyze") are no gate failures: the streak stays a retry note.
      ['command_pattern', 'gate:mise run test:unit', 2, 2, ['rollout-0.121.0-turn-aborted.jsonl:466']],
      [
        'retry',
        'Bash golangci-lint run exit_code',
        8,
        2,
        ['rollout-0.123.0-unified-exec.jsonl:295', 'rollout-0.123.0-unified-exec.jsonl:313', 'rollout-0.123.0-unified-exec.jsonl:318', 'rollout-0.123.0-unified-exec.jsonl:323'],
      ],
      ['permission', 'mise run', 4, 2, ['rollout-0.121.0-turn-aborted.jsonl:27', 'rollout-0.121.0-turn-aborted.jsonl:482']],
      // The one sandbox denial of `gofmt -w …/compact.go && go test` (364), now seen once in each copy.
      ['permission', '/Users/ninawork/entire/external-agents/agents/entire-agent-kiro/internal/kiro/compact.go', 2, 2, ['rollout-0.123.0-unified-exec.jsonl:364']],
    ],
  );
});

test('real samples: every cited line of every cited file is the record holding that call’s result', async () => {
  const sessions = seenTwice(await parseAll());
  const corrections = correlateSessions(sessions);
  const { findings } = deriveFindings(sessions, corrections, { root: '/nowhere', exists: () => true, lineCount: () => undefined });
  const refs = [...corrections.flatMap((c) => [c.failed, c.fixed]), ...findings.flatMap((f) => f.evidence)];
  assert.ok(refs.length >= 8);
  for (const ref of refs) assert.ok(citesCall(ref), `${where(ref)} holds ${ref.callId}`);
  // and the check can fail: the session's first record does not hold any of these calls
  for (const ref of refs) assert.ok(!citesCall({ ...ref, line: 1 }), `line 1 of ${path.basename(ref.file)} is not ${ref.callId}`);
});
