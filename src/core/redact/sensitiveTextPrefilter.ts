/**
 * One cheap look at a text that tells which patterns of redactSensitiveText (SECRET_PATTERNS, then
 * PERSONAL_DATA_MASKS) could match it. Most session text holds nothing to redact; before this, each of the
 * ~25 patterns' own guards scanned all of it (each guard a full pass), which cost more than the rest of the scan.
 *
 * Every pattern needs one anchor (its `anchor`): a punctuation character (`-`, `_`, `:`, `=`, `@`, `+`, `(`, `.`)
 * with a known word right before or after it, or a rare literal (`AIza`, `AKIA`, `Bearer`). The punctuation is found
 * with String.indexOf (a memchr) and only its neighbours are looked at. It is only a shortcut: whenever a pattern
 * matches a text, the text has that pattern's anchor (a property test checks it against the patterns themselves);
 * a text may have an anchor and still no match.
 */
export const SensitiveAnchor = {
  /** `@` after a character an address can end in, before a letter, digit or `-`: email. */
  emailAt: 1,
  /** `AIza` (google), `AKIA`/`ASIA`/`ABIA`/`ACCA` (aws_access_key), `Bearer` (bearer_token). */
  upperCaseLiteral: 2,
  /** `.eyJ`: the second part of a JWT. */
  jwt: 4,
  /** The start of the phone mask's three shapes: `+44 20…`, `(415) 555-0134`, `415-555-0134` / `415.555.0134`. */
  phone: 8,
  /** A provider key's prefix ending in `-` (`sk-`, `glpat-`, `xoxb-`) or `_` (`ghp_`, `github_pat_`, `hf_`, `npm_`, `sk_live_`). */
  keyPrefix: 16,
  /** `-----BEGIN `. */
  privateKey: 32,
  /** `--` and a flag name holding pass, pwd, token, secret or api, in any case. */
  secretFlag: 64,
  /** `-p`, `-u`, `-a`, `--…` after white space, in a text naming mysql, mariadb, sshpass, login, curl, http or xh. */
  clientFlag: 128,
  /** A secret's name (…key, …secret, …token, passw(or)d, pwd, credential(s), authorization), then `=` or `:`. */
  secretAssignment: 256,
  /** `://hooks.slack.com`. */
  slackWebhook: 512,
  /** `://` and an `@` after a character that is not white space: url_credentials (`scheme://user:password@host`). */
  urlCredentials: 1024,
} as const;
export type SensitiveAnchor = (typeof SensitiveAnchor)[keyof typeof SensitiveAnchor];

/** The anchors (SensitiveAnchor bits) found in `text`; 0 when no pattern can match it. */
export function sensitiveAnchors(text: string): number {
  let found = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) found |= anchorsAtSign(text, at);
  if ((found & SensitiveAnchor.urlCredentials) !== 0 && !text.includes('://')) found &= ~SensitiveAnchor.urlCredentials;
  if (hasUpperCaseLiteral(text)) found |= SensitiveAnchor.upperCaseLiteral;
  if (text.includes('.eyJ')) found |= SensitiveAnchor.jwt;
  if (PHONE_SHAPES.test(text)) found |= SensitiveAnchor.phone;
  const clientFlags = { named: undefined as boolean | undefined };
  for (let at = text.indexOf('-'); at !== -1; at = text.indexOf('-', at + 1)) found |= anchorsAtDash(text, at, clientFlags);
  for (let at = text.indexOf('_'); at !== -1 && (found & SensitiveAnchor.keyPrefix) === 0; at = text.indexOf('_', at + 1)) {
    if (BEFORE_UNDERSCORE.test(text.slice(Math.max(0, at - 10), at))) found |= SensitiveAnchor.keyPrefix;
  }
  for (const mark of ASSIGNMENT_MARKS) {
    for (let at = text.indexOf(mark); at !== -1; at = text.indexOf(mark, at + 1)) found |= anchorsAtAssignment(text, at);
  }
  return found;
}

/** The email mask's character before `@` ([\w.+-]) and after it ([A-Za-z0-9-]); url_credentials' before it (not \s or `@`). */
function anchorsAtSign(text: string, at: number): number {
  if (at === 0) return 0;
  const before = text.charCodeAt(at - 1);
  if (isSpace(before) || before === AT_SIGN) return 0;
  const email = EMAIL_END.test(text.charAt(at - 1)) && EMAIL_DOMAIN_START.test(text.charAt(at + 1));
  return SensitiveAnchor.urlCredentials | (email ? SensitiveAnchor.emailAt : 0);
}

const EMAIL_END = /[\w.+-]/;
const EMAIL_DOMAIN_START = /[A-Za-z0-9-]/;

