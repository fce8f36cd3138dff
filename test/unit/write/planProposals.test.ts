import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planProposals } from '../../../src/core/write/planProposals.js';
import { existingRulesInTargets } from '../../../src/core/write/existingRulesInTargets.js';
import type { AgentTarget } from '../../../src/core/agents/plugin.js';
import type { Category, Learning } from '../../../src/core/model/finding.js';
import { CATEGORY_TARGET } from '../../../src/core/model/finding.js';

const learning = (category: Category, text: string): Learning => ({
  id: `${category}:${text}`,
  category,
  target: CATEGORY_TARGET[category],
  text,
  findingIds: [],
  evidence: [],
  source: 'offline',
});

const claudeTargets: AgentTarget[] = [
  { kind: 'context', path: '/p/CLAUDE.md', scope: 'project' },
  { kind: 'memory', path: '/home/.claude/projects/-p/memory/MEMORY.md', scope: 'project', readLimitLines: 200 },
];

const files = (entries: Record<string, string>) => (path: string) => entries[path];

test('context rules go to CLAUDE.md, memory rules to MEMORY.md; a new file is created', async () => {
  const [claudeMd, memoryMd] = await planProposals({
    projectPath: '/p',
    targets: claudeTargets,
    learnings: [learning('environment', 'use `uv run python`'), learning('permission', 'Show `gradle` commands, do not run them')],
    readFile: files({ '/p/CLAUDE.md': '# My project\n' }),
  });
  assert.equal(claudeMd.exists, true);
  assert.equal(claudeMd.changed, true);
  assert.match(claudeMd.proposedText!, /^# My project\n\n<!-- headroom:learn:start -->\n[\s\S]*### Environment\n- use `uv run python`\n<!-- headroom:learn:end -->\n$/);
  assert.deepEqual(claudeMd.merge.map((e) => e.action), ['added']);
  assert.equal(memoryMd.exists, false);
  assert.equal(memoryMd.currentText, undefined);
  assert.match(memoryMd.proposedSection!, /### Permission Notes\n- Show `gradle` commands, do not run them/);
  assert.equal(memoryMd.proposedText, `${memoryMd.proposedSection}\n`);
});

test('planning again from the written text proposes no change', async () => {
  const learnings = [learning('environment', 'use `uv run python`'), learning('retry', 'Read `a.log` with offset')];
  const disk: Record<string, string> = {};
  for (const p of await planProposals({ projectPath: '/p', targets: claudeTargets, learnings, readFile: files(disk) })) disk[p.path] = p.proposedText!;
  const again = await planProposals({ projectPath: '/p', targets: claudeTargets, learnings, readFile: files(disk) });
  assert.deepEqual(again.map((p) => p.changed), [false, false]);
  assert.deepEqual(again.flatMap((p) => p.merge.map((e) => e.action)), ['kept', 'kept']);
});

test('a target with no learnings and no section is left alone', async () => {
  const [claudeMd, memoryMd] = await planProposals({
    projectPath: '/p',
    targets: claudeTargets,
    learnings: [learning('environment', 'x')],
    readFile: files({ '/home/.claude/projects/-p/memory/MEMORY.md': '# Claude notes\n' }),
  });
  assert.equal(claudeMd.changed, true);
  assert.equal(memoryMd.changed, false);
  assert.equal(memoryMd.proposedText, '# Claude notes\n');
  assert.equal(memoryMd.proposedSection, undefined);
});

test('MEMORY.md: warns when the section would end past line 200', async () => {
  const longNotes = Array.from({ length: 198 }, (_, i) => `- note ${i}`).join('\n') + '\n';
  const [, memoryMd] = await planProposals({
    projectPath: '/p',
    targets: claudeTargets,
    learnings: [learning('retry', 'Read `a.log` with offset')],
    readFile: files({ '/home/.claude/projects/-p/memory/MEMORY.md': longNotes }),
  });
  assert.equal(memoryMd.warnings.length, 1);
  assert.match(memoryMd.warnings[0], /first 200 lines of this file; the learned section ends at line 206, so the rules after line 200 would not be read/);
  const [, short] = await planProposals({
    projectPath: '/p',
    targets: claudeTargets,
    learnings: [learning('retry', 'Read `a.log` with offset')],
    readFile: files({ '/home/.claude/projects/-p/memory/MEMORY.md': '# short\n' }),
  });
  assert.deepEqual(short.warnings, []);
});

test('broken markers: the proposal carries the error and changes nothing', async () => {
  const [claudeMd] = await planProposals({
    projectPath: '/p',
    targets: claudeTargets.slice(0, 1),
    learnings: [learning('environment', 'x')],
    readFile: files({ '/p/CLAUDE.md': 'a\n<!-- headroom:learn:end -->\n' }),
  });
  assert.equal(claudeMd.changed, false);
  assert.equal(claudeMd.error?.name, 'MarkerError');
  assert.deepEqual(claudeMd.error?.lines, [2]);
  assert.equal(claudeMd.proposedText, claudeMd.currentText);
});

test('Codex instructions.md shared by two projects: each run changes only its own tagged section', async () => {
  const targets = (project: string): AgentTarget[] => [
    { kind: 'context', path: `${project}/AGENTS.md`, scope: 'project' },
    { kind: 'memory', path: '/home/.codex/instructions.md', scope: 'shared' },
  ];
  const disk: Record<string, string> = { '/home/.codex/instructions.md': 'My global instructions.\r\n' };
  const run = async (project: string, text: string) => {
    for (const p of await planProposals({ projectPath: project, targets: targets(project), learnings: [learning('retry', text)], readFile: files(disk) })) {
      if (p.changed) disk[p.path] = p.proposedText!;
    }
  };
  await run('/work/a', 'A: read `a.log` with offset');
  await run('/work/b', 'B: run `make` first');
  const afterBoth = disk['/home/.codex/instructions.md'];
  assert.match(afterBoth, /^My global instructions\.\r\n\r\n<!-- headroom:learn:start project="\/work\/a" -->\r\n/);
  assert.match(afterBoth, /<!-- headroom:learn:end project="\/work\/a" -->\r\n\r\n<!-- headroom:learn:start project="\/work\/b" -->/);
  const bSection = afterBoth.slice(afterBoth.indexOf('<!-- headroom:learn:start project="/work/b"'));

  await run('/work/a', 'A: something new');
  const afterA = disk['/home/.codex/instructions.md'];
  assert.ok(afterA.endsWith(bSection), "project B's section is byte-identical");
  // The old rule was not derived again (no evidence in this run), so the new one, with evidence, comes first.
  assert.match(afterA, /- A: something new\r\n- A: read `a.log` with offset\r\n/);
  assert.equal(disk['/work/b/AGENTS.md'], undefined, 'no context learnings, no AGENTS.md');

  const rulesA = await existingRulesInTargets('/work/a', targets('/work/a'), files(disk));
  assert.deepEqual(rulesA.map((r) => r.text), ['A: something new', 'A: read `a.log` with offset']);
});

test('Gemini: one file takes both kinds of rules, in the order given (strongest first), each category where its first rule is', async () => {
  const [gemini] = await planProposals({
    projectPath: '/p',
    targets: [{ kind: 'context', path: '/p/GEMINI.md', scope: 'project' }],
    learnings: [learning('permission', 'Ask first'), learning('environment', 'use node 20')],
    readFile: files({}),
  });
  assert.match(gemini.proposedSection!, /### Permission Notes\n- Ask first\n\n### Environment\n- use node 20\n/);
});

test('a rule whose path is gone is removed and reported', async () => {
  const existing = '<!-- headroom:learn:start -->\n## Headroom Learned Patterns\n*Auto-generated by `headroom learn` — do not edit manually*\n\n### Known Large Files\n- `gone.py` (~9000 lines) — use offset/limit\n<!-- headroom:learn:end -->\n';
  const [claudeMd] = await planProposals({
    projectPath: '/p',
    targets: claudeTargets.slice(0, 1),
    learnings: [],
    readFile: files({ '/p/CLAUDE.md': existing }),
    pathExists: () => false,
  });
  assert.equal(claudeMd.changed, true);
  assert.deepEqual(claudeMd.merge.map((e) => [e.action, e.reason]), [['removed', 'gone.py no longer exists']]);
  assert.ok(!claudeMd.proposedText!.includes('gone.py'));
});

test('rejected rules leave the section: an existing rule is removed "rejected by the user"; the parsed rules are reported', async () => {
  const section = [
    '<!-- headroom:learn:start -->',
    '## Headroom Learned Patterns',
    '*Auto-generated by `headroom learn` — do not edit manually*',
    '',
    '### Environment',
    '- **Python**: use `uv run python`',
    '- **Node**: use `pnpm`',
    '<!-- headroom:learn:end -->',
  ].join('\n');
  const disk = { '/p/CLAUDE.md': `# Notes\n\n${section}\n` };
  const [kept] = await planProposals({ projectPath: '/p', targets: claudeTargets.slice(0, 1), learnings: [], readFile: files(disk) });
  assert.equal(kept.changed, false, 'without rejections the old rules stay');
  assert.deepEqual(kept.existingRules?.map((r) => r.text), ['**Python**: use `uv run python`', '**Node**: use `pnpm`']);

  const [dropped] = await planProposals({
    projectPath: '/p',
    targets: claudeTargets.slice(0, 1),
    learnings: [learning('environment', '**Python**: use `uv run python`')],
    readFile: files(disk),
    rejected: ['**Python**: use `uv run python`'],
  });
  assert.equal(dropped.changed, true);
  assert.equal(dropped.proposedSection?.includes('Python'), false);
  assert.ok(dropped.proposedSection?.includes('- **Node**: use `pnpm`'));
  assert.deepEqual(
    dropped.merge.map((e) => [e.action, e.reason]),
    [
      ['removed', 'rejected by the user'],
      ['kept', 'not seen in this run, nothing contradicts it'],
    ],
  );
});
