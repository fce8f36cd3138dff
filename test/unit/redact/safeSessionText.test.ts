import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutControlCharacters } from '../../../src/core/redact/controlCharacters.js';
import { redactSecrets, redactSensitiveText } from '../../../src/core/redact/redactSecrets.js';
import { safeExcerpt, safeSessionText } from '../../../src/core/redact/safeSessionText.js';

const AWS_ID = `AKIA${'Q7ZRT2MX'.repeat(2)}`;
const GITHUB = `ghp_${'a1B2c3D4e5'.repeat(4)}`;

test('an excerpt is cut after redaction: a cut inside a key or just before the @ of URL credentials leaves nothing of them', () => {
  // OUTPUT_EXCERPT_CHARS 2000 keeps a head of 1500: place each secret across that cut.
  for (const [secret, shown] of [
    [AWS_ID, 'AKIA'],
    [GITHUB, 'ghp_a1B2'],
    ['https://bob:hunter22x@git.example.com/r.git', 'hunter22'],
  ] as const) {
    for (const offset of [2, 4, 10, secret.indexOf('@') > 0 ? secret.indexOf('@') : 8]) {
      const text = `${'x'.repeat(1500 - offset)} ${secret} ${'y'.repeat(3000)}`;
      const excerpt = safeExcerpt(text);
      assert.ok(excerpt.length < text.length, 'the text was cut');
      assert.ok(!excerpt.includes(shown), `${shown} survives a cut ${offset} characters into ${secret}: …${excerpt.slice(1480, 1530)}…`);
    }
  }
});

test('a huge output is made safe only around the cut, and still leaves nothing of a secret the cut crosses', () => {
  const text = `${'x'.repeat(1497)} ${GITHUB} ${'y'.repeat(200_000)} ${AWS_ID} ${'z'.repeat(100)}`;
  const excerpt = safeExcerpt(text);
  assert.ok(!excerpt.includes('ghp_') && !excerpt.includes('AKIA'), excerpt);
  assert.match(excerpt, /…\[\d+ chars\]…/);
});

test('personal data in session text is masked: emails and phone numbers, not git remotes, versions, dates or numbers', () => {
  assert.equal(safeSessionText('mail bob.smith@example.org now'), 'mail [REDACTED:email] now');
  assert.equal(safeSessionText('call +1 415 555 0134 or (415) 555-0134 or 415.555.0134'), 'call [REDACTED:phone] or [REDACTED:phone] or [REDACTED:phone]');
  for (const kept of [
    'git@github.com:org/repo.git',
    'lodash@4.17.21',
    'npm i @types/node@20.1.2',
    '2026-01-15 10:00:00',
    'took 1234 ms, 12 345 678 bytes',
    'v1.2.3-rc.4',
    'port 127.0.0.1:8080',
    'docker run -u 1000:1000 img',
    'https://registry.npmjs.org:443/@types/node',
    'http://localhost:3000/users/bob@x',
  ]) {
    assert.equal(safeSessionText(kept), kept);
  }
});

test('redactSensitiveText counts personal data by kind; redactSecrets leaves it alone', () => {
  assert.deepEqual(redactSensitiveText('a@b.io and c@d.io').findings, [{ rule: 'email', count: 2 }]);
  assert.equal(redactSecrets('a@b.io').text, 'a@b.io');
});

test('withoutControlCharacters: escape sequences (7- and 8-bit), C0 and C1 controls, bidi overrides go; newlines and tabs stay', () => {
  const cases: Array<[string, string]> = [
    ['a\u001b]52;c;ZXZpbA==\u0007b', 'ab'],
    ['a\u001b]8;;https://x\u001b\\link\u001b]8;;\u001b\\b', 'alinkb'],
    ['a\u001b[2J\u001b[31mb\u001b[0m', 'ab'],
    ['a\u009b31mb\u009d0;title\u009cc', 'abc'],
    ['a\u0085b\u0000c\u007fd', 'abcd'],
    ['a\u001bcb', 'ab'],
    ['a\u202eb\u2066c', 'abc'],
    ['a\r\nb\rc\u2028d', 'a\nb\nc\nd'],
    ['a\tb\nc', 'a\tb\nc'],
    ['unterminated \u001b]0;title\nnext', 'unterminated \nnext'],
  ];
  for (const [raw, safe] of cases) assert.equal(withoutControlCharacters(raw), safe, JSON.stringify(raw));
});

test('safeSessionText: a control character inside a key does not hide it; idempotent', () => {
  const hidden = `ghp_${'a1B2c3D4e5'.repeat(2)}\u001b[0m${'a1B2c3D4e5'.repeat(2)}`;
  assert.equal(safeSessionText(hidden), '[REDACTED:github]');
  const once = safeSessionText(`x ${GITHUB} \u0085 bob@example.org -pX`);
  assert.equal(safeSessionText(once), once);
});
