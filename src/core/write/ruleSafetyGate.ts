import { findPersonalData, personalDataReason } from '../redact/personalData.js';
import { withoutControlCharacters } from '../redact/controlCharacters.js';
import { REDACTION_PLACEHOLDER, redactSecrets } from '../redact/redactSecrets.js';
import { sanitizeRuleText } from './sanitizeRuleText.js';

/** How a placeholder's kind reads in a dropped rule's reason; kinds not listed are secrets. */
const PLACEHOLDER_REASONS: Record<string, string> = {
  email: 'personal data (an email address)',
  phone: 'personal data (a phone number)',
  url_credentials: 'names a URL with credentials',
  basic_auth: 'names a user name and password',
};

/**
 * Why a rule may not be written because of what it names, or undefined when it may: a secret or a URL with
 * credentials (masked in the sessions, or by sanitizeRuleText when an LLM wrote it raw: a placeholder either way), personal data or a machine
 * path. A rule whose substance is a secret is dropped, not masked: `[REDACTED:password]` helps no agent.
 */
export function unsafeRuleReason(ruleText: string): string | undefined {
  const raw = withoutControlCharacters(ruleText);
  const secret = redactSecrets(raw).findings[0]?.rule;
  if (secret) return placeholderReason(secret);
  const hit = findPersonalData(raw);
  if (hit) return personalDataReason(hit);
  const placeholder = REDACTION_PLACEHOLDER.exec(sanitizeRuleText(ruleText));
  return placeholder ? placeholderReason(placeholder[1]) : undefined;
}

function placeholderReason(kind: string): string {
  return PLACEHOLDER_REASONS[kind] ?? `names a secret (${kind})`;
}

/**
 * The last gate before a rules file, whatever wrote the rule (templates or an LLM): rules whose
 * rendered text names a secret, personal data or a machine path are taken out, each with the reason the user sees.
 */
export function withoutUnsafeRules<T extends { text: string }>(rules: readonly T[]): { kept: T[]; dropped: Array<{ text: string; why: string }> } {
  const kept: T[] = [];
  const dropped: Array<{ text: string; why: string }> = [];
  for (const rule of rules) {
    const why = unsafeRuleReason(rule.text);
    if (why) dropped.push({ text: rule.text, why });
    else kept.push(rule);
  }
  return { kept, dropped };
}
