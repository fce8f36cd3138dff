import type { Correction } from '../../model/finding.js';
import type { CommandPatternDetails } from '../findingDetails.js';
import { groupBy, rankByCount, type FindingDraft } from '../findingDraft.js';
import { unknownNameOf } from '../unknownName.js';
import { evidenceOf, type DeriveContext } from './deriveContext.js';

/**
 * Names the agent's own tooling corrected: a skill, tool or subcommand that did not exist, called
 * under another name that worked (`commit` → `commit-commands:commit`), grouped by the unknown name.
 */
export function nameFindings(corrections: readonly Correction[], ctx: DeriveContext): FindingDraft[] {
  const named = corrections
    .filter((c) => c.kind === 'name' && c.change)
    .map((c) => ({ c, unknown: unknownNameOf(ctx.calls.get(c.failed)!) }))
    .filter((n) => n.unknown !== undefined);
  return [...groupBy(named, (n) => `${n.unknown!.kind}:${n.c.change!.from}`).entries()].map(([key, group]) => {
    const details: CommandPatternDetails = {
      mode: 'name',
      nameKind: group[0].unknown!.kind,
      from: group[0].c.change!.from,
      to: rankByCount(group.map((n) => n.c.change!.to))[0].value,
    };
    const evidence = evidenceOf(group.map((n) => n.c));
    return { category: 'command_pattern', key: `name:${key}`, occurrences: group.length, evidence, userStated: false, details };
  });
}
