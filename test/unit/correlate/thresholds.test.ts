import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlateCalls, correlateSessions } from '../../../src/core/correlate/correlateFailures.js';
import { nearBasename, maxBasenameDistance } from '../../../src/core/correlate/nearBasename.js';
import { editDistance } from '../../../src/core/correlate/editDistance.js';
import { nearPattern } from '../../../src/core/correlate/searchIntent.js';
import { deriveFindings, meetsThreshold } from '../../../src/core/correlate/deriveFindings.js';
import { findStreaks } from '../../../src/core/correlate/derive/retryFindings.js';
import { deriveContext } from '../../../src/core/correlate/derive/deriveContext.js';
import { callLookup } from '../../../src/core/correlate/callLookup.js';
import { toCallRef } from '../../../src/core/correlate/callRef.js';
import { tokensFromBytes } from '../../../src/core/correlate/wasteEstimate.js';
import {
  BASENAME_EDIT_DISTANCE_DIVISOR,
  BASENAME_MIN_EDIT_DISTANCE,
  BYTES_PER_TOKEN,
  COMMAND_TOKEN_OVERLAP_MIN,
  CORRECTION_WINDOW_CALLS,
  FOLDER_RULE_MIN_WRONG_PATHS,
  MIN_OCCURRENCES,
  MIN_OCCURRENCES_USER_STATED,
  MIN_SESSIONS,
  RETRY_STREAK_MIN,
  SAME_PROGRAM_ARGS_OVERLAP_MIN,
  SEARCH_PATTERN_MIN_EDIT_DISTANCE,
} from '../../../src/core/correlate/thresholds.js';
import { bash, bashFail, fakeFiles, read, readMissing, session, unrelated } from './callFactory.js';

test('CORRECTION_WINDOW_CALLS: a fix exactly that many calls later pairs, one call later does not', () => {
  const gap = (n: number) => Array.from({ length: n }, (_, i) => unrelated(i));
  const inside = session([readMissing('/proj/src/foo.ts'), ...gap(CORRECTION_WINDOW_CALLS - 1), read('/proj/lib/foo.ts')]);
  const outside = session([readMissing('/proj/src/foo.ts'), ...gap(CORRECTION_WINDOW_CALLS), read('/proj/lib/foo.ts')]);
  assert.equal(correlateCalls(inside.calls).length, 1);
  assert.equal(correlateCalls(outside.calls).length, 0);
});

test('BASENAME_MIN_EDIT_DISTANCE / DIVISOR: short names tolerate the minimum, longer ones a third', () => {
  assert.equal(maxBasenameDistance('abcd', 'abcd'), BASENAME_MIN_EDIT_DISTANCE);
  const long = 'a'.repeat(BASENAME_EDIT_DISTANCE_DIVISOR * 5);
  assert.equal(maxBasenameDistance(long, long), 5);
  // exactly at the limit pairs, one more edit does not (different extensions so stems differ too)
  assert.equal(editDistance('confix.ts', 'config.ts'), 1);
  assert.ok(nearBasename('a/abcdefghi', 'b/abcdefgXY')); // 11 chars → limit 3, distance 2
  assert.ok(nearBasename('a/abcdefghijk', 'b/abcdefghXYZ')); // 13 chars → limit 4, distance 3
  assert.ok(!nearBasename('a/abcdef', 'b/abcXYZ')); // 6 chars → limit 2, distance 3
  assert.ok(nearBasename('a/abcdef', 'b/abcdXY')); // distance 2 = limit
});

test('SEARCH_PATTERN_MIN_EDIT_DISTANCE: a pattern within the limit is a correction, beyond it a new search', () => {
  assert.equal(SEARCH_PATTERN_MIN_EDIT_DISTANCE, 2);
  assert.ok(nearPattern('foo(', 'foo\\('));
  assert.ok(nearPattern('abcd', 'abXY'));
  assert.ok(!nearPattern('abcd', 'aXYZ'));
});

test('SAME_PROGRAM_ARGS_OVERLAP_MIN: same program pairs at the overlap, not below it', () => {
  assert.equal(SAME_PROGRAM_ARGS_OVERLAP_MIN, 0.5);
  // args {build} vs {build, --release}: 1/2 = 0.5 → pairs
  const at = correlateCalls(session([bashFail('cargo build'), bash('cargo build --release')]).calls);
  assert.equal(at.length, 1);
  assert.equal(at[0].kind, 'command');
  // args {build, --offline} vs {build, --release}: 1/3 < 0.5 → no pair
  const below = correlateCalls(session([bashFail('cargo build --offline'), bash('cargo build --release')]).calls);
  assert.equal(below.length, 0);
});

