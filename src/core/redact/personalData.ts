import type { SecretPattern } from './secretPatterns.js';
import { SensitiveAnchor } from './sensitiveTextPrefilter.js';

/**
 * Personal data and machine paths in text that may reach an agent's rules file. Those files are
 * committed and shared, and the agent obeys them: a rule must never carry who the user is (emails,
 * phone numbers, commit trailers, commit hashes, their links and remotes) nor where things live
 * on their machine (home and temp folders, the agents' own data folders). Paths in rules are
 * project-relative; a rule naming anything else is wrong on every other machine.
 */
export interface PersonalDataHit {
  /** What the user sees as the reason a rule was dropped. */
  reason: 'personal data' | 'machine path';
  /** What was found, e.g. "an email address". */
  kind: string;
}

interface PersonalDataPattern extends PersonalDataHit {
  pattern: RegExp;
}

// A path starts after a boundary that is not part of a word or a relative path (so `src/home/x` is not a home folder).
const PATH_START = String.raw`(?:^|[\s\`'"(=:,\[])`;

// Most specific first: the kind reported is the first that matches.
const PERSONAL_DATA_PATTERNS: readonly PersonalDataPattern[] = [
  { reason: 'personal data', kind: 'a commit trailer', pattern: /\b(?:co-authored-by|signed-off-by|reviewed-by|reported-by)\s*:/i },
  { reason: 'personal data', kind: 'a git remote', pattern: /\b[\w.-]+@[\w.-]+:[\w.-]+\/[\w.-]+/ },
  { reason: 'personal data', kind: 'an email address', pattern: /[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/ },
  { reason: 'personal data', kind: 'a URL', pattern: /\b(?:https?|ssh|git|ftp|file):\/\/\S+/i },
  {
    reason: 'personal data',
    kind: 'a phone number',
    pattern: /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\b\d{2,4})[\s.-]\d{3,4}[\s.-]\d{3,4}\b/,
  },
  // 7–40 hex digits with at least one digit and one letter: a commit (not a word like "defaced", not a number).
  { reason: 'personal data', kind: 'a commit hash', pattern: /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b/ },
  { reason: 'machine path', kind: "an agent's data folder", pattern: /~[\\/]\.(?:claude|codex|gemini|codebuddy|grok)\b|[\\/]\.(?:claude|codex|gemini|codebuddy|grok)[\\/](?:projects|sessions|tmp)\b|\btool-results[\\/]/ },
  { reason: 'machine path', kind: 'a home folder', pattern: new RegExp(`${PATH_START}(?:/Users|/home|/root)/[^/\\s\`'"]+`) },
  { reason: 'machine path', kind: 'a home folder', pattern: /\b[A-Za-z]:[\\/]+Users[\\/]+[^\\/\s`'"]+/i },
  { reason: 'machine path', kind: 'a temp folder', pattern: new RegExp(`${PATH_START}(?:/private)?(?:/tmp|/var/tmp|/var/folders)(?:/|\\b)`) },
];

/** The first personal datum or machine path in `text`, or undefined when there is none. */
export function findPersonalData(text: string): PersonalDataHit | undefined {
  const hit = PERSONAL_DATA_PATTERNS.find((p) => p.pattern.test(text));
  return hit ? { reason: hit.reason, kind: hit.kind } : undefined;
}

/** "personal data (an email address)": the reason shown for a dropped rule. */
export function personalDataReason(hit: PersonalDataHit): string {
  return `${hit.reason} (${hit.kind})`;
}

/**
 * Personal data masked in everything read from a session (redactSensitiveText), whatever the output: who
 * the user is must not reach a terminal, a JSON report, a prompt or a file. Stricter than the patterns above,
 * which drop a rule on any hint: these rewrite session text, so a number table or a version must stay.
 */
export const PERSONAL_DATA_MASKS: readonly SecretPattern[] = [
  {
    kind: 'email',
    anchor: SensitiveAnchor.emailAt,
    pattern: /(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g,
    secretGroup: 0,
    // `git@github.com:org/repo` is a remote's fixed user, not a person.
    accept: (s) => !s.startsWith('git@'),
    requires: (text) => text.includes('@'),
  },
  {
    kind: 'phone',
    anchor: SensitiveAnchor.phone,
    // +44 20 7946 0958, +1 (415) 555-0134, (415) 555-0134, 415-555-0134, 415.555.0134.
    pattern: /(?<![\w.+/-])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]\d{2,4}){1,4}|\(\d{3}\)[ ]?\d{3}[-.]\d{4}|\d{3}[-.]\d{3}[-.]\d{4})(?!\w|[.+/-]\d)/g,
    secretGroup: 0,
    accept: (s) => {
      const digits = s.replace(/\D/g, '').length;
      return digits >= 8 && digits <= 15;
    },
  },
];
