import { isDeepStrictEqual } from 'node:util';
import type { ToolCall } from '../model/toolCall.js';
import { commandOf } from './callViews.js';
import type { IntentMatch } from './intent.js';
import { commandShape } from './normaliseLauncher.js';
import { fieldNamed, unknownNameOf } from './unknownName.js';

/** The inputs are equal but for `field`. */
function equalBut(a: Record<string, unknown>, b: Record<string, unknown>, field: string): boolean {
  const { [field]: _a, ...restA } = a;
  const { [field]: _b, ...restB } = b;
  return isDeepStrictEqual(restA, restB);
}

/**
 * A name the agent's own tooling did not know, then the same call under another name that worked:
 * the Skill tool with another `skill` (everything else equal), another tool name with the same input,
 * or the same command with only the unknown subcommand replaced. Undefined for anything else.
 */
export function sameNameIntent(failed: ToolCall, candidate: ToolCall): IntentMatch {
  const unknown = unknownNameOf(failed);
  if (!unknown || candidate.outcome !== 'ok') return undefined;
  if (unknown.kind === 'skill') {
    const field = fieldNamed(failed.input, unknown.name)!;
    const to = candidate.input[field];
    if (candidate.originalTool !== failed.originalTool || typeof to !== 'string' || to === unknown.name) return undefined;
    return equalBut(failed.input, candidate.input, field) ? { kind: 'name', from: unknown.subject, to } : undefined;
  }
  if (unknown.kind === 'tool') {
    const renamed = candidate.tool === failed.tool && candidate.originalTool !== failed.originalTool;
    return renamed && isDeepStrictEqual(failed.input, candidate.input) ? { kind: 'name', from: unknown.subject, to: candidate.originalTool } : undefined;
  }
  if (candidate.tool !== 'Bash') return undefined;
  const a = commandShape(commandOf(failed) ?? '').words;
  const b = commandShape(commandOf(candidate) ?? '').words;
  const at = a.indexOf(unknown.name);
  const differing = a.filter((word, i) => word !== b[i]);
  if (a.length !== b.length || differing.length !== 1 || differing[0] !== unknown.name) return undefined;
  return { kind: 'name', from: unknown.subject, to: [...b.slice(0, at), b[at]].join(' ') };
}
