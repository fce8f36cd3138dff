import * as path from 'node:path';
import type { TargetKind } from '../model/finding.js';

/** Most rules one file holds, per kind of file: context files (CLAUDE.md, AGENTS.md, GEMINI.md) and memory files. */
export type RuleCaps = Readonly<Record<TargetKind, number>>;

/**
 * Short sections: agents follow the first of many instructions best (IFScale, arXiv 2507.11538), and a context
 * file is read at every start. The headroom.maxRulesPer…File settings and the CLI's --max-rules-… options.
 */
export const DEFAULT_RULE_CAPS: RuleCaps = { context: 15, memory: 10 };

/** The largest cap the settings and the CLI accept. */
export const MAX_RULE_CAP = 100;

/** A file's cap and the name its reason shows: a file that takes context rules (GEMINI.md takes both) has the context cap. */
export function capForFile(file: { path: string; kinds: readonly TargetKind[] }, caps: RuleCaps = DEFAULT_RULE_CAPS): { maxRules: number; file: string } {
  return { maxRules: file.kinds.includes('context') ? caps.context : caps.memory, file: path.basename(file.path) };
}

/** The reason a rule is not in a file because stronger rules fill it: "over the cap of 15 for CLAUDE.md". */
export function overCapReason(cap: { maxRules: number; file: string }): string {
  return `over the cap of ${cap.maxRules} for ${cap.file}`;
}

/**
 * Several files' cap reasons as one: "over the cap of 15 for CLAUDE.md, AGENTS.md and GEMINI.md" (files with
 * the same cap together, in the order given); other reasons are kept as they are, joined with "; ".
 */
export function joinOverCapReasons(reasons: readonly string[]): string {
  const filesByCap = new Map<string, string[]>();
  const others: string[] = [];
  for (const reason of reasons) {
    const match = /^over the cap of (\d+) for (.+)$/.exec(reason);
    if (!match) {
      if (!others.includes(reason)) others.push(reason);
      continue;
    }
    const files = filesByCap.get(match[1]) ?? [];
    if (!files.includes(match[2])) files.push(match[2]);
    filesByCap.set(match[1], files);
  }
  const capped = [...filesByCap.entries()].map(([cap, files]) => overCapReason({ maxRules: Number(cap), file: listOf(files) }));
  return [...capped, ...others].join('; ');
}

function listOf(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
