import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentRegistry } from '../../src/core/agents/registry.js';
import type { AgentPlugin } from '../../src/core/agents/plugin.js';

function fakePlugin(name: string): AgentPlugin {
  return {
    name,
    displayName: name,
    detect: async () => true,
    findSessions: async () => [],
    listProjects: async () => [],
    parse: async (file) => ({ sessionId: 'x', file: file.path, subagent: false, calls: [], skippedLines: 0, warnings: [] }),
    targets: () => [],
  };
}

test('a plugin registered at run time is found by name and can be removed again', () => {
  const registry = new AgentRegistry([fakePlugin('claude')]);
  const remove = registry.register(fakePlugin('cursor'));
  assert.deepEqual(registry.names(), ['claude', 'cursor']);
  assert.equal(registry.get('cursor')?.name, 'cursor');
  remove();
  assert.deepEqual(registry.names(), ['claude']);
});

test('registering the same agent name twice is refused', () => {
  const registry = new AgentRegistry([fakePlugin('claude')]);
  assert.throws(() => registry.register(fakePlugin('claude')), /already registered/);
});

test('an agent name that could not be typed as --agent is refused', () => {
  const registry = new AgentRegistry();
  assert.throws(() => registry.register(fakePlugin('My Agent')), /invalid/);
});
