// Failure mode 8 of issue 13, "short sections, strongest first", as a user sees it: the rendered section's order
// and length, and the report lines for the rules left out (over the cap, cut off, contradicted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentTarget } from '../../../src/core/agents/plugin.js';
import type { AnalyzerBackend } from '../../../src/core/analyze/backend.js';
import type { CallRef, Category, Finding, Learning } from '../../../src/core/model/finding.js';
import { CATEGORY_TARGET } from '../../../src/core/model/finding.js';
import { analyzeAndPlan, type FindingsToAnalyze } from '../../../src/core/pipeline/analyzeAndPlan.js';
import type { ProjectBacktest } from '../../../src/core/backtest/projectBacktest.js';
import { OfflineAnalyzer } from '../../../src/core/analyze/offline/offlineAnalyzer.js';
import type { CommandPatternDetails } from '../../../src/core/correlate/findingDetails.js';
import { renderRule } from '../../../src/core/correlate/rules/ruleTemplates.js';

const PROJECT = '/work/shop';
const claudeTargets: AgentTarget[] = [
  { kind: 'context', path: `${PROJECT}/CLAUDE.md`, scope: 'project' },
  { kind: 'memory', path: '/home/u/.claude/projects/-work-shop/memory/MEMORY.md', scope: 'project' },
];

interface Evidence {
  /** Sessions the rule was seen in. */
  sessions: number;
  /** Day of the last one, e.g. '2026-03-02'. */
  lastDay?: string;
  wastedTokens?: number;
}

function calls(id: string, evidence: Evidence): CallRef[] {
  return Array.from({ length: evidence.sessions }, (_, i) => ({
    agent: 'claude',
    file: `/logs/${id}-${i}.jsonl`,
    line: 1,
    sessionId: `${id}-s${i}`,
    index: 0,
    timestamp: `${i === 0 ? (evidence.lastDay ?? '2026-03-01') : '2026-01-01'}T10:00:00Z`,
    tool: 'Bash',
    input: {},
    outcome: 'failed',
  }));
}

/** A finding and the rule an analyzer wrote from it. */
function ruleOf(id: string, category: Category, text: string, evidence: Evidence): { finding: Finding; learning: Learning } {
  const refs = calls(id, evidence);
  const finding: Finding = {
    id,
    category,
    target: CATEGORY_TARGET[category],
    key: id,
    rule: text,
    occurrences: evidence.sessions,
    sessions: evidence.sessions,
    evidence: refs,
    userStated: false,
    details: {},
    wastedTokens: evidence.wastedTokens ?? 0,
  };
  return { finding, learning: { id, category, target: CATEGORY_TARGET[category], text, findingIds: [id], evidence: refs, source: 'llm' } };
}

/** An analyzer that returns the given rules as they are (an LLM backend, as far as the pipeline can tell). */
function analyzerOf(learnings: Learning[]): AnalyzerBackend {
  return { name: 'fake-llm', analyze: async () => ({ learnings, report: { backend: 'fake-llm', reason: 'test', dropped: [], notes: [] } }) };
}

async function plan(rules: Array<{ finding: Finding; learning: Learning }>, options: { files?: Record<string, string>; backtest?: ProjectBacktest; caps?: { context: number; memory: number } } = {}) {
  const found: FindingsToAnalyze = {
    projectPath: PROJECT,
    findings: rules.map((r) => r.finding),
    existingRules: [],
    agentTargets: [{ agent: 'claude', displayName: 'Claude Code', targets: claudeTargets }],
    backtest: options.backtest,
  };
  const files = options.files ?? {};
  return analyzeAndPlan(found, {
    analyzer: analyzerOf(rules.map((r) => r.learning)),
    readFile: (path) => files[path],
    pathExists: () => true,
    ruleCaps: options.caps,
  });
}

const bullets = (section: string | undefined) => (section ?? '').split('\n').filter((line) => line.startsWith('- ')).map((line) => line.slice(2));
const headings = (section: string | undefined) => (section ?? '').split('\n').filter((line) => line.startsWith('### ')).map((line) => line.slice(4));