/** `AIza`, `AKIA`, `ASIA`, `ABIA`, `ACCA` (found from each `A`, twice as fast as one regular expression) or `Bearer`. */
function hasUpperCaseLiteral(text: string): boolean {
  for (let at = text.indexOf('A'); at !== -1; at = text.indexOf('A', at + 1)) {
    const next = text.charCodeAt(at + 1);
    if (next !== UPPER_I && next !== UPPER_K && next !== UPPER_S && next !== UPPER_B && next !== UPPER_C) continue;
    if (PROVIDER_LITERALS.some((literal) => text.startsWith(literal, at))) return true;
  }
  return text.includes('Bearer');
}

const PROVIDER_LITERALS = ['AIza', 'AKIA', 'ASIA', 'ABIA', 'ACCA'];

/**
 * The phone mask's three shapes as far as each must go: `+`, digits, an optional `(area)`, digits and one
 * separated group of two digits; `(ddd) ddd-dddd`; `ddd-ddd-dddd` (or dots). Not just `(ddd)`: code is full of `f(101)`.
 */
const PHONE_SHAPES = /\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}[ .-]\d{2}|\(\d{3}\) ?\d{3}[-.]\d{4}|\d{3}[-.]\d{3}[-.]\d{4}/;

/** Provider key prefixes that end in `-`: openai/anthropic `sk-`, gitlab `glpat-` …, slack `xoxb-` …. */
const BEFORE_DASH = /(?:sk|gl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|agent)|xox[abposre])$/;
/** The words a client-flag pattern needs somewhere in the text (password's `mysql`/`sshpass`/`login`, basic_auth's clients). */
const FLAG_COMMANDS = /mysql|mariadb|sshpass|login|curl|http|xh/;
/** From the second `-` of a `--flag`: the secret words it can end in (the password pattern, case-insensitive). Sticky. */
const SECRET_FLAG_WORD = /-[a-z0-9_-]*?(?:pass|pwd|token|secret|api)/iy;

/**
 * At a `-`: a key prefix before it; `-----BEGIN `; a secret `--flag`; `-p`/`-u`/`-a`/`--user`/`--auth` after white
 * space (FLAG_COMMANDS looked for once per text, in `clientFlags`).
 */
function anchorsAtDash(text: string, at: number, clientFlags: { named: boolean | undefined }): number {
  let found = 0;
  if (BEFORE_DASH.test(text.slice(Math.max(0, at - 8), at))) found |= SensitiveAnchor.keyPrefix;
  const next = text.charCodeAt(at + 1);
  if (next === DASH) {
    if (text.startsWith('-----BEGIN ', at)) found |= SensitiveAnchor.privateKey;
    SECRET_FLAG_WORD.lastIndex = at + 1;
    if (SECRET_FLAG_WORD.test(text)) found |= SensitiveAnchor.secretFlag;
  }
  if ((next === DASH || next === LOWER_P || next === LOWER_U || next === LOWER_A) && isSpace(text.charCodeAt(at - 1))) {
    clientFlags.named ??= FLAG_COMMANDS.test(text);
    if (clientFlags.named) found |= SensitiveAnchor.clientFlag;
  }
  return found;
}

/** Provider key prefixes that end in `_`: github `ghp_` … `github_pat_`, huggingface `hf_`, stripe `sk_live_` …, npm `npm_`. */
const BEFORE_UNDERSCORE = /(?:gh[pousr]|github_pat|hf|npm|k_live|k_test)$/;

const ASSIGNMENT_MARKS = [':', '='];

/**
 * A secret's name before a `:` or `=`, after an optional quote and white space: env_secret in either case,
 * aws_secret_key, auth_header's `Authorization:`. The white space (`\s*`, any length) is skipped before the name is
 * looked for, so 16 characters are enough for the longest name and its quote.
 */
const SECRET_NAME_BEFORE = /(?:key|secret|token|passwd|password|pwd|credentials?|authorization)["']?$/i;

function anchorsAtAssignment(text: string, at: number): number {
  if (text.startsWith('//hooks.slack.com', at + 1)) return SensitiveAnchor.slackWebhook;
  let end = at;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end -= 1;
  return SECRET_NAME_BEFORE.test(text.slice(Math.max(0, end - 16), end)) ? SensitiveAnchor.secretAssignment : 0;
}

const DASH = 0x2d;
const UPPER_B = 0x42;
const UPPER_C = 0x43;
const UPPER_I = 0x49;
const UPPER_K = 0x4b;
const UPPER_S = 0x53;
const AT_SIGN = 0x40;
const LOWER_P = 0x70;
const LOWER_U = 0x75;
const LOWER_A = 0x61;

/** `\s` of a JavaScript regular expression. */
function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
