import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  claudePathHash,
  encodeClaudeProjectPath,
  matchesClaudeProjectFolder,
} from '../../../../src/core/agents/claude/encodeClaudeProjectPath.js';
import { ClaudeCodePlugin } from '../../../../src/core/agents/claude/ClaudeCodePlugin.js';
import { LONG_PROJECT } from './claudeFixtureHome.js';

test('every character outside A-Za-z0-9 becomes one dash (examples from log-formats.md §1.1)', () => {
  assert.equal(encodeClaudeProjectPath('/Users/me/.agents'), '-Users-me--agents');
  assert.equal(encodeClaudeProjectPath('C:\\git\\x'), 'C--git-x');
  assert.equal(encodeClaudeProjectPath('/home/dev/my_app.v2/with space'), '-home-dev-my-app-v2-with-space');
  assert.equal(encodeClaudeProjectPath('/home/dev/proj/'), '-home-dev-proj', 'a trailing separator is not part of the cwd');
});

test('non-ASCII characters give one dash per UTF-16 code unit', () => {
  assert.equal(encodeClaudeProjectPath('/tmp/文档'), '-tmp---');
  assert.equal(encodeClaudeProjectPath('/tmp/😀'), '-tmp---', 'an emoji is two code units');
});

test('over 200 units: cut to 200, then "-" and base-36 of the 32-bit hash of the original path', () => {
  // The fixture folder name was computed by a python port: h = (h*31 + unit) mod 2^32 as signed, abs, base 36.
  assert.equal(claudePathHash(LONG_PROJECT), 'frk7ag');
  const encoded = encodeClaudeProjectPath(LONG_PROJECT);
  assert.equal(encoded.length, 207);
  assert.equal(encoded, `${LONG_PROJECT.replace(/[^A-Za-z0-9]/g, '-').slice(0, 200)}-frk7ag`);
  // 200 units exactly is left alone.
  const exactly200 = `/${'a'.repeat(199)}`;
  assert.equal(encodeClaudeProjectPath(exactly200), `-${'a'.repeat(199)}`);
  // The hash wraps like JavaScript's `| 0` and takes the absolute value.
  assert.equal(claudePathHash(''), '0');
  assert.equal(claudePathHash('a'), (97).toString(36));
});

test('folder matching: exact name, Windows case-insensitive, long paths by prefix with any suffix', () => {
  assert.equal(matchesClaudeProjectFolder('-a-b-c', '/a/b.c'), true, 'a candidate only; cwd decides');
  assert.equal(matchesClaudeProjectFolder('-a-b-c', '/a/b'), false);
  assert.equal(matchesClaudeProjectFolder('-A-b-c', '/a/b-c'), false, 'POSIX names are case-sensitive');
  assert.equal(matchesClaudeProjectFolder('c--git-x', 'C:\\git\\x'), true);
  const prefix = encodeClaudeProjectPath(LONG_PROJECT).slice(0, 200);
  assert.equal(matchesClaudeProjectFolder(`${prefix}-anything`, LONG_PROJECT), true);
  assert.equal(matchesClaudeProjectFolder(prefix, LONG_PROJECT), false);
  assert.equal(matchesClaudeProjectFolder(`${prefix}x`, LONG_PROJECT), false);
});

test('targets: CLAUDE.md at the root; MEMORY.md in the auto-memory folder (200 lines) or the project', () => {
  const plugin = new ClaudeCodePlugin();
  const env = { home: '/home/me', env: {} };
  assert.deepEqual(plugin.targets('/work/my_app', env), [
    { kind: 'context', path: path.join('/work/my_app', 'CLAUDE.md'), scope: 'project' },
    { kind: 'memory', path: '/home/me/.claude/projects/-work-my-app/memory/MEMORY.md', scope: 'project', readLimitLines: 200, root: '/home/me/.claude' },
  ]);
  assert.equal(
    plugin.targets('/work/my_app', { home: '/home/me', env: { CLAUDE_CONFIG_DIR: '/cfg/claude' } })[1].path,
    '/cfg/claude/projects/-work-my-app/memory/MEMORY.md',
  );
  assert.deepEqual(plugin.targets('/work/my_app', env, { memoryFile: 'project' })[1], {
    kind: 'memory',
    path: '/work/my_app/MEMORY.md',
    scope: 'project',
  });
});