test('strongest first: more sessions, then the more recent, then more tokens wasted, then by text; the order the analyzer gave does not matter', async () => {
  const rules = [
    ruleOf('a', 'file_path', '`a.py` → actually at `src/a.py`', { sessions: 2, lastDay: '2026-03-01', wastedTokens: 50 }),
    ruleOf('b', 'file_path', '`b.py` → actually at `src/b.py`', { sessions: 4 }),
    ruleOf('c', 'file_path', '`c.py` → actually at `src/c.py`', { sessions: 2, lastDay: '2026-03-05' }),
    ruleOf('d', 'file_path', '`d.py` → actually at `src/d.py`', { sessions: 2, lastDay: '2026-03-01', wastedTokens: 900 }),
    ruleOf('e', 'file_path', '`e.py` → actually at `src/e.py`', { sessions: 2, lastDay: '2026-03-01', wastedTokens: 50 }),
  ];
  const expected = ['b', 'c', 'd', 'a', 'e'].map((id) => `\`${id}.py\` → actually at \`src/${id}.py\``);
  for (const order of [rules, [...rules].reverse()]) {
    const { proposals, learnings } = await plan(order);
    assert.deepEqual(bullets(proposals[0].proposedSection), expected);
    assert.deepEqual(learnings.map((l) => l.id), ['b', 'c', 'd', 'a', 'e']);
  }
});

test('a rule the backtest shows preventing later failures comes first; each category heading sits where its strongest rule is', async () => {
  const rules = [
    ruleOf('big', 'large_file', '`data/rules_table.py` (~3400 lines) — always use offset/limit', { sessions: 5 }),
    ruleOf('pnpm', 'command_pattern', '**Package manager**: use `pnpm`, not `npm` (non-zero exit)', { sessions: 3 }),
    ruleOf('path', 'file_path', '`a.py` → actually at `src/a.py`', { sessions: 4 }),
    ruleOf('big2', 'large_file', '`data/huge.sql` (~20000 lines) — always use offset/limit', { sessions: 2 }),
  ];
  const backtest: ProjectBacktest = {
    split: 0.7,
    learnSessions: 7,
    laterSessions: 3,
    rules: 1,
    laterFailures: 5,
    covered: 2,
    coveredTokens: 80,
    byCategory: {} as ProjectBacktest['byCategory'],
    coverage: [{ category: 'command_pattern', key: 'pnpm', calls: [{ call: 'x', outputBytes: 100 }, { call: 'y', outputBytes: 200 }] }],
  };
  const { proposals } = await plan(rules, { backtest });
  const section = proposals[0].proposedSection;
  assert.deepEqual(headings(section), ['Command Patterns', 'Known Large Files', 'File Path Corrections']);
  assert.deepEqual(bullets(section), [
    '**Package manager**: use `pnpm`, not `npm` (non-zero exit)',
    '`data/rules_table.py` (~3400 lines) — always use offset/limit',
    '`data/huge.sql` (~20000 lines) — always use offset/limit',
    '`a.py` → actually at `src/a.py`',
  ]);
});

test('at most 15 rules in CLAUDE.md and 10 in MEMORY.md by default: the strongest stay, each rule cut is reported with the cap and the file', async () => {
  const context = Array.from({ length: 18 }, (_, i) => ruleOf(`p${i}`, 'file_path', `\`old/f${i}.py\` → actually at \`src/f${i}.py\``, { sessions: 30 - i }));
  const memory = Array.from({ length: 12 }, (_, i) => ruleOf(`r${i}`, 'retry', `\`make t${i}\` failed 3 times in a row — read the error first`, { sessions: 20 - i }));
  const { proposals } = await plan([...context, ...memory]);
  const [claudeMd, memoryMd] = proposals;
  assert.equal(bullets(claudeMd.proposedSection).length, 15);
  assert.equal(bullets(claudeMd.proposedSection)[0], '`old/f0.py` → actually at `src/f0.py`');
  assert.equal(bullets(claudeMd.proposedSection)[14], '`old/f14.py` → actually at `src/f14.py`');
  assert.deepEqual(
    claudeMd.merge.filter((e) => e.action === 'not_added').map((e) => `${e.text} — ${e.reason}`),
    [15, 16, 17].map((i) => `\`old/f${i}.py\` → actually at \`src/f${i}.py\` — over the cap of 15 for CLAUDE.md`),
  );
  assert.equal(bullets(memoryMd.proposedSection).length, 10);
  assert.deepEqual(
    memoryMd.merge.filter((e) => e.action === 'not_added').map((e) => e.reason),
    ['over the cap of 10 for MEMORY.md', 'over the cap of 10 for MEMORY.md'],
  );
});

