// A realistic agent history of a chosen size for `npm run bench`: Claude Code transcripts, Codex CLI rollouts and
// Gemini CLI sessions across a few projects, with the record mix of real logs (research/log-formats.md and the
// development corpus): long tool outputs repeated in Claude's toolUseResult, progress records, assistant
// messages split over records, most calls successful and a few percent failing (with the call that fixed them),
// compaction, and resumed sessions that repeat part of an earlier session's history. Deterministic (seeded).
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import * as path from 'node:path';

/** Share of the bytes per agent, as heavy users' homes hold them. */
const SHARES = { claude: 0.6, codex: 0.25, gemini: 0.15 };
const PROJECT_NAMES = ['shop', 'billing-api', 'mobile-app', 'infra'];
const FAILURE_RATE = 0.04;

/** Small deterministic generator (mulberry32), so two runs write the same history. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'const let return import export function async await if else for while type interface class new this null undefined true false string number'.split(' ');
/** Source-like text of about `bytes` bytes: what Read and Bash outputs are mostly made of. */
function codeText(rand, bytes) {
  const lines = [];
  let size = 0;
  for (let n = 1; size < bytes; n++) {
    const words = Array.from({ length: 3 + Math.floor(rand() * 9) }, () => WORDS[Math.floor(rand() * WORDS.length)]);
    const line = `${String(n).padStart(6)}→  ${'  '.repeat(Math.floor(rand() * 4))}${words.join(' ')}(${Math.floor(rand() * 1000)});`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

/** A pool of outputs to draw from (generating fresh text for every call would dominate the bench's own time). */
function outputPool(rand) {
  const sizes = [200, 500, 1_500, 4_000, 10_000, 25_000, 60_000];
  return sizes.flatMap((size) => Array.from({ length: 6 }, () => codeText(rand, size)));
}

/** The calls of one session: mostly successful, a few failing followed by the call that fixed them. */
function* sessionCalls(rand, pool, count) {
  for (let i = 0; i < count; i++) {
    const output = pool[Math.floor(Math.pow(rand(), 2) * pool.length)];
    if (rand() < FAILURE_RATE) {
      const kind = Math.floor(rand() * 3);
      if (kind === 0) {
        yield { tool: 'Bash', command: 'pytest -q tests', failed: true, output: 'Exit code 127\n/bin/sh: 1: pytest: command not found' };
        yield { tool: 'Bash', command: 'uv run pytest -q tests', failed: false, output: `${output.slice(0, 3000)}\n42 passed in 3.1s` };
      } else if (kind === 1) {
        yield { tool: 'Read', path: 'src/config/settings.ts', failed: true, output: 'File does not exist.' };
        yield { tool: 'Read', path: 'src/settings/index.ts', failed: false, output };
      } else {
        yield { tool: 'Bash', command: 'npm run lint', failed: true, output: `Exit code 1\n${output.slice(0, 4000)}\n✖ 3 problems (3 errors, 0 warnings)` };
        yield { tool: 'Bash', command: 'npm run lint -- --fix', failed: false, output: 'fixed' };
      }
      continue;
    }
    const bash = rand() < 0.55;
    yield bash
      ? { tool: 'Bash', command: `git diff --stat HEAD~${i % 7}`, failed: false, output }
      : { tool: 'Read', path: `src/module${i % 40}/file${i % 13}.ts`, failed: false, output };
  }
}

class LineFile {
  constructor(file) {
    this.out = createWriteStream(file);
    this.bytes = 0;
  }
  async write(record) {
    const line = `${typeof record === 'string' ? record : JSON.stringify(record)}\n`;
    this.bytes += Buffer.byteLength(line);
    if (!this.out.write(line)) await once(this.out, 'drain');
  }
  async close() {
    this.out.end();
    await once(this.out, 'finish');
  }
}

function isoAt(base, seconds) {
  return new Date(base + seconds * 1000).toISOString();
}

/** One Claude Code transcript of about `bytes`; returns its lines so a resumed session can repeat them. */
async function writeClaudeSession(file, { rand, pool, project, sessionId, bytes, base, replay }) {
  const out = new LineFile(file);
  const lines = [];
  const emit = async (record) => {
    const line = JSON.stringify(record);
    lines.push(line);
    await out.write(line);
  };
  for (const line of replay) await out.write(line); // a resumed session starts with the history it resumes
  const envelope = { parentUuid: null, isSidechain: false, userType: 'external', cwd: project, sessionId, version: '2.1.40', gitBranch: 'main' };
  await emit({ type: 'file-history-snapshot', messageId: `m-${sessionId}`, snapshot: { messageId: `m-${sessionId}`, trackedFileBackups: {}, timestamp: isoAt(base, 0) }, isSnapshotUpdate: false });
  await emit({ ...envelope, type: 'user', uuid: `${sessionId}-u0`, timestamp: isoAt(base, 1), message: { role: 'user', content: 'Fix the failing checks and tidy the settings module.' } });
  let n = 0;
  const calls = sessionCalls(rand, pool, Number.MAX_SAFE_INTEGER);
  while (out.bytes < bytes) {
    const call = calls.next().value;
    n += 1;
    const id = `toolu_${sessionId.slice(0, 8)}_${n}`;
    const at = isoAt(base, 10 + n * 7);
    const messageId = `msg_${sessionId.slice(0, 8)}_${n}`;
    const input = call.tool === 'Bash' ? { command: call.command, description: 'Run it' } : { file_path: `${project}/${call.path}` };
    if (rand() < 0.3) await emit({ ...envelope, type: 'assistant', uuid: `${id}-t`, timestamp: at, requestId: `req_${n}`, message: { id: messageId, role: 'assistant', model: 'claude-opus-4-5', content: [{ type: 'text', text: 'Let me look at that next, then run the checks again to see what is left.' }] } });
    await emit({ ...envelope, type: 'assistant', uuid: `${id}-a`, timestamp: at, requestId: `req_${n}`, message: { id: messageId, role: 'assistant', model: 'claude-opus-4-5', content: [{ type: 'tool_use', id, name: call.tool, input }], usage: { input_tokens: 1200, output_tokens: 80 } } });
    if (call.tool === 'Bash') {
      for (let p = 0; p < 1 + Math.floor(rand() * 3); p++) {
        await emit({ ...envelope, type: 'progress', uuid: `${id}-p${p}`, timestamp: at, toolUseID: id, parentToolUseID: id, data: { type: 'bash_progress', output: call.output.slice(0, 600 * (p + 1)), elapsedTimeSeconds: p + 1, totalLines: 20 } });
      }
    }
    const toolUseResult = call.failed ? `Error: ${call.output}` : call.tool === 'Bash' ? { stdout: call.output, stderr: '', interrupted: false, isImage: false } : { type: 'text', file: { filePath: input.file_path, content: call.output, numLines: 200, startLine: 1, totalLines: 200 } };
    await emit({ ...envelope, type: 'user', uuid: `${id}-r`, timestamp: at, sourceToolAssistantUUID: `${id}-a`, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: call.output, is_error: call.failed }] }, toolUseResult });
    if (n % 400 === 0) {
      await emit({ ...envelope, type: 'system', subtype: 'compact_boundary', uuid: `${id}-c`, timestamp: at, content: 'Conversation compacted', compactMetadata: { trigger: 'auto', preTokens: 160000 } });
      await emit({ ...envelope, type: 'user', uuid: `${id}-s`, timestamp: at, isCompactSummary: true, message: { role: 'user', content: `This session is being continued from a previous conversation. Summary: ${codeText(rand, 3000)}` } });
    }
  }
  await out.close();
  return { bytes: out.bytes, lines };
}

