import { findPersonalData, personalDataReason } from '../redact/personalData.js';
import { sanitizeRuleText } from './sanitizeRuleText.js';

/** Why a rule's final text may not be written, or undefined when it may: it names personal data or a machine path. */
export function personalDataIn(ruleText: string): string | undefined {
  const hit = findPersonalData(sanitizeRuleText(ruleText));
  return hit ? personalDataReason(hit) : undefined;
}

/**
 * The last gate before a rules file, whatever wrote the rule (templates or an LLM): rules whose
 * rendered text names personal data or a machine path are taken out, each with the reason the user sees.
 */
export function withoutPersonalData<T extends { text: string }>(rules: readonly T[]): { kept: T[]; dropped: Array<{ text: string; why: string }> } {
  const kept: T[] = [];
  const dropped: Array<{ text: string; why: string }> = [];
  for (const rule of rules) {
    const why = personalDataIn(rule.text);
    if (why) dropped.push({ text: rule.text, why });
    else kept.push(rule);
  }
  return { kept, dropped };
}
