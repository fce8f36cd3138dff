import { PERSONAL_DATA_MASKS } from './personalData.js';
import { SECRET_PATTERNS, type SecretPattern } from './secretPatterns.js';
import { sensitiveAnchors } from './sensitiveTextPrefilter.js';

interface RedactionFinding {
  /** The pattern's kind, e.g. 'anthropic', 'env_secret'. */
  rule: string;
  count: number;
}

export interface RedactionResult {
  text: string;
  /** One entry per kind that matched, in pattern order; empty when nothing was redacted. */
  findings: RedactionFinding[];
}

function redactionPlaceholder(kind: string): string {
  return `[REDACTED:${kind}]`;
}

/**
 * Replaces secrets (provider API keys, tokens, passwords, private keys, credentials in
 * URLs and auth headers) with `[REDACTED:<kind>]`. Synchronous, offline and pure, so it
 * can run on every excerpt before it leaves the machine or is written to a file.
 * Idempotent: redacting a redacted text changes nothing.
 */
export function redactSecrets(text: string): RedactionResult {
  return redactAnchoredPatterns(text, SECRET_PATTERNS);
}

/** redactSecrets, then personal data (emails, phone numbers) masked the same way: what session text and prompts get. */
export function redactSensitiveText(text: string): RedactionResult {
  return redactAnchoredPatterns(text, SENSITIVE_PATTERNS);
}

const SENSITIVE_PATTERNS = [...SECRET_PATTERNS, ...PERSONAL_DATA_MASKS];

/** A placeholder redaction left: `[REDACTED:<kind>]`, the kind in group 1. */
export const REDACTION_PLACEHOLDER = /\[REDACTED:([a-z_]+)\]/;

/** Every pattern in turn over the text (each on the previous one's result), counting what each replaced. */
export function redactPatterns(text: string, patterns: readonly SecretPattern[]): RedactionResult {
  let current = text;
  const counts = new Map<string, number>();
  for (const pattern of patterns) {
    const { text: next, count } = applyPattern(current, pattern);
    if (count > 0) counts.set(pattern.kind, (counts.get(pattern.kind) ?? 0) + count);
    current = next;
  }
  return { text: current, findings: [...counts].map(([rule, count]) => ({ rule, count })) };
}

/**
 * redactPatterns, trying only the patterns whose anchor the text has (sensitiveAnchors: one pass over the text
 * instead of one per pattern). The same result: a pattern without its anchor cannot match. After a replacement the
 * anchors are looked for again, in the text the next patterns see.
 */
function redactAnchoredPatterns(text: string, patterns: readonly SecretPattern[]): RedactionResult {
  let anchors = sensitiveAnchors(text);
  if (anchors === 0) return { text, findings: [] };
  let current = text;
  const counts = new Map<string, number>();
  for (const pattern of patterns) {
    if ((anchors & pattern.anchor) === 0) continue;
    const { text: next, count } = applyPattern(current, pattern);
    if (count === 0) continue;
    counts.set(pattern.kind, (counts.get(pattern.kind) ?? 0) + count);
    current = next;
    anchors = sensitiveAnchors(current);
  }
  return { text: current, findings: [...counts].map(([rule, count]) => ({ rule, count })) };
}

function applyPattern(text: string, secret: SecretPattern): { text: string; count: number } {
  if (secret.requires && !secret.requires(text)) return { text, count: 0 };
  let count = 0;
  // Every pattern is global; String.prototype.replace resets lastIndex itself.
  const replaced = text.replace(secret.pattern, (...args: unknown[]) => {
    const match = args[0] as string;
    const value = secret.secretGroup === 0 ? match : (args[secret.secretGroup] as string | undefined);
    if (value === undefined || value.length === 0) return match;
    if (secret.accept && !secret.accept(value)) return match;
    count++;
    if (secret.secretGroup === 0) return redactionPlaceholder(secret.kind);
    // The secret group is the last part of these patterns, so replacing its last occurrence is exact.
    const at = match.lastIndexOf(value);
    return `${match.slice(0, at)}${redactionPlaceholder(secret.kind)}${match.slice(at + value.length)}`;
  });
  return { text: replaced, count };
}
