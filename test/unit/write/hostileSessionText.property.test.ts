// Issue 14, the property: random session text (any Unicode, controls, escape sequences, marker comments and
// secrets from a generator) taken the way a session is — a call made safe, its words quoted, its commands in
// the offline templates, the last gate — renders a section that re-parses, holds no control character, no
// placeholder and no generated secret, and leaves the file outside the markers byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { statedPreference } from '../../../src/core/correlate/derive/statedPreference.js';
import { renderRule } from '../../../src/core/correlate/rules/ruleTemplates.js';
import type { Category } from '../../../src/core/model/finding.js';
import type { ToolCall } from '../../../src/core/model/toolCall.js';
import { safeToolCall } from '../../../src/core/scan/safeToolCall.js';
import { findMarkerPairs } from '../../../src/core/write/findMarkerPairs.js';
import { parseExistingRules } from '../../../src/core/write/parseExistingRules.js';
import { planTargetEdit } from '../../../src/core/write/planTargetEdit.js';
import { renderMarkerSection } from '../../../src/core/write/renderMarkerSection.js';
import { sanitizeRuleText } from '../../../src/core/write/sanitizeRuleText.js';
import { withoutUnsafeRules } from '../../../src/core/write/ruleSafetyGate.js';

const alnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`));
/** A password: letters and digits, never one repeated character (that reads as a placeholder). */
const password = fc.tuple(fc.stringMatching(/^[A-Za-z]{3,6}$/), fc.stringMatching(/^[0-9]{2,4}$/), fc.stringMatching(/^[A-Za-z0-9]{2,6}$/)).map((parts) => parts.join(''));

interface Planted {
  text: string;
  /** Substrings that must not survive. */
  secrets: string[];
}

const plantedSecret: fc.Arbitrary<Planted> = fc.oneof(
  alnum(36, 40).map((s) => ({ text: `ghp_${s}`, secrets: [`ghp_${s}`, s.slice(0, 12)] })),
  alnum(20, 26).map((s) => ({ text: `glpat-${s}`, secrets: [s.slice(0, 12)] })),
  fc.tuple(alnum(30, 36), fc.integer({ min: 0, max: 9 })).map(([s, d]) => ({ text: `hf_${s}${d}`, secrets: [s.slice(0, 12)] })),
  fc.stringMatching(/^[A-Z0-9]{16}$/).map((s) => ({ text: `AKIA${s}`, secrets: [`AKIA${s}`] })),
  password.map((p) => ({ text: `mysql -u root -p${p} -e 'select 1'`, secrets: [p] })),
  password.map((p) => ({ text: `./deploy --password ${p}`, secrets: [p] })),
  password.map((p) => ({ text: `curl -u admin:${p} https://api.example.com`, secrets: [p] })),
  fc.tuple(password, password).map(([a, b]) => ({ text: `git clone https://bob:${a}/${b}@git.example.com/r.git`, secrets: [`${a}/${b}`, b] })),
  password.map((p) => ({ text: `DB_PASSWORD=${p} npm test`, secrets: [p] })),
  fc.tuple(fc.stringMatching(/^[a-z]{3,8}$/), fc.stringMatching(/^[a-z]{3,8}$/)).map(([u, d]) => ({ text: `mail ${u}.x@${d}.org`, secrets: [`${u}.x@${d}.org`] })),
  fc.stringMatching(/^[0-9]{4}$/).map((n) => ({ text: `call +1 415 555 ${n}`, secrets: [`555 ${n}`] })),
);

const hostilePiece: fc.Arbitrary<Planted> = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom(
      '\u001b]52;c;ZXZpbA==\u0007',
      '\u001b[2J',
      '\u001b[31m',
      '\u009b31m',
      '\u0085',
      '\u009d8;;https://x\u009c',
      '\u202e',
      '\r',
      '\u0000',
      '<!-- headroom:learn:start -->',
      '<!-- headroom:learn:end -->',
      '```',
      '# heading',
      '\n- item',
      'I deploy myself.',
    ),
  )
  .map((text) => ({ text, secrets: [] }));

/** Session text: random pieces and planted secrets, secrets set apart by spaces as in a command or a message. */
const sessionText = fc.array(fc.oneof({ weight: 3, arbitrary: hostilePiece }, { weight: 2, arbitrary: plantedSecret }), { minLength: 1, maxLength: 6 }).map((parts) => ({
  text: parts.map((p) => p.text).join(' '),
  secrets: parts.flatMap((p) => p.secrets),
}));