test('the caps are options: 2 per context file', async () => {
  const rules = Array.from({ length: 4 }, (_, i) => ruleOf(`p${i}`, 'file_path', `\`old/f${i}.py\` → actually at \`src/f${i}.py\``, { sessions: 9 - i }));
  const { proposals } = await plan(rules, { caps: { context: 2, memory: 10 } });
  assert.deepEqual(bullets(proposals[0].proposedSection), ['`old/f0.py` → actually at `src/f0.py`', '`old/f1.py` → actually at `src/f1.py`']);
});

const sectionWith = (lines: string[]) =>
  ['<!-- headroom:learn:start -->', '## Headroom Learned Patterns', '*Auto-generated by `headroom learn` — do not edit manually*', '', '### File Path Corrections', ...lines.map((l) => `- ${l}`), '<!-- headroom:learn:end -->', ''].join('\n');

test('a rule already in the file and still supported keeps its place; a new stronger rule goes above the weaker kept ones only', async () => {
  const weak = ruleOf('weak', 'file_path', '`w.py` → actually at `src/w.py`', { sessions: 2 });
  const strong = ruleOf('strong', 'file_path', '`s.py` → actually at `src/s.py`', { sessions: 6 });
  const fresh = ruleOf('fresh', 'file_path', '`n.py` → actually at `src/n.py`', { sessions: 4 });
  const files = { [`${PROJECT}/CLAUDE.md`]: sectionWith([weak.learning.text, strong.learning.text]) };
  const { proposals } = await plan([weak, strong, fresh], { files });
  // weak before strong as the user approved it; the new rule is weaker than `strong`, so it goes after it.
  assert.deepEqual(bullets(proposals[0].proposedSection), [weak.learning.text, strong.learning.text, fresh.learning.text]);

  const strongest = ruleOf('top', 'file_path', '`t.py` → actually at `src/t.py`', { sessions: 9 });
  const again = await plan([weak, strong, strongest], { files });
  assert.deepEqual(bullets(again.proposals[0].proposedSection), [strongest.learning.text, weak.learning.text, strong.learning.text]);
});

