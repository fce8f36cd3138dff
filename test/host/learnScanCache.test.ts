/// <reference types="mocha" />
// The second Learn on an unchanged history, in the real extension host: the scan worker finds every session in the
// scan cache (the extension's global storage) and parses no log again, and the review is the same. The durations
// are printed (a measurement for the README, not asserted: no timing assertions in tests).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HeadroomTestingApi } from '../../src/extension/api/testingHooks.js';
import { activateTestingHooks } from './hostTestSupport.js';

const demoProject = process.env.HEADROOM_TEST_DEMO_PROJECT ?? '';

/** Each cache entry file and its inode: a log parsed again gets its entry written anew (a new file renamed over). */
function entryInodes(folder: string): Map<string, number> {
  const inodes = new Map<string, number>();
  if (!fs.existsSync(folder)) return inodes;
  for (const name of fs.readdirSync(folder)) inodes.set(name, fs.statSync(path.join(folder, name)).ino);
  return inodes;
}

describe('Headroom: Learn twice on an unchanged history', function () {
  this.timeout(120_000);
  let api: HeadroomTestingApi;

  before(async () => {
    assert.ok(demoProject && fs.existsSync(demoProject), 'the harness provides the demo project (HEADROOM_TEST_DEMO_PROJECT)');
    api = await activateTestingHooks();
  });

  it('the second Learn reads every session from the scan cache and gives the same review', async () => {
    const folder = path.join(api.globalStorageUri.fsPath, 'scan-cache');
    fs.rmSync(folder, { recursive: true, force: true });
    const folderUri = vscode.Uri.file(demoProject);

    const coldStart = Date.now();
    assert.equal(await api.review.learn({ folder: folderUri }), 'done');
    const coldMs = Date.now() - coldStart;
    const cold = api.review.getReviewState();
    const written = entryInodes(folder);
    assert.ok([...written.keys()].filter((name) => !name.endsWith('.resume.json')).length >= 3, 'a cache entry per session log of the demo (three agents)');

    const warmStart = Date.now();
    assert.equal(await api.review.learn({ folder: folderUri }), 'done');
    const warmMs = Date.now() - warmStart;
    assert.deepEqual(entryInodes(folder), written, 'no entry was written again: no log was parsed again');
    assert.deepEqual(api.review.getReviewState().projects, cold.projects, 'the same rules, evidence and files');
    console.log(`scan cache measurement: first Learn ${coldMs} ms, second Learn ${warmMs} ms (demo history, review returned)`);
  });
});
