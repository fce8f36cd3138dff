import { toCallRef } from '../callRef.js';
import { commandOf } from '../callViews.js';
import type { PermissionDetails } from '../findingDetails.js';
import { groupBy, type FindingDraft } from '../findingDraft.js';
import { isPathTool } from '../fileIntent.js';
import { callSubject } from './callSubject.js';
import { commandSubject } from './commandSubject.js';
import { commandShape } from '../normaliseLauncher.js';
import type { DeriveContext } from './deriveContext.js';

const ERROR_EXCERPT_CHARS = 160;

/**
 * Permission notes: calls that failed on permissions (sandbox, policy, EACCES), grouped by the
 * file they touched (`tail -n 50 /var/log/x.log` and `cat /var/log/x.log | …` are one note), else
 * by the kind of command. (Commands the user rejected are command patterns: user_prefers_manual.)
 */
export function permissionFindings(ctx: DeriveContext): FindingDraft[] {
  const denied = ctx.calls.all().filter((call) => call.outcome === 'failed' && call.errorKind === 'permission_denied');
  const subjectOf = (call: (typeof denied)[number]) => {
    if (call.tool !== 'Bash') return isPathTool(call.tool) ? callSubject(call, ctx) : call.originalTool;
    const command = commandOf(call) ?? '';
    const file = commandShape(command).args.find((arg) => !arg.startsWith('-') && arg.includes('/'));
    return file ? ctx.relative(file, toCallRef(call)) : commandSubject(command, { withTask: false });
  };
  return [...groupBy(denied, subjectOf).entries()].map(([subject, calls]) => {
    const firstLine = calls[0].output.split('\n').find((line) => /denied|permit|EACCES|EPERM|sandbox|policy/i.test(line)) ?? '';
    const details: PermissionDetails = {
      subject,
      denied: calls.length,
      errorExcerpt: firstLine.trim().slice(0, ERROR_EXCERPT_CHARS) || undefined,
    };
    return { category: 'permission', key: subject, occurrences: calls.length, evidence: calls.map(toCallRef), userStated: false, details };
  });
}
