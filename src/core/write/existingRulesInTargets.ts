import type { AgentTarget } from '../agents/plugin.js';
import type { ExistingRule } from '../analyze/backend.js';
import { RefusedTargetError } from '../fs/targetFile.js';
import { findMarkerPairs, pairFor } from './findMarkerPairs.js';
import { MarkerError } from './markerError.js';
import { parseExistingRules } from './parseExistingRules.js';
import type { ReadTextFile } from './planProposals.js';

/**
 * The rules already written for a project in an agent's files (AnalyzerInput.existingRules),
 * so an analyzer can keep, reword or retire them. Files with broken markers contribute none;
 * planProposals reports them, and so does it files it refuses (a link outside the project, a FIFO).
 */
export async function existingRulesInTargets(projectPath: string, targets: readonly AgentTarget[], readFile: ReadTextFile): Promise<ExistingRule[]> {
  const rules: ExistingRule[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    if (seen.has(target.path)) continue;
    seen.add(target.path);
    let text: string | undefined;
    try {
      text = await readFile(target.path, { root: target.root ?? projectPath });
    } catch (error) {
      if (error instanceof RefusedTargetError) continue;
      throw error;
    }
    if (text === undefined) continue;
    try {
      const pair = pairFor(findMarkerPairs(text, target.path), target.scope === 'shared' ? projectPath : undefined);
      if (pair) rules.push(...parseExistingRules(text.slice(pair.start, pair.end), target.kind));
    } catch (error) {
      if (!(error instanceof MarkerError)) throw error;
    }
  }
  return rules;
}
