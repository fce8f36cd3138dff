import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFileDiff } from '../../../src/cli/printDiff.js';
import { painter } from '../../../src/cli/output.js';

const plain = painter({ isTTY: false }, {});
const coloured = painter({ isTTY: true }, { FORCE_COLOR: '1' });

test('a new file: header says so and every line is an addition', () => {
  const text = formatFileDiff({ path: '/p/GEMINI.md', exists: false, proposedText: 'a\nb\n', changed: true }, plain);
  assert.equal(text, 'new file: /p/GEMINI.md (2 lines)\n--- /dev/null\n+++ /p/GEMINI.md\n@@ -0,0 +1,2 @@\n+a\n+b\n');
});

test('a changed file: header counts the lines; CRLF and BOM are not shown', () => {
  const text = formatFileDiff(
    { path: '/p/CLAUDE.md', exists: true, currentText: '\uFEFFkeep\r\nold\r\n', proposedText: '\uFEFFkeep\r\nnew\r\nmore\r\n', changed: true },
    plain,
  );
  assert.equal(text, '/p/CLAUDE.md: 2 lines changed (+2 -1)\n--- /p/CLAUDE.md\n+++ /p/CLAUDE.md\n@@ -1,2 +1,3 @@\n keep\n-old\n+new\n+more\n');
});

test('an unchanged file prints nothing', () => {
  assert.equal(formatFileDiff({ path: 'x', exists: true, currentText: 'a', proposedText: 'a', changed: false }, plain), '');
});

test('additions are green and removals red when colour is on', () => {
  const text = formatFileDiff({ path: 'x', exists: true, currentText: 'old\n', proposedText: 'new\n', changed: true }, coloured);
  assert.ok(text.includes('\u001b[32m+new'));
  assert.ok(text.includes('\u001b[31m-old'));
});
