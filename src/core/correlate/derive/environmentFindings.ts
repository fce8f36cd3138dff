import type { Correction } from '../../model/finding.js';
import type { ErrorKind, ToolCall } from '../../model/toolCall.js';
import { commandOf } from '../callViews.js';
import type { EnvironmentDetails } from '../findingDetails.js';
import { groupBy, rankByCount, type FindingDraft } from '../findingDraft.js';
import { commandShape } from '../normaliseLauncher.js';
import { evidenceOf, type DeriveContext } from './deriveContext.js';

/** Failures that say the runtime, not the command, was wrong. */
const ENVIRONMENT_ERROR_KINDS: ReadonlySet<ErrorKind> = new Set(['module_not_found', 'command_not_found']);

export function isEnvironmentCorrection(c: Correction, ctx: DeriveContext): boolean {
  if (c.kind !== 'launcher') return false;
  const kind = ctx.calls.get(c.failed)?.errorKind;
  return kind !== undefined && ENVIRONMENT_ERROR_KINDS.has(kind);
}

function launcherOf(call: ToolCall): { program: string; launcher: string } | undefined {
  if (call.tool !== 'Bash') return undefined;
  const command = commandOf(call);
  if (!command) return undefined;
  const shape = commandShape(command);
  return shape.program ? { program: shape.program, launcher: shape.launcher } : undefined;
}

/**
 * Environment facts: a launcher that failed with module/command not found and the launcher that
 * then worked for the same program, with how often each side failed / worked over all sessions.
 */
export function environmentFindings(corrections: readonly Correction[], ctx: DeriveContext): FindingDraft[] {
  const launchers = corrections.filter((c) => isEnvironmentCorrection(c, ctx) && c.change);
  const programOf = (c: Correction) => launcherOf(ctx.calls.get(c.failed)!)?.program ?? '';
  const byWrong = groupBy(launchers, (c) => `${programOf(c)}\u0000${c.change!.from}`);
  const shapes = ctx.calls.all().map((call) => ({ call, shape: launcherOf(call) }));
  return [...byWrong.values()].map((group) => {
    const program = programOf(group[0]);
    const from = group[0].change!.from;
    const to = rankByCount(group.map((c) => c.change!.to))[0].value;
    const sameProgram = shapes.filter((s) => s.shape?.program === program);
    const errorKind = rankByCount(group.map((c) => ctx.calls.get(c.failed)?.errorKind ?? 'other'))[0].value;
    const details: EnvironmentDetails = {
      program,
      from,
      to,
      wrongFailures: sameProgram.filter(
        (s) => s.shape?.launcher === from && s.call.outcome === 'failed' && ENVIRONMENT_ERROR_KINDS.has(s.call.errorKind ?? 'other'),
      ).length,
      rightSuccesses: sameProgram.filter((s) => s.shape?.launcher === to && s.call.outcome === 'ok').length,
      errorKind,
    };
    return {
      category: 'environment',
      key: `${program}:${from}`,
      occurrences: group.length,
      evidence: evidenceOf(group),
      userStated: false,
      details,
    };
  });
}
