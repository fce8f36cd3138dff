import type { AgentTarget, TargetKind } from '../agents/plugin.js';
import type { Learning } from '../model/finding.js';

/** One file an agent reads, with every kind of rule routed to it. */
export interface TargetFile {
  path: string;
  kinds: TargetKind[];
  scope: 'project' | 'shared';
  readLimitLines?: number;
  /** AgentTarget.root: the folder the file must stay inside. */
  root?: string;
  /** AgentTarget.header: the text a new file starts with. */
  header?: string;
}

/**
 * Targets merged by path, in the order first seen: if two targets name one file, it gets both
 * kinds, is shared if either is, and keeps the smaller read limit.
 */
export function groupTargetsByFile(targets: readonly AgentTarget[]): TargetFile[] {
  const byPath = new Map<string, TargetFile>();
  for (const target of targets) {
    const file = byPath.get(target.path);
    if (!file) {
      byPath.set(target.path, { path: target.path, kinds: [target.kind], scope: target.scope, readLimitLines: target.readLimitLines, root: target.root, header: target.header });
      continue;
    }
    if (!file.kinds.includes(target.kind)) file.kinds.push(target.kind);
    if (target.scope === 'shared') file.scope = 'shared';
    if (target.readLimitLines !== undefined) file.readLimitLines = Math.min(file.readLimitLines ?? Infinity, target.readLimitLines);
  }
  return [...byPath.values()];
}

/**
 * Learnings per file path: each goes to the file that takes its kind (context or memory);
 * when the agent has no file of that kind, to the agent's first file, so no rule is lost.
 */
export function routeLearnings(learnings: readonly Learning[], files: readonly TargetFile[]): Map<string, Learning[]> {
  const routed = new Map<string, Learning[]>();
  if (files.length === 0) return routed;
  for (const learning of learnings) {
    const file = files.find((f) => f.kinds.includes(learning.target)) ?? files[0];
    routed.set(file.path, [...(routed.get(file.path) ?? []), learning]);
  }
  return routed;
}
