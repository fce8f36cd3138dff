import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detachedCopy } from '../../../src/core/model/detachedCopy.js';
import { safeExcerpt } from '../../../src/core/redact/safeSessionText.js';

test('detachedCopy is the same text, for empty, short, long, sliced and joined strings', () => {
  const long = 'abc→😀\n'.repeat(5000);
  for (const text of ['', 'a', '→', long, long.slice(7, 9000), `${long.slice(0, 100)}\n…\n${long.slice(-100)}`, 'a\ud800b']) {
    assert.equal(detachedCopy(text), text);
  }
});

test('a cut excerpt turns a lone surrogate into U+FFFD, as the UTF-8 round trip it replaced did; a whole one keeps it', () => {
  const lone = 'x\ud800y';
  assert.equal(safeExcerpt(lone), lone);
  const cut = safeExcerpt(`${lone}${'z'.repeat(5000)}`);
  assert.ok(cut.startsWith('x\ufffdy'), JSON.stringify(cut.slice(0, 5)));
});
