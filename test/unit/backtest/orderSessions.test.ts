import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderSessions, sessionStart, splitSessions } from '../../../src/core/backtest/orderSessions.js';
import { bash, session } from '../correlate/callFactory.js';

test('sessions are ordered by start; a resumed copy keeps only its own new calls, a pure checkpoint copy counts once', () => {
  const original = session([bash('a'), bash('b')], 's2');
  const resumed = { ...session([bash('a'), bash('b'), bash('c')], 's3'), startedAt: '2026-01-03T00:00:00Z' };
  resumed.calls[0].callId = original.calls[0].callId;
  resumed.calls[1].callId = original.calls[1].callId;
  const checkpoint = { ...session([bash('a')], 's4'), startedAt: '2026-01-04T00:00:00Z' };
  checkpoint.calls[0].callId = original.calls[0].callId;
  const first = session([bash('z')], 's1');
  const ordered = orderSessions([checkpoint, resumed, original, first].map((s) => ({ agent: 'claude', session: s })));
  assert.deepEqual(
    ordered.sessions.map((s) => s.session.sessionId),
    ['s1', 's2', 's3'],
  );
  assert.equal(ordered.copies, 1);
  const resumedKept = ordered.sessions[2].session.calls;
  assert.deepEqual(
    resumedKept.map((c) => [c.command, c.index]),
    [['c', 0]],
    'the repeated calls stay with the original, the new one is renumbered',
  );
  assert.equal(ordered.sessions[1].session.calls.length, 2);
});

test('the same call id from another agent is another call', () => {
  const a = session([bash('x')], 's1', 'claude');
  const b = session([bash('x')], 's2', 'codex');
  b.calls[0].callId = a.calls[0].callId;
  const ordered = orderSessions([
    { agent: 'claude', session: a },
    { agent: 'codex', session: b },
  ]);
  assert.equal(ordered.sessions.length, 2);
  assert.equal(ordered.copies, 0);
});

test('a session without any timestamp is left out and counted', () => {
  const s = session([bash('x')], 's1');
  for (const call of s.calls) delete call.timestamp;
  assert.equal(sessionStart(s), undefined);
  const ordered = orderSessions([{ agent: 'claude', session: s }]);
  assert.equal(ordered.undated, 1);
  assert.equal(ordered.sessions.length, 0);
});

test('the split learns from at least one session and replays at least one', () => {
  assert.deepEqual(splitSessions([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.7), { learn: [1, 2, 3, 4, 5, 6, 7], later: [8, 9, 10] });
  assert.deepEqual(splitSessions([1, 2], 0.99), { learn: [1], later: [2] });
  assert.deepEqual(splitSessions([1, 2], 0.01), { learn: [1], later: [2] });
  assert.deepEqual(splitSessions([1], 0.7), { learn: [1], later: [] });
});
