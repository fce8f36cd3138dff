import { SensitiveAnchor } from './sensitiveTextPrefilter.js';

/**
 * The secret shapes redactSecrets looks for, most specific first: a provider key is
 * named after its provider before the generic `NAME=value` rule could call it an env secret.
 *
 * Why not secretlint (installed as @secretlint/core + preset-recommend): its only API,
 * `lintSource`, is asynchronous and ESM-only, so every caller (the marker-section renderer,
 * which is pure and synchronous) would turn async; it costs ~0.4 ms per small string; and its
 * recommended preset does not cover `.env`-style `*_TOKEN=` / `PASSWORD=` values or bare
 * bearer headers, which are the common leak in shell commands. The unit tests use secretlint
 * as an oracle instead: nothing it finds in the planted samples survives redactSecrets.
 */
export interface SecretPattern {
  /** Appears in the placeholder: `[REDACTED:<kind>]`. */
  kind: string;
  pattern: RegExp;
  /**
   * Which capture group holds the secret; the rest of the match is kept
   * (e.g. `Authorization: Bearer ` stays, the token goes). 0 = the whole match.
   */
  secretGroup: number;
  /** Extra check on the captured secret, for shapes a regex alone would over-match. */
  accept?: (secret: string) => boolean;
  /**
   * A cheap test every text with a match passes (a literal the pattern cannot match without): texts that fail it
   * skip the pattern. Only speed: the result is the same with or without it (a property test checks that).
   */
  requires?: (text: string) => boolean;
  /**
   * What every text this pattern matches holds (sensitiveAnchors finds them all in one pass): redactSensitiveText
   * tries only the patterns whose anchor the text has. Only speed, like `requires` (a property test checks it).
   */
  anchor: SensitiveAnchor;
}

/** `requires` for a pattern that cannot match without one of these literals (a plain regex of alternatives). */
const anyOf = (literals: RegExp) => (text: string) => literals.test(text);

const hasLetterAndDigit = (s: string): boolean => /[A-Za-z]/.test(s) && /[0-9]/.test(s);

