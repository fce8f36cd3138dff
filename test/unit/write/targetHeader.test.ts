import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planProposals } from '../../../src/core/write/planProposals.js';
import type { AgentTarget } from '../../../src/core/agents/plugin.js';
import type { Learning } from '../../../src/core/model/finding.js';

const rule: Learning = {
  id: 'environment:python',
  category: 'environment',
  target: 'context',
  text: '**Python**: use `uv run python` (not `python3` — module not found)',
  findingIds: [],
  evidence: [],
  source: 'offline',
};

const HEADER = '---\nalwaysApply: true\n---\n';
const target: AgentTarget = { kind: 'context', path: '/p/.cursor/rules/headroom-learn.mdc', scope: 'project', header: HEADER };

test('a new file starts with its target’s header (front matter), then one blank line and the section', async () => {
  const [proposal] = await planProposals({ projectPath: '/p', targets: [target], learnings: [rule], readFile: () => undefined });
  assert.equal(proposal.exists, false);
  assert.ok(proposal.proposedText!.startsWith(`${HEADER}\n<!-- headroom:learn:start -->\n`), proposal.proposedText);
});

test('an existing file is never given the header again: only its section changes', async () => {
  const mine = '---\ndescription: mine\nalwaysApply: false\n---\nMy own words.\n';
  const [proposal] = await planProposals({ projectPath: '/p', targets: [target], learnings: [rule], readFile: () => mine });
  assert.ok(proposal.proposedText!.startsWith(`${mine}\n<!-- headroom:learn:start -->`), proposal.proposedText);
  assert.equal(proposal.proposedText!.split('alwaysApply').length, 2, 'the user’s own front matter, once');
});
