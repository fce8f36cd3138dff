import { OUTPUT_EXCERPT_CHARS } from '../model/toolCall.js';
import { detachedCopy } from '../model/detachedCopy.js';
import { withoutControlCharacters } from './controlCharacters.js';
import { redactSensitiveText } from './redactSecrets.js';

/**
 * The one gate for text read from a session, applied before the text is cut, stored in a call, shown,
 * sent or written: escape sequences and control characters removed (withoutControlCharacters), then
 * secrets and personal data masked (redactSensitiveText). In that order, so a control character inside a
 * key cannot hide it from the patterns. Idempotent.
 */
export function safeSessionText(text: string): string {
  return redactSensitiveText(withoutControlCharacters(text)).text;
}

/** Characters either side of a cut that are redacted with the kept part, so a secret the cut crosses is seen whole. */
const REDACTION_MARGIN_CHARS = 8192;

/**
 * A bounded excerpt of session text (head and tail), made safe first (safeSessionText): the cut comes after
 * redaction, so it never leaves part of a secret behind. A huge text is made safe only where the excerpt is
 * taken, with a margin either side wide enough for any secret the cut crosses. The result is a fresh string:
 * a plain slice would keep the whole original output alive in memory for as long as the call.
 */
export function safeExcerpt(text: string, max = OUTPUT_EXCERPT_CHARS): string {
  if (text.length <= max + 2 * REDACTION_MARGIN_CHARS) return excerptOfSafeText(safeSessionText(text), max);
  const { head, tail } = excerptParts(max);
  const first = cutAt(safeSessionText(text.slice(0, head + REDACTION_MARGIN_CHARS)), head);
  return wellFormedCopy(`${first}${cutMarker(text.length - head - tail)}${safeTail(text, tail)}`);
}

/**
 * safeExcerpt of a text that is safe already (safeSessionText's result, or a safeExcerpt): the same cut, without
 * redacting again (safeSessionText is idempotent, so it would change nothing). E.g. a call that succeeded keeps a
 * short excerpt of the excerpt made safe when it was parsed.
 */
export function excerptOfSafeText(safe: string, max = OUTPUT_EXCERPT_CHARS): string {
  if (safe.length <= max) return safe;
  const { head, tail } = excerptParts(max);
  return wellFormedCopy(`${cutAt(safe, head)}${cutMarker(safe.length - head - tail)}${cutFrom(safe, safe.length - tail)}`);
}

/** How an excerpt of `max` characters splits: three quarters head, the rest tail but room for the cut marker. */
function excerptParts(max: number): { head: number; tail: number } {
  const head = Math.floor(max * 0.75);
  return { head, tail: max - head - 20 };
}

function cutMarker(cutChars: number): string {
  return `\n…[${cutChars} chars]…\n`;
}

/** The last `chars` characters of safeSessionText(text), made safe with a margin before them. */
function safeTail(text: string, chars: number): string {
  const safe = safeSessionText(text.slice(Math.max(0, text.length - chars - REDACTION_MARGIN_CHARS)));
  return safe.length <= chars ? safe : cutFrom(safe, safe.length - chars);
}

/**
 * A detached copy (detachedCopy) with each lone surrogate as U+FFFD, as its UTF-8 round trip through a Buffer gave
 * before (String.prototype.toWellFormed, ES2024, typed here since the project's lib is ES2022).
 */
function wellFormedCopy(text: string): string {
  return (detachedCopy(text) as string & { toWellFormed(): string }).toWellFormed();
}

/** `text` up to `at`, never ending on half a surrogate pair. */
function cutAt(text: string, at: number): string {
  if (text.length <= at) return text;
  const end = isLowSurrogate(text.charCodeAt(at)) ? at - 1 : at;
  return text.slice(0, end);
}

/** `text` from `at`, never starting on half a surrogate pair. */
function cutFrom(text: string, at: number): string {
  return text.slice(isLowSurrogate(text.charCodeAt(at)) ? at + 1 : at);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