async function writeCodexRollout(file, { rand, pool, project, sessionId, bytes, base }) {
  const out = new LineFile(file);
  await out.write({ timestamp: isoAt(base, 0), type: 'session_meta', payload: { id: sessionId, timestamp: isoAt(base, 0), cwd: project, originator: 'codex_cli_rs', cli_version: '0.123.0', git: { branch: 'main' } } });
  await out.write({ timestamp: isoAt(base, 1), type: 'turn_context', payload: { cwd: project, approval_policy: 'on-request', sandbox_policy: { mode: 'workspace-write' }, model: 'gpt-5-codex' } });
  await out.write({ timestamp: isoAt(base, 2), type: 'event_msg', payload: { type: 'user_message', message: 'Make the tests pass.' } });
  let n = 0;
  const calls = sessionCalls(rand, pool, Number.MAX_SAFE_INTEGER);
  while (out.bytes < bytes) {
    const call = calls.next().value;
    n += 1;
    const at = isoAt(base, 10 + n * 5);
    const command = call.tool === 'Bash' ? call.command : `sed -n '1,200p' ${call.path}`;
    const code = call.failed ? (call.output.startsWith('Exit code 127') ? 127 : 1) : 0;
    await out.write({ timestamp: at, type: 'response_item', payload: { type: 'reasoning', summary: [], encrypted_content: 'gAAAA'.padEnd(1500, 'x') } });
    await out.write({ timestamp: at, type: 'response_item', payload: { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: command, workdir: project }), call_id: `call_${sessionId.slice(0, 8)}_${n}` } });
    const body = call.failed ? call.output.replace(/^Exit code \d+\n/, '') : call.output;
    await out.write({ timestamp: at, type: 'response_item', payload: { type: 'function_call_output', call_id: `call_${sessionId.slice(0, 8)}_${n}`, output: `Chunk ID: ${n.toString(16)}\nWall time: 0.4 seconds\nProcess exited with code ${code}\nOriginal token count: ${Math.ceil(body.length / 4)}\nOutput:\n${body}` } });
    await out.write({ timestamp: at, type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: { input_tokens: 1000 * n, output_tokens: 50 * n } } } });
  }
  await out.close();
  return { bytes: out.bytes };
}

