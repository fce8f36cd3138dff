import type { Finding } from '../../model/finding.js';
import type { ExistingRule } from '../backend.js';
import { estimateTokens } from './estimateTokens.js';
import { rankFindings } from './rankFindings.js';
import { renderExistingRule, renderFinding, renderProjectHeader } from './renderEvidence.js';
import { SYSTEM_PROMPT } from './systemPrompt.js';

/** Default input budget (system + user text), in tokens. */
export const DEFAULT_TOKEN_BUDGET = 30_000;
/** Existing rules may use at most this share of the budget; evidence gets the rest. */
const EXISTING_RULES_BUDGET_SHARE = 1 / 3;

export interface PromptSource {
  projectPath: string;
  findings: readonly Finding[];
  existingRules: readonly ExistingRule[];
}

export interface BuiltPrompt {
  system: string;
  user: string;
  /** The evidence ids we assigned (E1 …), each to the finding it names. Only findings that were sent. */
  evidenceById: ReadonlyMap<string, Finding>;
  /** The existing rules that were sent, by the id we gave them (R1 …). */
  existingRuleById: ReadonlyMap<string, ExistingRule>;
  findingsSent: number;
  findingsTotal: number;
  existingRulesSent: number;
  existingRulesTotal: number;
  budgetTokens: number;
  estimatedTokens: number;
}

/**
 * The prompt for one analysis: fixed instructions, then the current rules, then findings from the
 * strongest and most recent down, until the token budget is used. Findings that do not fit are left
 * out (and counted), never cut in half.
 */
export function buildPrompt(source: PromptSource, budgetTokens: number): BuiltPrompt {
  const header = [
    renderProjectHeader(source.projectPath),
    '',
    'Write rules from the EVIDENCE below, reconciled with the EXISTING RULES, as the JSON object described.',
  ].join('\n');
  let used = estimateTokens(SYSTEM_PROMPT) + estimateTokens(header);
  if (used >= budgetTokens) throw new RangeError(`A token budget of ${budgetTokens} is too small for the instructions alone (${used} tokens).`);

  const existingRuleById = new Map<string, ExistingRule>();
  const existingLines: string[] = [];
  const existingBudget = Math.floor(budgetTokens * EXISTING_RULES_BUDGET_SHARE);
  let existingUsed = 0;
  for (const rule of source.existingRules) {
    const id = `R${existingRuleById.size + 1}`;
    const line = renderExistingRule(id, rule);
    const cost = estimateTokens(line) + 1;
    if (existingUsed + cost > existingBudget) break;
    existingRuleById.set(id, rule);
    existingLines.push(line);
    existingUsed += cost;
  }
  const existingSection = [
    `## EXISTING RULES (${existingRuleById.size}${existingRuleById.size < source.existingRules.length ? ` of ${source.existingRules.length}` : ''})`,
    ...(existingLines.length > 0 ? existingLines : ['(none)']),
  ].join('\n');
  used += estimateTokens(existingSection) + 1;

  const ranked = rankFindings(source.findings);
  const evidenceHeading = (sent: number) =>
    `## EVIDENCE (${sent} of ${ranked.length} findings, strongest and most recent first)`;
  used += estimateTokens(evidenceHeading(ranked.length)) + 1;

  const evidenceById = new Map<string, Finding>();
  const blocks: string[] = [];
  for (const finding of ranked) {
    const id = `E${evidenceById.size + 1}`;
    const block = renderFinding(id, finding);
    const cost = estimateTokens(block) + 1;
    if (used + cost > budgetTokens) break;
    evidenceById.set(id, finding);
    blocks.push(block);
    used += cost;
  }

  const user = [header, '', existingSection, '', evidenceHeading(evidenceById.size), ...blocks.flatMap((block) => [block, ''])]
    .join('\n')
    .trimEnd();
  return {
    system: SYSTEM_PROMPT,
    user,
    evidenceById,
    existingRuleById,
    findingsSent: evidenceById.size,
    findingsTotal: ranked.length,
    existingRulesSent: existingRuleById.size,
    existingRulesTotal: source.existingRules.length,
    budgetTokens,
    estimatedTokens: estimateTokens(SYSTEM_PROMPT) + estimateTokens(user),
  };
}
