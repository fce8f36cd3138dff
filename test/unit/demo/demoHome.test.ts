import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// @ts-expect-error plain ESM script without type declarations
import { DEMO_PROJECT, claudeProjectDirName, geminiProjectHash, materializeDemoHome } from '../../../scripts/demoHome.mjs';

const PLACEHOLDER = /__(DEMO_PROJECT|CLAUDE_PROJECT_DIR|GEMINI_PROJECT_ID)__/;

async function withHome(projectPath: string, check: (home: string, files: string[]) => void | Promise<void>): Promise<void> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'demo-home-test-'));
  try {
    const result = await materializeDemoHome({ targetHome: home, projectPath });
    await check(home, result.files);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

test('Claude folder name is the path with every non-alphanumeric character as a dash', () => {
  assert.equal(claudeProjectDirName('/Users/me/.agents/my_proj'), '-Users-me--agents-my-proj');
  assert.equal(claudeProjectDirName('C:\\git\\x'), 'C--git-x');
});

test('Gemini project id is the sha256 hex of the path', () => {
  assert.equal(geminiProjectHash('/a/b'), createHash('sha256').update('/a/b').digest('hex'));
});

test('materialised demo home has no placeholder left, in names or contents', async () => {
  await withHome(DEMO_PROJECT, (home, files) => {
    assert.ok(files.length >= 10, `expected the demo sessions, got ${files.length} files`);
    for (const file of files) {
      assert.doesNotMatch(path.relative(home, file), PLACEHOLDER, file);
      assert.doesNotMatch(readFileSync(file, 'utf8'), PLACEHOLDER, file);
    }
  });
});

test('each agent finds its sessions where it keeps them, pointing at the demo project', async () => {
  await withHome(DEMO_PROJECT, (home, files) => {
    const claudeDir = path.join(home, '.claude', 'projects', claudeProjectDirName(DEMO_PROJECT));
    const claudeMain = files.filter((f) => path.dirname(f) === claudeDir && f.endsWith('.jsonl'));
    assert.equal(claudeMain.length, 3);
    for (const file of claudeMain) {
      const sessionId = path.basename(file, '.jsonl');
      for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
        const record = JSON.parse(line);
        if (record.cwd !== undefined) assert.equal(record.cwd, DEMO_PROJECT);
        if (record.sessionId !== undefined) assert.equal(record.sessionId, sessionId);
      }
    }
    const subagents = files.filter((f) => f.startsWith(claudeDir) && /[/\\]subagents[/\\]agent-[^/\\]+\.jsonl$/.test(f));
    assert.equal(subagents.length, 1);
    assert.equal(JSON.parse(readFileSync(subagents[0], 'utf8').split('\n')[0]).isSidechain, true);

    const codex = files.filter((f) => f.startsWith(path.join(home, '.codex', 'sessions', '2026', '11')) && /rollout-.*\.jsonl$/.test(f));
    assert.equal(codex.length, 2);
    for (const file of codex) {
      const meta = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]);
      assert.equal(meta.type, 'session_meta');
      assert.equal(meta.payload.cwd, DEMO_PROJECT);
    }

    const hash = geminiProjectHash(DEMO_PROJECT);
    const legacy = files.filter((f) => path.dirname(f) === path.join(home, '.gemini', 'tmp', hash, 'chats'));
    assert.equal(legacy.length, 1);
    const legacyDoc = JSON.parse(readFileSync(legacy[0], 'utf8'));
    assert.equal(legacyDoc.projectHash, hash);
    assert.ok(Array.isArray(legacyDoc.messages));

    const slugDir = path.join(home, '.gemini', 'tmp', 'project');
    assert.equal(readFileSync(path.join(slugDir, '.project_root'), 'utf8'), DEMO_PROJECT);
    assert.deepEqual(JSON.parse(readFileSync(path.join(home, '.gemini', 'projects.json'), 'utf8')), { projects: { [DEMO_PROJECT]: 'project' } });
    const jsonl = files.filter((f) => path.dirname(f) === path.join(slugDir, 'chats') && f.endsWith('.jsonl'));
    assert.equal(jsonl.length, 1);
    assert.equal(JSON.parse(readFileSync(jsonl[0], 'utf8').split('\n')[0]).projectHash, hash);
  });
});

test('a project path with characters JSON must escape stays valid JSON', async () => {
  const odd = path.join(os.tmpdir(), 'demo "quoted" \\ dir');
  await withHome(odd, (home, files) => {
    for (const file of files.filter((f) => f.endsWith('.jsonl'))) {
      for (const line of readFileSync(file, 'utf8').trim().split('\n')) JSON.parse(line);
    }
    const legacy = files.find((f) => f.endsWith('.json') && f.includes(`${path.sep}chats${path.sep}`));
    assert.ok(legacy);
    assert.ok(readFileSync(legacy, 'utf8').includes(JSON.stringify(odd).slice(1, -1)));
    assert.ok(existsSync(path.join(home, '.claude', 'projects', claudeProjectDirName(odd))));
    assert.ok(statSync(path.join(home, '.gemini', 'tmp', geminiProjectHash(odd))).isDirectory());
  });
});

test('every file a successful demo Read opens exists in the demo project (except the planted stale one)', () => {
  const stale = 'services/api/src/shop/settings.py';
  const home = path.join(DEMO_PROJECT, '..', 'home', '.claude', 'projects', '__CLAUDE_PROJECT_DIR__');
  for (const name of ['5d0f2a9c-3b7e-4c1a-9e55-0c6f1b2d8a41.jsonl', '9b41c7e2-6f08-4d3a-8a1c-72e5d9f30b6c.jsonl', 'e27a9f15-8c3d-4b60-a4f2-1d9b6e07c3a8.jsonl']) {
    for (const line of readFileSync(path.join(home, name), 'utf8').trim().split('\n')) {
      const record = JSON.parse(line);
      const file = record.toolUseResult?.file?.filePath as string | undefined;
      if (!file) continue;
      const rel = file.replace('__DEMO_PROJECT__/', '');
      if (rel === stale) {
        assert.equal(existsSync(path.join(DEMO_PROJECT, rel)), false, 'the stale correction target must stay absent');
        continue;
      }
      assert.ok(existsSync(path.join(DEMO_PROJECT, rel)), `${name}: ${rel} is missing from examples/demo/project`);
    }
  }
});
