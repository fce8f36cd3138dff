import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliCacheRoot } from '../../../../src/core/scan/cache/cacheFolder.js';

test('the CLI cache root follows HEADROOM_LEARN_CACHE_DIR, then XDG_CACHE_HOME, then each platform’s cache folder', () => {
  assert.equal(cliCacheRoot({ HEADROOM_LEARN_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' }, '/home/u', 'linux'), '/c');
  assert.equal(cliCacheRoot({ XDG_CACHE_HOME: '/x' }, '/home/u', 'linux'), '/x/headroom-learn');
  // A relative XDG_CACHE_HOME is invalid by the spec and ignored.
  assert.equal(cliCacheRoot({ XDG_CACHE_HOME: 'rel' }, '/home/u', 'linux'), '/home/u/.cache/headroom-learn');
  assert.equal(cliCacheRoot({}, '/home/u', 'linux'), '/home/u/.cache/headroom-learn');
  assert.equal(cliCacheRoot({}, '/Users/u', 'darwin'), '/Users/u/Library/Caches/headroom-learn');
  assert.equal(cliCacheRoot({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'C:\\Users\\u', 'win32'), 'C:\\Users\\u\\AppData\\Local\\headroom-learn\\Cache');
  assert.equal(cliCacheRoot({}, 'C:\\Users\\u', 'win32'), 'C:\\Users\\u\\AppData\\Local\\headroom-learn\\Cache');
});
