import { z } from 'zod';
import { CATEGORIES } from '../../model/finding.js';

/** Longest rule text accepted from a model (a rule is one or two lines). */
const MAX_RULE_TEXT_CHARS = 600;

const proposedRuleSchema = z.object({
  category: z.enum(CATEGORIES),
  target: z.enum(['context', 'memory']),
  text: z.string().trim().min(1).max(MAX_RULE_TEXT_CHARS),
  evidenceIds: z.array(z.string().trim()).min(1),
  /** Exact text of an existing rule this one replaces; null or absent for a new rule. */
  replaces: z.string().trim().min(1).nullish(),
});
export type ProposedRule = z.infer<typeof proposedRuleSchema>;

export const analyzerAnswerSchema = z.object({
  rules: z.array(proposedRuleSchema),
});
export type AnalyzerAnswer = z.infer<typeof analyzerAnswerSchema>;
