import { splitCodeSpans } from './codeSpans.js';
import { MAX_RULE_LINE_LENGTH, sanitizeRuleText } from './sanitizeRuleText.js';

/** Longest command or path (code span content) a rule may name: a longer one is too specific to be a rule. */
const MAX_CODE_SPAN_CHARS = 100;

/** How much of an over-long code span the reason quotes. */
const QUOTED_CODE_CHARS = 40;

function codeContent(span: string): string {
  return span.replace(/^`+ ?/, '').replace(/ ?`+$/, '');
}

/**
 * Why a rule cannot be written as one whole line, or undefined when it can: it names a command or path that is
 * cut off with `…` (by an analyzer), one longer than MAX_CODE_SPAN_CHARS, or its line is too long to shorten
 * without cutting one. Prose may be shortened; a command or path is stated whole or the rule is not written.
 */
function ruleNotWhole(ruleText: string): string | undefined {
  for (const line of sanitizeRuleText(ruleText).split('\n')) {
    for (const segment of splitCodeSpans(line)) {
      if (!segment.code) continue;
      const code = codeContent(segment.text);
      if (code.length > MAX_CODE_SPAN_CHARS) {
        return `names a command or path longer than ${MAX_CODE_SPAN_CHARS} characters (${code.slice(0, QUOTED_CODE_CHARS)} …): one too long to state whole is too specific to be a rule`;
      }
      if (code.includes('…')) return `names \`${code}\`, a command or path cut off with …: a rule states it whole or not at all`;
    }
    if (line.length > MAX_RULE_LINE_LENGTH) return `longer than ${MAX_RULE_LINE_LENGTH} characters, and shortening it would cut a command or path`;
  }
  return undefined;
}

/** The rules that can be written whole, and the others with the reason the user sees. */
export function withoutCutRules<T extends { text: string }>(rules: readonly T[]): { kept: T[]; dropped: Array<{ rule: T; why: string }> } {
  const kept: T[] = [];
  const dropped: Array<{ rule: T; why: string }> = [];
  for (const rule of rules) {
    const why = ruleNotWhole(rule.text);
    if (why) dropped.push({ rule, why });
    else kept.push(rule);
  }
  return { kept, dropped };
}
