/*
 * Learn All Projects / --all with Gemini CLI ≤ 0.28 folders (`tmp/<sha256 of the project path>`, no
 * .project_root, no projects.json): a folder is attributed when the hash of a path known elsewhere is its name —
 * a project of another agent's sessions (here Claude Code's), a folder the front end knows (the editor's open
 * workspace folders) — and only what still matches nothing is reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { createDefaultRegistry } from '../../../../src/core/agents/builtins.js';
import { listLearnProjects } from '../../../../src/core/pipeline/listLearnProjects.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function write(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
}

/** A legacy Gemini chat document (chatRecordingService ≤ 0.38) with one read_file call of `file`. */
function geminiChat(projectRoot: string, id: string, file: string): string {
  return JSON.stringify({
    sessionId: `${id}-0000-4000-8000-000000000001`,
    projectHash: sha256(projectRoot),
    startTime: '2026-11-01T10:00:00.000Z',
    lastUpdated: '2026-11-01T10:01:00.000Z',
    messages: [
      { id: 'u1', timestamp: '2026-11-01T10:00:01.000Z', type: 'user', content: 'read it' },
      {
        id: 'g1',
        timestamp: '2026-11-01T10:00:02.000Z',
        type: 'gemini',
        content: '',
        toolCalls: [
          {
            id: `read_file-${id}`,
            name: 'read_file',
            args: { absolute_path: file },
            status: 'success',
            timestamp: '2026-11-01T10:00:03.000Z',
            result: [{ functionResponse: { id: `read_file-${id}`, name: 'read_file', response: { output: 'x = 1' } } }],
          },
        ],
      },
    ],
  });
}

function claudeTranscript(cwd: string): string {
  const base = { cwd, sessionId: 'c1', type: 'user', uuid: 'u1', timestamp: '2026-11-01T09:00:00.000Z' };
  return JSON.stringify({ ...base, message: { role: 'user', content: 'hello' } }) + '\n';
}

test('--all attributes sha256 Gemini folders to projects known from Claude Code and the open folders; the rest is reported', async () => {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'headroom-gemini-all-'));
  try {
    const tmp = path.join(home, '.gemini', 'tmp');
    await write(path.join(home, '.claude', 'projects', '-work-api', 'c1.jsonl'), claudeTranscript('/work/api'));
    // Known from Claude Code's sessions; the Gemini session itself names no path under /work/api.
    await write(path.join(tmp, sha256('/work/api'), 'chats', 'session-2026-11-01T10-00-aaaaaaaa.json'), geminiChat('/work/api', 'aaaaaaaa', '/etc/hosts'));
    // Known only as an open workspace folder.
    await write(path.join(tmp, sha256('/work/open'), 'chats', 'session-2026-11-01T10-00-bbbbbbbb.json'), geminiChat('/work/open', 'bbbbbbbb', '/etc/hosts'));
    // Known from nowhere and naming nothing under its root: reported.
    await write(path.join(tmp, sha256('/work/lost'), 'chats', 'session-2026-11-01T10-00-cccccccc.json'), geminiChat('/work/lost', 'cccccccc', '/etc/hosts'));

    const warnings: string[] = [];
    const environment = { home, env: {}, knownProjectPaths: ['/work/open'] };
    const listed = await listLearnProjects(createDefaultRegistry().all(), environment, { warn: (m) => warnings.push(m) });
    assert.deepEqual(
      listed.map((p) => [p.projectPath, p.agents]),
      [
        ['/work/api', ['claude', 'gemini']],
        ['/work/open', ['gemini']],
      ],
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], new RegExp(`Gemini CLI: 1 session file\\(s\\) in .*${sha256('/work/lost')} cannot be attributed`));

    // Without the hint, the open folder's sessions are reported too.
    const without: string[] = [];
    const listedWithout = await listLearnProjects(createDefaultRegistry().all(), { home, env: {} }, { warn: (m) => without.push(m) });
    assert.deepEqual(listedWithout.map((p) => p.projectPath), ['/work/api']);
    assert.equal(without.length, 2);
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});