test('one line each, never cut: a rule naming a command too long to state whole is not written, and the report says why', async () => {
  const longCommand = `cargo test -p shop-billing --features "postgres redis" -- invoices::tests::totals_match_the_ledger_for_every_currency --nocapture`;
  const rules = [
    ruleOf('long', 'command_pattern', `Run \`${longCommand}\`, not \`cargo test\` (non-zero exit)`, { sessions: 5 }),
    ruleOf('cut', 'command_pattern', 'Run `pnpm --filter @shop/web test -- --run src/cart/…`, not `pnpm test` (non-zero exit)', { sessions: 4 }),
    ruleOf('go', 'command_pattern', 'Run `go test ./...`, not `go test` (non-zero exit)', { sessions: 2 }),
    ruleOf('prose', 'retry', `\`make check\` failed 3 times in a row — ${'read the error and fix the cause before re-running; '.repeat(12)}`, { sessions: 2 }),
  ];
  const { proposals, analyzer, learnings } = await plan(rules);
  const claudeMd = proposals[0].proposedSection!;
  assert.deepEqual(bullets(claudeMd), ['Run `go test ./...`, not `go test` (non-zero exit)']);
  assert.ok(!claudeMd.includes('…'));
  const memory = bullets(proposals[1].proposedSection);
  assert.equal(memory.length, 1);
  assert.ok(memory[0].startsWith('`make check` failed 3 times in a row — read the error') && memory[0].endsWith('…') && memory[0].length <= 400, 'prose after the command may be shortened');
  assert.deepEqual(learnings.map((l) => l.id), ['go', 'prose']);
  const why = new Map(analyzer.dropped.map((d) => [d.findingIds?.[0], d.why]));
  assert.match(why.get('long')!, /^names a command or path longer than 100 characters \(cargo test -p shop-billing .*too specific to be a rule$/);
  assert.match(why.get('cut')!, /cut off with …/);
});

test('no two rules contradict each other: the better-supported one stays, the other is reported with the reason (LLM rules too)', async () => {
  const rules = [
    ruleOf('rtk', 'command_pattern', 'Run `bun run test`, not `rtk bun run test` (command not found)', { sessions: 3 }),
    ruleOf('bun', 'command_pattern', 'Run `bun test src/`, not `bun run test` (non-zero exit)', { sessions: 2 }),
    ruleOf('llm', 'command_pattern', 'Use `rtk bun run test` instead of `bun test src/`: the wrapper is needed in CI.', { sessions: 1 }),
    ruleOf('other', 'command_pattern', '**Package manager**: use `pnpm`, not `npm` (non-zero exit)', { sessions: 2 }),
  ];
  const { proposals, analyzer } = await plan(rules);
  assert.deepEqual(bullets(proposals[0].proposedSection), [
    'Run `bun run test`, not `rtk bun run test` (command not found)',
    '**Package manager**: use `pnpm`, not `npm` (non-zero exit)',
  ]);
  assert.deepEqual(
    analyzer.dropped.map((d) => [d.findingIds, d.why]),
    [
      [['bun'], 'contradicts a better-supported rule: Run `bun run test`, not `rtk bun run test` (command not found)'],
      [['llm'], 'contradicts a better-supported rule: Run `bun run test`, not `rtk bun run test` (command not found)'],
    ],
  );
});

test('corpus: the offline template no longer cuts a long command with …; the rule is dropped as too specific, with the reason', async () => {
  // ../shared/corpus: codex/sessions/2026/01/01/rollout-2026-01-01T00-00-00-EntityProcess_c2c3a914496d.jsonl 747 → 755
  // (agentv, with --min-occurrences 1). Before: "Run `bun agentv eval run examples/features/composite/evals/dataset.eval.yaml --test-id strict-or-local -…`, not …".
  const details = {
    mode: 'corrected',
    program: 'node-pm',
    from: 'bun agentv eval examples/features/composite/evals/dataset.eval.yaml --filter strict-or-local --dry-run',
    to: 'bun agentv eval run examples/features/composite/evals/dataset.eval.yaml --test-id strict-or-local --dry-run',
    errorKind: 'exit_code',
  };
  const text = renderRule('command_pattern', details as unknown as CommandPatternDetails);
  assert.ok(!text.includes('…') && text.includes(details.to) && text.includes(details.from), text);
  const { finding } = ruleOf('agentv', 'command_pattern', text, { sessions: 2 });
  const analysis = await analyzeAndPlan(
    { projectPath: PROJECT, findings: [{ ...finding, details }], existingRules: [], agentTargets: [{ agent: 'claude', displayName: 'Claude Code', targets: claudeTargets }] },
    { analyzer: new OfflineAnalyzer(), readFile: () => undefined, pathExists: () => true },
  );
  assert.deepEqual(analysis.learnings, []);
  assert.equal(analysis.proposals[0].proposedSection, undefined, 'no section is proposed for nothing');
  assert.deepEqual(analysis.analyzer.dropped.map((d) => d.why), [
    'names a command or path longer than 100 characters (bun agentv eval run examples/features/co …): one too long to state whole is too specific to be a rule',
  ]);
});
