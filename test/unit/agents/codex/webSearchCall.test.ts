/*
 * Codex `web_search_call` items (codex-rs/protocol/src/models.rs ResponseItem::WebSearchCall): a web search run
 * on OpenAI's side, written as one response_item with `status` and `action` and no call id or output. Each is a
 * WebSearch call of its own whose status is its outcome.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { CodexPlugin } from '../../../../src/core/agents/codex/CodexPlugin.js';

const line = (timestamp: string, type: string, payload: unknown) => JSON.stringify({ timestamp, type, payload });

test('web_search_call items become WebSearch calls with their action as input and their status as outcome', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'headroom-codex-websearch-'));
  try {
    const file = path.join(dir, 'rollout-2026-11-01T10-00-00-0193a5b2-7c1d-7000-8000-00000000c001.jsonl');
    const lines = [
      line('2026-11-01T10:00:00.000Z', 'session_meta', { id: '0193a5b2-7c1d-7000-8000-00000000c001', cwd: '/work/shop', timestamp: '2026-11-01T10:00:00.000Z' }),
      line('2026-11-01T10:00:01.000Z', 'response_item', { type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'vitest coverage threshold option' } }),
      line('2026-11-01T10:00:02.000Z', 'response_item', { type: 'web_search_call', status: 'failed', action: { type: 'open_page', url: 'https://example.invalid/docs' } }),
      line('2026-11-01T10:00:03.000Z', 'response_item', { type: 'function_call', name: 'shell_command', arguments: '{"command":"npx vitest --coverage"}', call_id: 'call_1' }),
      line('2026-11-01T10:00:04.000Z', 'response_item', { type: 'function_call_output', call_id: 'call_1', output: 'Exit code: 0\nWall time: 1 seconds\nOutput:\nok\n' }),
      line('2026-11-01T10:00:05.000Z', 'response_item', { type: 'web_search_call', status: 'completed', action: { type: 'find_in_page', url: 'https://example.invalid/docs', pattern: 'threshold' } }),
      line('2026-11-01T10:00:06.000Z', 'response_item', { type: 'web_search_call', status: 'completed', action: 'not an object' }),
      line('2026-11-01T10:00:07.000Z', 'event_msg', { type: 'turn_aborted', reason: 'interrupted' }),
    ];
    await fs.writeFile(file, lines.join('\n') + '\n');
    const session = await new CodexPlugin().parse({ agent: 'codex', path: file, projectPath: '/work/shop', subagent: false });
    assert.deepEqual(
      session.calls.map((c) => [c.callId, c.tool, c.originalTool, c.outcome, c.errorKind, c.line, c.timestamp, JSON.stringify(c.input)]),
      [
        ['web_search_call:2', 'WebSearch', 'web_search_call', 'ok', undefined, 2, '2026-11-01T10:00:01.000Z', '{"type":"search","query":"vitest coverage threshold option"}'],
        ['web_search_call:3', 'WebSearch', 'web_search_call', 'failed', 'other', 3, '2026-11-01T10:00:02.000Z', '{"type":"open_page","url":"https://example.invalid/docs"}'],
        ['call_1', 'Bash', 'shell_command', 'ok', undefined, 5, '2026-11-01T10:00:03.000Z', '{"command":"npx vitest --coverage"}'],
        ['web_search_call:6', 'WebSearch', 'web_search_call', 'ok', undefined, 6, '2026-11-01T10:00:05.000Z', '{"type":"find_in_page","url":"https://example.invalid/docs","pattern":"threshold"}'],
        ['web_search_call:7', 'WebSearch', 'web_search_call', 'ok', undefined, 7, '2026-11-01T10:00:06.000Z', '{}'],
      ],
      'a later interrupt does not turn a finished web search into an interrupted call',
    );
    assert.equal(session.skippedLines, 0);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