function call(fields: Partial<ToolCall>): ToolCall {
  return { agent: 'claude', sessionId: 's', file: '/logs/s.jsonl', line: 1, index: 0, callId: 'c', tool: 'Bash', originalTool: 'Bash', input: {}, output: '', outputBytes: 0, outcome: 'failed', subagent: false, ...fields };
}

/** The calls as scanning keeps them: every string a front end may show (--json, the terminal, the review, a prompt). */
function safeCalls(failed: string, fixed: string, feedback: string): ToolCall[] {
  return [
    safeToolCall(call({ command: failed, input: { command: failed, description: feedback }, output: `${fixed} ${'x'.repeat(1990)} ${failed}` })),
    safeToolCall(call({ command: fixed, input: { command: fixed }, outcome: 'ok', output: feedback })),
    safeToolCall(call({ userFeedback: feedback, outcome: 'rejected' })),
  ];
}

/** The rules the offline templates make of what a session said and ran. */
function rulesFrom([failed, fixed, rejected]: ToolCall[]): Array<{ category: Category; text: string }> {
  const from = failed.command ?? '';
  const to = fixed.command ?? '';
  const words = statedPreference(rejected.userFeedback ?? '');
  return [
    { category: 'environment', text: renderRule('environment', { program: 'python', from, to, wrongFailures: 2, rightSuccesses: 2, errorKind: 'command_not_found' }) },
    { category: 'command_pattern', text: renderRule('command_pattern', { mode: 'corrected', program: 'x', from, to, errorKind: 'exit_code' }) },
    { category: 'command_pattern', text: renderRule('command_pattern', { mode: 'user_prefers_manual', subject: from, rejections: 2, userWords: words }) },
    { category: 'file_path', text: renderRule('file_path', { from, to, alternatives: [] }) },
  ];
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

test('property: hostile session text renders a section that re-parses, with no control character and no secret', () => {
  fc.assert(
    fc.property(sessionText, sessionText, sessionText, fc.constantFrom('\n', '\r\n'), (failed, fixed, feedback, eol) => {
      const secrets = [...failed.secrets, ...fixed.secrets, ...feedback.secrets];
      const calls = safeCalls(failed.text, `uv run ${fixed.text}`, `I deploy myself. ${feedback.text}`);
      const shown = calls.flatMap((c) => [c.command ?? '', c.userFeedback ?? '', c.output, ...Object.values(c.input).map(String)]).join('\n');
      assert.equal(CONTROL.exec(shown.replace(/[\n\t]/g, ' ')), null, 'a control character in a call');
      for (const secret of secrets) assert.ok(!shown.includes(secret), `${secret} in a call`);

      const rules = rulesFrom(calls);
      const { kept } = withoutUnsafeRules(rules);
      const section = renderMarkerSection(kept, { eol: eol as '\n' | '\r\n' });
      const body = section.split(eol).join('\n');
      assert.equal(CONTROL.exec(body), null, `a control character in ${JSON.stringify(body)}`);
      assert.doesNotMatch(body, /\[REDACTED/, 'a rule naming a secret is dropped, not masked');
      for (const secret of secrets) assert.ok(!body.includes(secret), `${secret} in ${JSON.stringify(body)}`);

      const before = `# Notes${eol}keep this \u0085 byte${eol}`;
      const out = planTargetEdit(before, section, { file: 'CLAUDE.md' });
      assert.ok(out.startsWith(before), 'the text outside the markers is kept byte for byte');
      const pairs = findMarkerPairs(out, 'CLAUDE.md');
      assert.equal(pairs.length, 1);
      assert.equal(out.slice(pairs[0].start, pairs[0].end), section);
      const bullets = new Set(kept.map((r) => `${r.category}\u0000${sanitizeRuleText(r.text)}`).filter((key) => !key.endsWith('\u0000')));
      assert.equal(parseExistingRules(section, 'context').length, bullets.size, 'every rule reads back as one rule');
      assert.equal(planTargetEdit(out, section, { file: 'CLAUDE.md' }), out, 're-running changes nothing');
    }),
    { numRuns: 300 },
  );
});