/** Values that name a secret instead of holding one: `$TOKEN`, `${TOKEN}`, `%TOKEN%`, `<your-key>`, `xxxx`, `****`. */
function looksLikePlaceholder(value: string): boolean {
  const v = value.replace(/^["']|["']$/g, '');
  if (v.length === 0) return true;
  if (/^(\$|%|<|\{\{|\[REDACTED)/.test(v)) return true;
  if (/^(.)\1*$/.test(v)) return true;
  if (/^(true|false|null|none|undefined|nil|string|number|boolean|str|int|bytes|required|optional)$/i.test(v)) return true;
  if (/^(your|my|the|some|example|changeme|placeholder)[-_ ]/i.test(v)) return true;
  if (/^(os\.environ|process\.env|getenv|env\()/i.test(v)) return true;
  return false;
}

/** Upper-case names of secrets (case-sensitive, so `primary_key=` or `sort_key=` in code stay): `*_KEY`, `*_SECRET`, `*_TOKEN`, `*PASSWORD`. */
const ENV_SECRET_NAME = '(?:[A-Z0-9_]*(?:_KEY|_SECRET|_TOKEN|_PASSWORD|_PASSWD|_PWD|_CREDENTIALS?)|[A-Z0-9_]*PASSWORD|PASSWD|SECRET|TOKEN|APIKEY)';
/** Secret words in any case, with optional `prefix_` / `prefix-` parts: `password`, `db_password`, `--github-token`, `apiKey`, `client_secret`. */
const WORD_SECRET_NAME =
  '(?:[a-z0-9]+[_-])*(?:password|passwd|secret|token|api[_-]?key|access[_-]?token|auth[_-]?token|refresh[_-]?token|client[_-]?secret|secret[_-]?key|private[_-]?key)';
/**
 * `=` (not `==`) right before the value, or ` = ` with spaces on both sides (ini, Python), but
 * not the shell's `NAME= cmd` (an empty value); `: ` before a quoted value; or YAML's `key: value`.
 */
const ASSIGNMENT = '["\']?(?:=(?![=\\s])|[ \\t]+=(?!=)[ \\t]*|\\s*:\\s*(?=["\'])|:[ \\t]+(?=\\S))';
/** A value: quoted, or a run of characters that cannot end a shell word. */
const SECRET_VALUE = '("[^"\\n]*"|\'[^\'\\n]*\'|[^\\s"\'`,;&|)\\]}]+)';

function assignmentPattern(name: string, flags: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9_])["']?${name}${ASSIGNMENT}${SECRET_VALUE}`, flags);
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    kind: 'private_key', anchor: SensitiveAnchor.privateKey,
    // A whole PEM/OpenSSH private key block, or its beginning when the excerpt was cut off.
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END \1PRIVATE KEY(?: BLOCK)?-----|$)/g,
    secretGroup: 0,
    requires: (text) => text.includes('-----BEGIN '),
  },
  { kind: 'anthropic', anchor: SensitiveAnchor.keyPrefix, pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g, secretGroup: 0, requires: (text) => text.includes('sk-ant-') },
  {
    kind: 'openai', anchor: SensitiveAnchor.keyPrefix,
    pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g,
    secretGroup: 0,
    accept: (s) => !s.startsWith('sk-ant-') && hasLetterAndDigit(s.slice(3)),
    requires: (text) => text.includes('sk-'),
  },
  { kind: 'google', anchor: SensitiveAnchor.upperCaseLiteral, pattern: /\bAIza[0-9A-Za-z_-]{35}/g, secretGroup: 0, requires: (text) => text.includes('AIza') },
  { kind: 'github', anchor: SensitiveAnchor.keyPrefix, pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g, secretGroup: 0, requires: anyOf(/gh[pousr]_|github_pat_/) },
  { kind: 'aws_access_key', anchor: SensitiveAnchor.upperCaseLiteral, pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, secretGroup: 0, requires: anyOf(/AKIA|ASIA|ABIA|ACCA/) },
  {
    kind: 'aws_secret_key', anchor: SensitiveAnchor.secretAssignment,
    pattern: /\b(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    secretGroup: 1,
    requires: anyOf(/secret/i),
  },
  { kind: 'gitlab', anchor: SensitiveAnchor.keyPrefix, pattern: /\bgl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|agent)-[A-Za-z0-9_.-]{20,}/g, secretGroup: 0, requires: anyOf(/gl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|agent)-/) },
  { kind: 'huggingface', anchor: SensitiveAnchor.keyPrefix, pattern: /\bhf_[A-Za-z0-9]{30,}\b/g, secretGroup: 0, accept: (s) => hasLetterAndDigit(s.slice(3)), requires: (text) => text.includes('hf_') },
  { kind: 'slack', anchor: SensitiveAnchor.keyPrefix, pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g, secretGroup: 0, requires: (text) => text.includes('xox') },
  { kind: 'slack_webhook', anchor: SensitiveAnchor.slackWebhook, pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,}/g, secretGroup: 0, requires: (text) => text.includes('hooks.slack.com') },
  { kind: 'stripe', anchor: SensitiveAnchor.keyPrefix, pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g, secretGroup: 0, requires: anyOf(/k_(?:live|test)_/) },
  { kind: 'npm', anchor: SensitiveAnchor.keyPrefix, pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, secretGroup: 0, requires: (text) => text.includes('npm_') },
  { kind: 'jwt', anchor: SensitiveAnchor.jwt, pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, secretGroup: 0, requires: (text) => text.includes('eyJ') },
  {
    kind: 'auth_header', anchor: SensitiveAnchor.secretAssignment,
    // `Authorization: Bearer xyz`, `-H "Authorization: Basic xyz"`, `Proxy-Authorization: Token xyz`.
    pattern: /\b(?:Proxy-)?Authorization\s*:\s*(?:Bearer|Basic|Token|Bot|Digest)\s+([A-Za-z0-9._~+/=:-]{6,})/gi,
    secretGroup: 1,
    accept: (s) => !looksLikePlaceholder(s),
    requires: anyOf(/authorization/i),
  },
  {
    kind: 'bearer_token', anchor: SensitiveAnchor.upperCaseLiteral,
    // A bearer token outside an Authorization header, e.g. `--token "Bearer eyJ…"`. Needs a long, key-like value.
    pattern: /\bBearer\s+([A-Za-z0-9._~+/=-]{20,})/g,
    secretGroup: 1,
    accept: (s) => hasLetterAndDigit(s),
    requires: (text) => text.includes('Bearer'),
  },
  {
    kind: 'url_credentials', anchor: SensitiveAnchor.urlCredentials,
    // scheme://user:password@host — the user name and password both go. A password may hold `/` (unescaped, as
    // people type it); `host:8080/path/@scope` is a port and a path, not a password.
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/([^\s/:@]+:[^\s@]+)@/gi,
    secretGroup: 1,
    accept: (s) => {
      const password = s.slice(s.indexOf(':') + 1);
      return !s.startsWith('[REDACTED') && !/^\d*\//.test(password) && !looksLikePlaceholder(password);
    },
    requires: (text) => text.includes('://') && text.includes('@'),
  },
  {
    kind: 'basic_auth', anchor: SensitiveAnchor.clientFlag,
    // `curl -u user:password`, `curl --user=user:password`, `http -a user:password`: the pair goes.
    pattern: /\b(?:curl|https?|xh)\b[^\n|;&]*?\s(?:-u|--user|-a|--auth)(?:\s*|=)["']?([^\s:"']+:[^\s"']+)/g,
    secretGroup: 1,
    accept: (s) => !s.startsWith('[REDACTED') && !looksLikePlaceholder(s.slice(s.indexOf(':') + 1)),
    requires: (text) => /\s(?:-u|--user|-a|--auth)/.test(text) && /curl|http|xh/.test(text),
  },
  {
    kind: 'password', anchor: SensitiveAnchor.clientFlag,
    // The MySQL/MariaDB clients' `-pPASSWORD` (no space: `-p` alone prompts for it).
    pattern: /\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck|mariadb(?:-dump|-admin)?)\b[^\n|;&]*?\s-p("[^"\n]*"|'[^'\n]*'|[^\s"'`;&|]+)/g,
    secretGroup: 1,
    accept: (s) => !looksLikePlaceholder(s),
    requires: anyOf(/mysql|mariadb/),
  },
  {
    kind: 'password', anchor: SensitiveAnchor.clientFlag,
    // `-p X` / `-pX` of sshpass and registry logins.
    pattern: /\b(?:sshpass|(?:docker|podman|buildah|skopeo|helm|oras)\s+(?:registry\s+)?login)\b[^\n|;&]*?\s-p\s*("[^"\n]*"|'[^'\n]*'|[^\s"'`;&|]+)/g,
    secretGroup: 1,
    accept: (s) => !looksLikePlaceholder(s),
    requires: anyOf(/sshpass|login/),
  },
  {
    kind: 'password', anchor: SensitiveAnchor.secretFlag,
    // `--password X`, `--db-password X`, `--token X`, `--api-key X`: a secret flag with its value after a space.
    pattern: /(?<![\w-])--(?:[a-z0-9]+[-_])*(?:password|passwd|pass|pwd|token|secret|api[-_]?key)\s+("[^"\n]*"|'[^'\n]*'|[^\s"'`;&|-][^\s"'`;&|]*)/gi,
    secretGroup: 1,
    accept: (s) => !looksLikePlaceholder(s),
    requires: (text) => text.includes('--') && /pass|pwd|token|secret|api/i.test(text),
  },
  {
    kind: 'env_secret', anchor: SensitiveAnchor.secretAssignment,
    // NAME=value, NAME: "value", "NAME": "value" (shell, .env, JSON, YAML).
    pattern: assignmentPattern(ENV_SECRET_NAME, 'g'),
    secretGroup: 1,
    accept: (s) => !looksLikePlaceholder(s),
    // The name ends in one of these words, then an optional quote, optional space and `=` or `:` (ASSIGNMENT).
    requires: anyOf(/(?:KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD|CREDENTIALS?)["']?\s*[=:]/),
  },
  {
    kind: 'env_secret', anchor: SensitiveAnchor.secretAssignment,
    // password=…, --github-token=…, apiKey: "…", db_password: … in any case.
    pattern: assignmentPattern(WORD_SECRET_NAME, 'gi'),
    secretGroup: 1,
    accept: (s) => !looksLikePlaceholder(s),
    // The name ends in one of these words (api_key, access_token, …), then an optional quote, space, `=` or `:`.
    requires: anyOf(/(?:passwd|password|secret|token|key)["']?\s*[=:]/i),
  },
];
