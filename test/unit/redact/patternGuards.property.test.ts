// Each pattern's `requires` and `anchor` are only shortcuts: with or without them, redaction gives the same text and counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redactPatterns, redactSecrets, redactSensitiveText } from '../../../src/core/redact/redactSecrets.js';
import { sensitiveAnchors } from '../../../src/core/redact/sensitiveTextPrefilter.js';
import { withoutControlCharacters } from '../../../src/core/redact/controlCharacters.js';
import { SECRET_PATTERNS, type SecretPattern } from '../../../src/core/redact/secretPatterns.js';
import { PERSONAL_DATA_MASKS } from '../../../src/core/redact/personalData.js';

const GUARDED = [...SECRET_PATTERNS, ...PERSONAL_DATA_MASKS];
const UNGUARDED: SecretPattern[] = GUARDED.map(({ requires: _requires, ...pattern }) => pattern);

/** Pieces of every secret shape the patterns know, and the text around them, in any order and case. */
const PIECES = [
  'API_KEY=', 'DB_PASSWORD=', 'GITHUB_TOKEN: "', 'client_secret=', 'password: ', 'apiKey": "', 'Private-Key = ', 'secret_access_key=',
  'sk-ant-', 'sk-proj-', 'sk-', 'AIza', 'ghp_', 'github_pat_', 'AKIA', 'ASIA', 'glpat-', 'hf_', 'xoxb-', 'hooks.slack.com/services/', 'sk_live_', 'rk_test_', 'npm_', 'eyJ', '.eyJ',
  'Authorization: Bearer ', 'authorization: basic ', 'Bearer ', 'https://', 'postgres://', 'admin:s3cretPw@db', 'user:', 'pw', '@', 'git@', 'example.com', '.org',
  'curl ', 'curl -u ', 'http ', ' -u ', ' --user=', ' -a ', 'mysql ', 'mariadb-dump ', ' -p', 'sshpass ', 'docker login ', 'helm registry login ', '--password ', '--api-key ', '--token ',
  '-----BEGIN RSA PRIVATE KEY-----', '-----END RSA PRIVATE KEY-----', '+44 20 7946 0958', '(415) 555-0134', '415.555.0134',
  '+1 (415) 555-0134', '+4420', 'f(101)', '@@ -1,3 +1,4 @@', 'xAKIA', 'AIzb', 'password :', 'TOKEN"  =', 'Authorization :', 'key\n\n  = ', "secret' : ", '--my-long-db-', 'mkdir -p ', ' --auth ', '@host', 'a@', 'ghs_', 'glagent-', 'xoxe-', 'AWS_SECRET_ACCESS_KEY',
  'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRST', '0123456789', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0', '=', ':', ' ', '\n', '\t', '"', "'", '/', '-', '_', '$TOKEN', '<your-key>',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).chain((pieces) =>
  fc.array(fc.boolean(), { minLength: pieces.length, maxLength: pieces.length }).map((upper) => pieces.map((p, i) => (upper[i] ? p.toUpperCase() : p)).join('')),
);

test('redaction with the patterns\' shortcuts gives what it gives without them', () => {
  fc.assert(
    fc.property(text, (sample) => {
      assert.deepEqual(redactPatterns(sample, GUARDED), redactPatterns(sample, UNGUARDED));
    }),
    { numRuns: 3000 },
  );
});

test('the generated texts do reach the patterns (the property is not vacuous)', () => {
  const samples = fc.sample(text, { numRuns: 10000, seed: 42 });
  const kinds = new Set(samples.flatMap((sample) => redactPatterns(sample, UNGUARDED).findings.map((f) => f.rule)));
  for (const kind of ['env_secret', 'anthropic', 'openai', 'github', 'auth_header', 'bearer_token', 'url_credentials', 'email', 'phone', 'private_key', 'password', 'basic_auth']) {
    assert.ok(kinds.has(kind), `some sample has a ${kind} (found: ${[...kinds].join(', ')})`);
  }
});

const SECRETS_ONLY = UNGUARDED.slice(0, SECRET_PATTERNS.length);

test('redaction tries only the patterns whose anchor the text has, and gives what every pattern unguarded gives', () => {
  fc.assert(
    fc.property(text, (sample) => {
      assert.deepEqual(redactSensitiveText(sample), redactPatterns(sample, UNGUARDED));
      assert.deepEqual(redactSecrets(sample), redactPatterns(sample, SECRETS_ONLY));
    }),
    { numRuns: 3000 },
  );
});

test('a text every pattern matches has that pattern\'s anchor', () => {
  fc.assert(
    fc.property(text, (sample) => {
      const anchors = sensitiveAnchors(sample);
      for (const pattern of UNGUARDED) {
        if (redactPatterns(sample, [pattern]).findings.length === 0) continue;
        assert.notEqual(anchors & pattern.anchor, 0, `${pattern.kind} matches ${JSON.stringify(sample)} but its anchor was not found`);
      }
    }),
    { numRuns: 3000 },
  );
});

test('the anchors are not vacuous: most generated texts lack some, and plain prose has none', () => {
  const samples = fc.sample(text, { numRuns: 2000, seed: 7 });
  for (const pattern of UNGUARDED) {
    assert.ok(
      samples.some((sample) => (sensitiveAnchors(sample) & pattern.anchor) === 0),
      `some sample lacks the anchor of ${pattern.kind}`,
    );
  }
  assert.equal(sensitiveAnchors('The build passed. 42 files changed, see src/app.ts line 12 (a note) - done.'), 0);
});

// The three passes of withoutControlCharacters as they were, each over the whole text (the reference for its quick check).
/* eslint-disable no-control-regex -- finding control characters is the point */
const referenceWithoutControls = (sample: string): string =>
  sample
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(
      /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c\n]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -/]*[0-~]?/g,
      '',
    )
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');
/* eslint-enable no-control-regex */

test('withoutControlCharacters returns a text without any character to rewrite as it is, and rewrites the rest as the three passes do', () => {
  const controls = ['\u001b[31m', '\u001b]52;c;x\u0007', '\u009b2J', '\r\n', '\r', '\u2028', '\u2029', '\u0000', '\u0007', '\u007f', '\u0085', '\u202e', '\u2066', '\u200f', '\t', '\n', 'plain', 'é', '😀'];
  const sample = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.array(fc.constantFrom(...controls), { maxLength: 12 }).map((parts) => parts.join('')));
  fc.assert(
    fc.property(sample, (value) => {
      assert.equal(withoutControlCharacters(value), referenceWithoutControls(value));
    }),
    { numRuns: 5000 },
  );
});
