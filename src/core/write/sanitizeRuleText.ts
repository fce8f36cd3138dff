import { withoutControlCharacters } from '../redact/controlCharacters.js';
import { redactSensitiveText } from '../redact/redactSecrets.js';
import { splitCodeSpans } from './codeSpans.js';

/** Longest line a rule may have; longer prose is cut with an ellipsis, never a code span (see cut). */
export const MAX_RULE_LINE_LENGTH = 400;

/**
 * Makes rule text safe to write into a marker section. Rule text comes from session logs and
 * LLM output, so it is untrusted:
 * - escape sequences and control characters (C0, C1, bidirectional overrides) go first
 *   (withoutControlCharacters), then secrets and personal data are masked (redactSensitiveText);
 * - zero-width characters go, tabs become spaces, each line is trimmed (no trailing-space hard breaks);
 * - at most two lines survive: the bullet line and one continuation line (the spec's
 *   "`wrong` ⏎ → actually at `right`" style); further lines are joined onto the continuation;
 * - HTML is escaped, not stripped, so the reader still sees what was meant: outside code spans
 *   `<` and `>` become `&lt;` and `&gt;` (no tag, comment or marker can form); inside code spans
 *   Markdown already shows `<` literally, so only the comment delimiters `<!--` / `-->` are
 *   broken with a space (`<!- -`, `- ->`), so no tool scanning for comments can see one;
 * - a line that would start a Markdown block (heading, code fence, list item, setext underline) gets a backslash.
 * The result is idempotent: sanitising it again changes nothing.
 */
export function sanitizeRuleText(text: string): string {
  const redacted = redactSensitiveText(withoutControlCharacters(text)).text;
  const lines = redacted
    .replace(/\t/g, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (lines.length === 0) return '';
  const [head, ...rest] = lines;
  const out = [cut(escapeLineStart(escapeHtml(head), 'head'))];
  if (rest.length > 0) out.push(cut(escapeLineStart(escapeHtml(rest.join(' ')), 'continuation')));
  return out.join('\n');
}

/** The bullet line and the optional continuation line of sanitised rule text. */
export function ruleLines(sanitized: string): { head: string; continuation?: string } {
  const newline = sanitized.indexOf('\n');
  return newline === -1 ? { head: sanitized } : { head: sanitized.slice(0, newline), continuation: sanitized.slice(newline + 1) };
}

function escapeHtml(line: string): string {
  return splitCodeSpans(line)
    .map((segment) =>
      segment.code
        ? segment.text.replace(/<!--|-->/g, (m) => (m === '<!--' ? '<!- -' : '- ->'))
        : segment.text.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    )
    .join('');
}

function escapeLineStart(line: string, position: 'head' | 'continuation'): string {
  // `>` is already `&gt;` here, so no quote can start. After "- " a heading or a code fence would
  // change the bullet (a fence would also hide the end marker); a continuation line could also
  // start a new list item or turn the bullet into a heading.
  const blockStart =
    position === 'head' ? /^(#|`{3,}|~{3,})/ : /^(#|`{3,}|~{3,}|[-*+](\s|$)|\d+[.)](\s|$)|={3,}|-{3,}|\*{3,}|_{3,})/;
  return blockStart.test(line) ? `\\${line}` : line;
}

/**
 * Shortens a line to MAX_RULE_LINE_LENGTH by cutting the prose after its last code span (never inside an entity,
 * so sanitising stays idempotent). A line that could only be shortened by cutting or dropping a code span, a
 * command or a path, is left whole: the pipeline drops such a rule before it reaches a file (ruleNotWhole).
 */
function cut(line: string): string {
  if (line.length <= MAX_RULE_LINE_LENGTH) return line;
  const budget = MAX_RULE_LINE_LENGTH - 1;
  if (endOfLastCodeSpan(line) > budget) return line;
  return `${line.slice(0, budget).replace(/&[a-z]*$/, '').trimEnd()}…`;
}

/** Where the line's last code span ends (0 when it has none). */
export function endOfLastCodeSpan(line: string): number {
  let end = 0;
  let position = 0;
  for (const segment of splitCodeSpans(line)) {
    position += segment.text.length;
    if (segment.code) end = position;
  }
  return end;
}
