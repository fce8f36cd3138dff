/// <reference types="mocha" />
// VS Code's own chat in the real editor: the chat-probe test extension (fixtures/chat-probe-extension) registers the
// participant @probe, whose tool fails on a misspelt file and then reads the right one. The test sends requests in
// the Chat view, VS Code itself saves each session under <User>/workspaceStorage/<id>/chatSessions/, and
// Headroom: Learn must find the failure and its fix in those real files and plan the rule for
// .github/copilot-instructions.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseChatSession } from '../../src/core/agents/vscodeChat/parseChatSession.js';
import type { ParsedSession } from '../../src/core/agents/plugin.js';
import { activateTestingHooks, reviewLearning, reviewTarget, workspaceFolderUri } from '../host/hostTestSupport.js';

/** code-server's `User` folder for this run (test/harness/run-chat-tests.mjs). */
const userDir = process.env.HEADROOM_TEST_VSCODE_USER_DIR ?? '';
/** VS Code writes a finished request to disk 1–4 s after it completes (the recipe's timing caveat). */
const SAVE_TIMEOUT_MS = 60_000;

function chatSessionFiles(): string[] {
  const storage = path.join(userDir, 'workspaceStorage');
  if (!fs.existsSync(storage)) return [];
  return fs.readdirSync(storage).flatMap((id) => {
    const dir = path.join(storage, id, 'chatSessions');
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.jsonl')).map((name) => path.join(dir, name)) : [];
  });
}

/** The saved sessions in which both tool calls have their outcome on disk. */
async function finishedSessions(): Promise<ParsedSession[]> {
  const sessions: ParsedSession[] = [];
  for (const file of chatSessionFiles()) {
    const parsed = await parseChatSession({ agent: 'vscode-chat', path: file, projectPath: '', subagent: false });
    if (parsed.calls.map((call) => call.outcome).join(',') === 'failed,ok') sessions.push(parsed);
  }
  return sessions;
}

async function waitForFinishedSessions(count: number): Promise<ParsedSession[]> {
  const deadline = Date.now() + SAVE_TIMEOUT_MS;
  for (;;) {
    const sessions = await finishedSessions();
    if (sessions.length >= count) return sessions;
    if (Date.now() > deadline) {
      assert.fail(`VS Code saved ${sessions.length} of ${count} finished chat session(s) within ${SAVE_TIMEOUT_MS / 1000} s (files: ${chatSessionFiles().join(', ') || 'none'})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A request in a new chat session, typed into the Chat view as a user would send it. */
async function sendInNewSession(text: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.chat.newChat');
  await vscode.commands.executeCommand('workbench.action.chat.open', { query: text, isPartialQuery: false });
}

describe('VS Code chat: a real session saved by the editor', function () {
  this.timeout(180_000);
  const workspace = workspaceFolderUri().fsPath;

  before(async () => {
    assert.ok(userDir && fs.existsSync(userDir), `the runner names code-server's User folder (HEADROOM_TEST_VSCODE_USER_DIR=${userDir})`);
    const probe = vscode.extensions.getExtension('probe.chat-probe');
    assert.ok(probe, 'the chat-probe test extension is installed');
    await probe.activate();
  });

  it('VS Code saves the failed tool call and the call that fixed it, and headroom reads both from the session file', async () => {
    await sendInNewSession('@probe read the sample file');
    const [session] = await waitForFinishedSessions(1);
    assert.ok(session);
    assert.deepEqual(
      session.calls.map((call) => ({ tool: call.tool, originalTool: call.originalTool, path: call.path, outcome: call.outcome, errorKind: call.errorKind })),
      [
        { tool: 'Read', originalTool: 'read_file', path: path.join(workspace, 'sampel.txt'), outcome: 'failed', errorKind: 'file_not_found' },
        { tool: 'Read', originalTool: 'read_file', path: path.join(workspace, 'sample.txt'), outcome: 'ok', errorKind: undefined },
      ],
    );
    assert.match(session.calls[0]!.output, /File not found/);
  });

  it('Headroom: Learn finds the correction in two real sessions and plans it for .github/copilot-instructions.md', async () => {
    await sendInNewSession('@probe read the sample file again');
    const sessions = await waitForFinishedSessions(2);
    // code-server's workbench writes no workspace.json beside the sessions (only meta.json with the folder's name), so
    // Learn finds them through the extension's own window storage (context.storageUri → HEADROOM_VSCODE_WINDOW_STORAGE).
    const api = await activateTestingHooks();
    const status = await api.review.learn({ folder: vscode.Uri.file(workspace) });
    assert.equal(status, 'done');
    const state = api.review.getReviewState();
    const learning = reviewLearning(state, workspace, 'sample.txt');
    const instructions = path.join(workspace, '.github', 'copilot-instructions.md');
    assert.ok(learning.files.includes(instructions), `the rule goes to ${instructions} (files: ${learning.files.join(', ')})`);
    assert.deepEqual(reviewTarget(state, instructions).agents, ['vscode-chat']);
    const evidenceFiles = new Set(learning.evidence.map((ref) => ref.file));
    assert.deepEqual([...evidenceFiles].sort(), sessions.map((s) => s.file).sort(), 'the evidence is the two session files VS Code saved');
  });
});