async function writeGeminiSession(file, { rand, pool, projectHash, sessionId, bytes, base }) {
  const out = new LineFile(file);
  await out.write({ sessionId, projectHash, startTime: isoAt(base, 0), lastUpdated: isoAt(base, 0), kind: 'main' });
  await out.write({ id: 'u-0', timestamp: isoAt(base, 1), type: 'user', content: [{ text: 'Get the build green.' }] });
  let n = 0;
  const calls = sessionCalls(rand, pool, Number.MAX_SAFE_INTEGER);
  while (out.bytes < bytes) {
    const call = calls.next().value;
    n += 1;
    const at = isoAt(base, 10 + n * 6);
    const id = `run_shell_command-${n}-${sessionId.slice(0, 6)}`;
    const command = call.tool === 'Bash' ? call.command : `cat ${call.path}`;
    const body = call.failed ? call.output.replace(/^Exit code \d+\n/, '') : call.output;
    const exit = call.failed ? (call.output.startsWith('Exit code 127') ? 127 : 1) : 0;
    const output = `Output: ${body}${exit ? `\nExit Code: ${exit}` : ''}\nProcess Group PGID: ${4000 + n}`;
    const result = [{ functionResponse: { id, name: 'run_shell_command', response: { output } } }];
    await out.write({ id: `g-${n}`, timestamp: at, type: 'gemini', content: '', toolCalls: [{ id, name: 'run_shell_command', args: { command, description: 'Run it' }, status: 'executing', timestamp: at }], model: 'gemini-2.5-pro' });
    await out.write({ $set: { lastUpdated: at } });
    await out.write({ id: `g-${n}`, timestamp: at, type: 'gemini', content: '', toolCalls: [{ id, name: 'run_shell_command', args: { command, description: 'Run it' }, status: 'success', timestamp: at, result }], model: 'gemini-2.5-pro' });
  }
  await out.close();
  return { bytes: out.bytes };
}

const hex = (rand, length) => Array.from({ length }, () => Math.floor(rand() * 16).toString(16)).join('');
const uuid = (rand) => `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-8${hex(rand, 3)}-${hex(rand, 12)}`;

/**
 * Writes about `megabytes` MB of sessions into `home` (its .claude, .codex, .gemini), for projects under
 * `home/work/`. `batch` makes a second call add new sessions instead of rewriting the first ones (the second
 * history size of the memory measurement). Returns the bytes written, the files, and one Claude session to append to.
 */
