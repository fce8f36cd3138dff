import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CATEGORIES } from '../../../src/core/model/finding.js';
import { planTargetEdit } from '../../../src/core/write/planTargetEdit.js';
import { renderMarkerSection } from '../../../src/core/write/renderMarkerSection.js';
import { findMarkerPairs } from '../../../src/core/write/findMarkerPairs.js';
import { MarkerError } from '../../../src/core/write/markerError.js';

// Random Markdown files built from blocks: user text (incl. trailing spaces, unicode, headings,
// inline marker mentions), fenced blocks that may hide marker lines, and at most one existing
// marker section between blocks. Line ending, BOM and the final newline vary per file.

const isFenceLine = (line: string) => /^\s*(`{3,}|~{3,})/.test(line);
const isMarkerLike = (line: string) => line.trim().startsWith('<!-- headroom:learn:');

const userLine = fc
  .oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom('', '# Title', '- item  ', 'trailing spaces   ', '\t tab', 'naïve ✓ 日本', 'see `<!-- headroom:learn:end -->` here', '    indented code', '> quote'),
  )
  .filter((line) => !/[\r\n]/.test(line) && !isFenceLine(line) && !isMarkerLike(line));

const fenceBlock = fc
  .tuple(
    fc.constantFrom('```', '~~~', '````', '```ts'),
    fc.array(fc.oneof(userLine, fc.constantFrom('<!-- headroom:learn:start -->', '<!-- headroom:learn:end -->', '~~~ inner', '```inner')), { maxLength: 4 }),
  )
  .map(([open, body]) => {
    const close = open.replace(/[^`~]/g, '');
    const safeBody = body.filter((line) => !(line.trim().startsWith(close[0]) && /^\s*[`~]+\s*$/.test(line)));
    return [open, ...safeBody, close];
  });

const block = fc.oneof({ weight: 3, arbitrary: fc.array(userLine, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fenceBlock });

const ruleText = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.constantFrom('`a/X.scala`\n→ actually at `b/X.scala`', '<!-- headroom:learn:end -->', '```', '~~~\nx', '<b>bold</b>', 'DB_PASSWORD=hunter2', '# heading', 'line\r\n- item'),
);
const rules = fc.array(fc.record({ category: fc.constantFrom(...CATEGORIES), text: ruleText }), { maxLength: 8 });

const file = fc.record({
  blocks: fc.array(block, { maxLength: 6 }),
  existingRules: fc.option(rules, { nil: undefined }),
  sectionAt: fc.nat(),
  eol: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  newRules: rules,
});

test('property: text outside the markers is preserved byte for byte, and re-running is a no-op', () => {
  fc.assert(
    fc.property(file, (f) => {
      const eol = f.eol as '\n' | '\r\n';
      const lines = f.blocks.flat();
      let sectionRange: [number, number] | undefined;
      let text: string;
      if (f.existingRules === undefined) {
        text = lines.join(eol);
      } else {
        const at = f.blocks.slice(0, f.sectionAt % (f.blocks.length + 1)).flat().length;
        const before = lines.slice(0, at).map((line) => line + eol).join('');
        const old = renderMarkerSection(f.existingRules, { eol });
        const after = lines.slice(at).map((line) => eol + line).join('');
        text = before + old + after;
        sectionRange = [before.length, before.length + old.length];
      }
      if (f.finalNewline && text.length > 0) text += eol;
      if (f.bom) text = `\uFEFF${text}`;
      if (sectionRange && f.bom) sectionRange = [sectionRange[0] + 1, sectionRange[1] + 1];

      // A file with no line break has no line ending to follow: the section is written with LF.
      const fileEol = /\n/.test(text) ? eol : '\n';
      const section = renderMarkerSection(f.newRules, { eol: fileEol });
      const out = planTargetEdit(text, renderMarkerSection(f.newRules, { eol }), { file: 'F.md' });

      if (sectionRange) {
        assert.equal(out, text.slice(0, sectionRange[0]) + section + text.slice(sectionRange[1]));
      } else {
        assert.equal(out.slice(0, text.length), text, 'the existing file is an untouched prefix');
        assert.ok(out.endsWith(section + fileEol));
        const added = out.slice(text.length, out.length - section.length - fileEol.length);
        assert.ok(/^(\r\n|\n)*$/.test(added));
        const content = text.replace(/^\uFEFF/, '');
        if (content.length > 0) {
          const trailing = (/(\r\n|\n)*$/.exec(text)?.[0].match(/\r\n|\n/g) ?? []).length;
          assert.equal(trailing + (added.match(/\r\n|\n/g) ?? []).length, Math.max(2, trailing), 'one blank line before the section');
        }
      }
      const pairs = findMarkerPairs(out, 'F.md');
      assert.equal(pairs.length, 1);
      assert.equal(out.slice(pairs[0].start, pairs[0].end), section);
      assert.equal(planTargetEdit(out, section, { file: 'F.md' }), out, 're-running changes nothing');
    }),
    { numRuns: 400 },
  );
});

test('property: a file ending in an unclosed fence is refused, never silently appended into', () => {
  fc.assert(
    fc.property(fc.array(userLine, { maxLength: 4 }), fc.constantFrom('```', '~~~'), rules, (lines, fence, newRules) => {
      const text = [...lines, fence, 'code'].join('\n');
      assert.throws(() => planTargetEdit(text, renderMarkerSection(newRules, { eol: '\n' }), { file: 'F.md' }), MarkerError);
    }),
    { numRuns: 100 },
  );
});