test('COMMAND_TOKEN_OVERLAP_MIN: different programs pair only at high overlap of the whole command', () => {
  assert.equal(COMMAND_TOKEN_OVERLAP_MIN, 0.6);
  // {make, test, unit, V=1} vs {gmake, test, unit, V=1}: 3/5 = 0.6 → pairs
  assert.equal(correlateCalls(session([bashFail('make test unit V=1'), bash('gmake test unit V=1')]).calls).length, 1);
  // {make, test, V=1} vs {gmake, test, V=1}: 2/4 = 0.5 → no
  assert.equal(correlateCalls(session([bashFail('make test V=1'), bash('gmake test V=1')]).calls).length, 0);
});

/** Evidence of `n` calls spread over `sessions` sessions. */
const evidenceIn = (n: number, sessions = n) =>
  Array.from({ length: n }, (_, i) => toCallRef(session([bash('make')], `s${(i % sessions) + 1}`).calls[0]));

test('MIN_OCCURRENCES and MIN_OCCURRENCES_USER_STATED', () => {
  assert.ok(meetsThreshold({ occurrences: MIN_OCCURRENCES, userStated: false, evidence: evidenceIn(MIN_OCCURRENCES) }));
  assert.ok(!meetsThreshold({ occurrences: MIN_OCCURRENCES - 1, userStated: false, evidence: evidenceIn(MIN_OCCURRENCES - 1) }));
  assert.ok(meetsThreshold({ occurrences: MIN_OCCURRENCES_USER_STATED, userStated: true, evidence: evidenceIn(1) }));
  assert.ok(!meetsThreshold({ occurrences: MIN_OCCURRENCES_USER_STATED - 1, userStated: true, evidence: [] }));
});

test('MIN_SESSIONS: a pattern in one session is one episode, however often; in that many sessions it is a rule', () => {
  assert.ok(!meetsThreshold({ occurrences: 3, userStated: false, evidence: evidenceIn(3, MIN_SESSIONS - 1) }));
  assert.ok(meetsThreshold({ occurrences: 3, userStated: false, evidence: evidenceIn(3, MIN_SESSIONS) }));
  // The user's own words are a standing preference: one session is enough.
  assert.ok(meetsThreshold({ occurrences: 1, userStated: true, evidence: evidenceIn(1, 1) }));
  // A user who asks for single occurrences accepts single sessions.
  assert.ok(meetsThreshold({ occurrences: 1, userStated: false, evidence: evidenceIn(1, 1) }, 1));
});

test('RETRY_STREAK_MIN: that many identical failures in a row is a streak, one fewer is not', () => {
  const ctx = deriveContext(fakeFiles({}), callLookup([]));
  const fails = (n: number) => session(Array.from({ length: n }, () => bashFail('make deploy')));
  assert.equal(findStreaks(fails(RETRY_STREAK_MIN).calls, ctx).length, 1);
  assert.equal(findStreaks(fails(RETRY_STREAK_MIN - 1).calls, ctx).length, 0);
});

test('BYTES_PER_TOKEN: tokens are bytes divided by it', () => {
  assert.equal(tokensFromBytes(BYTES_PER_TOKEN * 10), 10);
});

test('the user\'s evidence threshold raises the bar, but their own words still count once', () => {
  assert.ok(!meetsThreshold({ occurrences: 2, userStated: false, evidence: evidenceIn(2) }, 3));
  assert.ok(meetsThreshold({ occurrences: 3, userStated: false, evidence: evidenceIn(3) }, 3));
  assert.ok(meetsThreshold({ occurrences: MIN_OCCURRENCES_USER_STATED, userStated: true, evidence: evidenceIn(1) }, 5));
});

test('FOLDER_RULE_MIN_WRONG_PATHS: that many different wrong paths in a missing folder make a folder rule, one fewer keeps the per-file rule', () => {
  const files = fakeFiles({ 'src/new/a.ts': 1, 'src/new/b.ts': 1, 'src/new/c.ts': 1 });
  const names = ['a.ts', 'b.ts', 'c.ts'];
  const sessions = (distinct: number) =>
    [0, 1].map((i) => session([readMissing(`/proj/src/old/${names[i % distinct]}`), read(`/proj/src/new/${names[i % distinct]}`)], `s${i + 1}`));
  const rules = (distinct: number) => {
    const s = sessions(distinct);
    return deriveFindings(s, correlateSessions(s), files).findings.map((f) => f.rule);
  };
  assert.equal(FOLDER_RULE_MIN_WRONG_PATHS, 2);
  assert.deepEqual(rules(FOLDER_RULE_MIN_WRONG_PATHS), ['`src/old/` does not exist → its files are in `src/new/`']);
  assert.deepEqual(rules(FOLDER_RULE_MIN_WRONG_PATHS - 1), ['`src/old/a.ts` → actually at `src/new/a.ts`']);
});
