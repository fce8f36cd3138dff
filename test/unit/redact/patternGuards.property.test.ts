// Each pattern's `requires` is only a shortcut: with or without it, redaction gives the same text and counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redactPatterns } from '../../../src/core/redact/redactSecrets.js';
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