export async function generateHistory(home, { megabytes, batch = 0 }) {
  const rand = random(0x5eed + batch);
  const pool = outputPool(rand);
  const projects = PROJECT_NAMES.map((name) => path.join(home, 'work', name));
  for (const project of projects) mkdirSync(project, { recursive: true });
  const files = [];
  let written = 0;
  const base = Date.UTC(2026, 5, 1) + batch * 86_400_000 * 30;
  const sessionBytes = () => Math.round((0.3 + rand() * rand() * 8) * 1024 * 1024);

  // Claude Code: <home>/.claude/projects/<encoded path>/<session id>.jsonl; some sessions resume an earlier one.
  let previous;
  let budget = megabytes * 1024 * 1024 * SHARES.claude;
  for (let s = 0; budget > 0; s++) {
    const project = projects[s % projects.length];
    const dir = path.join(home, '.claude', 'projects', project.replace(/[^A-Za-z0-9]/g, '-'));
    mkdirSync(dir, { recursive: true });
    const sessionId = uuid(rand);
    const file = path.join(dir, `${sessionId}.jsonl`);
    const replay = previous && previous.project === project && rand() < 0.2 ? previous.lines.slice(Math.floor(previous.lines.length * 0.7)) : [];
    const { bytes, lines } = await writeClaudeSession(file, { rand, pool, project, sessionId, bytes: Math.min(budget, sessionBytes()), base: base + s * 3_600_000, replay });
    previous = { project, lines: lines.length > 20_000 ? lines.slice(-20_000) : lines };
    files.push(file);
    written += bytes;
    budget -= bytes;
  }
  const appendTarget = files[0];

  // Codex CLI: <home>/.codex/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl
  budget = megabytes * 1024 * 1024 * SHARES.codex;
  for (let s = 0; budget > 0; s++) {
    const at = new Date(base + s * 3_600_000);
    const day = path.join(home, '.codex', 'sessions', String(at.getUTCFullYear()), String(at.getUTCMonth() + 1).padStart(2, '0'), String(at.getUTCDate()).padStart(2, '0'));
    mkdirSync(day, { recursive: true });
    const sessionId = `0199${hex(rand, 4)}-${hex(rand, 4)}-7${hex(rand, 3)}-8${hex(rand, 3)}-${hex(rand, 12)}`;
    const file = path.join(day, `rollout-${at.toISOString().slice(0, 19).replace(/:/g, '-')}-${sessionId}.jsonl`);
    const { bytes } = await writeCodexRollout(file, { rand, pool, project: projects[s % projects.length], sessionId, bytes: Math.min(budget, sessionBytes()), base: at.getTime() });
    files.push(file);
    written += bytes;
    budget -= bytes;
  }

  // Gemini CLI: <home>/.gemini/tmp/<project folder>/chats/session-<time>-<id>.jsonl, the folder named in projects.json.
  const registry = { projects: Object.fromEntries(projects.map((project) => [project, `bench-${path.basename(project)}`])) };
  mkdirSync(path.join(home, '.gemini'), { recursive: true });
  writeFileSync(path.join(home, '.gemini', 'projects.json'), JSON.stringify(registry, null, 2));
  budget = megabytes * 1024 * 1024 * SHARES.gemini;
  for (let s = 0; budget > 0; s++) {
    const project = projects[s % projects.length];
    const folder = path.join(home, '.gemini', 'tmp', `bench-${path.basename(project)}`);
    mkdirSync(path.join(folder, 'chats'), { recursive: true });
    writeFileSync(path.join(folder, '.project_root'), project);
    const sessionId = uuid(rand);
    const at = new Date(base + s * 3_600_000);
    const file = path.join(folder, 'chats', `session-${at.toISOString().slice(0, 16).replace(/:/g, '-')}-${sessionId.slice(0, 8)}.jsonl`);
    const { bytes } = await writeGeminiSession(file, { rand, pool, projectHash: hex(rand, 64), sessionId, bytes: Math.min(budget, sessionBytes()), base: at.getTime() });
    files.push(file);
    written += bytes;
    budget -= bytes;
  }
  return { bytes: written, files, projects, appendTarget };
}

/** Appends `count` more calls to a Claude session (a session that grew since the last scan). */
export async function appendToClaudeSession(file, count) {
  const sessionId = path.basename(file, '.jsonl');
  const rand = random(0xadd);
  const pool = outputPool(rand).slice(0, 12);
  const out = createWriteStream(file, { flags: 'a' });
  let bytes = 0;
  for (let n = 0; n < count; n++) {
    const id = `toolu_appended_${n}`;
    const output = pool[n % pool.length];
    const at = new Date(Date.UTC(2026, 11, 1) + n * 1000).toISOString();
    const lines = [
      { type: 'assistant', uuid: `${id}-a`, sessionId, timestamp: at, message: { id: `msg_app_${n}`, role: 'assistant', content: [{ type: 'tool_use', id, name: 'Bash', input: { command: 'git status' } }] } },
      { type: 'user', uuid: `${id}-r`, sessionId, timestamp: at, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: output }] }, toolUseResult: { stdout: output, stderr: '' } },
    ].map((record) => `${JSON.stringify(record)}\n`);
    for (const line of lines) {
      bytes += Buffer.byteLength(line);
      if (!out.write(line)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}
