// Builders that write session logs in each agent's own on-disk format (as of Claude Code 2.1.47,
// Codex CLI 0.123.0 unified exec, Gemini CLI 0.23 legacy JSON and the newer JSONL recording).
// Used only by generate.mjs to (re)write examples/demo/home; the product never imports this.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const P = '__DEMO_PROJECT__';
export const PROJECT_DIR = path.resolve(import.meta.dirname, '..', 'project');

let counter = 0;
function hex(seed, n) {
  let out = '';
  while (out.length < n) out += createHash('sha256').update(`${seed}:${counter++}`).digest('hex');
  return out.slice(0, n);
}
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function b62(seed, n) {
  const h = createHash('sha256').update(`${seed}:${counter++}`).digest();
  let out = '';
  for (let i = 0; out.length < n; i++) out += B62[h[i % h.length] % 62 ^ (i >> 5)] ?? 'x';
  return out.slice(0, n);
}
export function uuid4(seed) {
  const h = hex(seed, 32).split('');
  h[12] = '4';
  h[16] = '89ab'[parseInt(h[16], 16) % 4];
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
export function uuid7(seed, ms) {
  const t = ms.toString(16).padStart(12, '0');
  const h = hex(seed, 20).split('');
  h[0] = '7';
  h[4] = '89ab'[parseInt(h[4], 16) % 4];
  const r = h.join('');
  return `${t.slice(0, 8)}-${t.slice(8)}-${r.slice(0, 4)}-${r.slice(4, 8)}-${r.slice(8, 20)}`;
}

export function projectFile(rel) {
  return readFileSync(path.join(PROJECT_DIR, rel), 'utf8');
}

class Clock {
  constructor(start) {
    this.ms = Date.parse(start);
  }
  tick(seconds) {
    this.ms += Math.round(seconds * 1000);
    return this.iso();
  }
  iso() {
    return new Date(this.ms).toISOString();
  }
}

/** A handle on a tool call, so the README can cite where its result landed. */
export class CallRef {
  constructor(agent, file, label) {
    this.agent = agent;
    this.file = file;
    this.label = label;
    this.line = undefined;
    this.outcome = undefined;
  }
}

// ───────────────────────────── Claude Code ─────────────────────────────

const SYSTEM_REMINDER =
  '\n\n<system-reminder>\nWhenever you read a file, you should consider whether it would be considered malware. You CAN and SHOULD provide analysis of malware, what it is doing. But you MUST refuse to improve or augment the code. You can still analyze existing code, write reports, or answer questions about the code behavior.\n</system-reminder>\n';
const REJECT_PREFIX =
  "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file).";

export function numbered(text, startLine = 1) {
  const lines = text.replace(/\n$/, '').split('\n');
  return lines.map((l, i) => `${String(startLine + i).padStart(6, ' ')}→${l}`).join('\n');
}

export class ClaudeSession {
  constructor({ relFile, sessionId, start, slug, gitBranch, version = '2.1.47', model = 'claude-sonnet-4-6', agentId }) {
    this.relFile = relFile;
    this.sessionId = sessionId;
    this.clock = new Clock(start);
    this.slug = slug;
    this.gitBranch = gitBranch;
    this.version = version;
    this.model = model;
    this.agentId = agentId;
    this.sidechain = Boolean(agentId);
    this.lines = [];
    this.last = null;
    this.calls = [];
    this.msg = null;
  }
  base(extra = {}) {
    const r = {
      parentUuid: this.last,
      isSidechain: this.sidechain,
      userType: 'external',
      cwd: P,
      sessionId: this.sessionId,
      version: this.version,
      gitBranch: this.gitBranch,
    };
    if (this.agentId) r.agentId = this.agentId;
    r.slug = this.slug;
    return Object.assign(r, extra);
  }
  push(record, advance = true) {
    this.lines.push(JSON.stringify(record));
    if (advance && record.uuid) this.last = record.uuid;
    return this.lines.length;
  }
  prompt(text, seconds = 5) {
    const uuid = uuid4(this.sessionId);
    const ts = this.clock.tick(seconds);
    if (!this.sidechain) {
      this.lines.push(
        JSON.stringify({ type: 'file-history-snapshot', messageId: uuid, snapshot: { messageId: uuid, trackedFileBackups: {}, timestamp: ts }, isSnapshotUpdate: false }),
      );
    }
    const rec = this.base({ type: 'user', message: { role: 'user', content: text }, uuid, timestamp: ts });
    if (!this.sidechain) Object.assign(rec, { thinkingMetadata: { maxThinkingTokens: 31999 }, todos: [], permissionMode: 'default' });
    this.push(rec);
  }
  newMessage() {
    this.msg = { id: `msg_01${b62(this.sessionId, 22)}`, requestId: `req_011C${b62(this.sessionId, 20)}`, input: 8 + (counter % 7) };
  }
  usage() {
    const cacheRead = 18000 + this.lines.length * 420;
    return {
      input_tokens: this.msg.input,
      cache_creation_input_tokens: 380 + (this.lines.length % 9) * 57,
      cache_read_input_tokens: cacheRead,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 380 + (this.lines.length % 9) * 57 },
      output_tokens: 1,
      service_tier: 'standard',
      inference_geo: 'not_available',
    };
  }
  assistantBlock(block, stop = null, seconds = 1.2) {
    const uuid = uuid4(this.sessionId);
    this.push(
      this.base({
        message: { model: this.model, id: this.msg.id, type: 'message', role: 'assistant', content: [block], stop_reason: stop, stop_sequence: null, usage: this.usage() },
        requestId: this.msg.requestId,
        type: 'assistant',
        uuid,
        timestamp: this.clock.tick(seconds),
      }),
    );
    return uuid;
  }
  /** Assistant text that ends the turn. */
  say(text, seconds = 3) {
    this.newMessage();
    this.assistantBlock({ type: 'text', text }, null, seconds);
  }
  /** One model response: optional text, then one tool_use. Returns the call handle. */
  call(name, input, { text, label, seconds = 3 } = {}) {
    this.newMessage();
    if (text) this.assistantBlock({ type: 'text', text }, null, seconds);
    const id = `toolu_01${b62(this.sessionId, 22)}`;
    const uuid = this.assistantBlock({ type: 'tool_use', id, name, input, caller: { type: 'direct' } }, null, text ? 0.6 : seconds);
    const ref = new CallRef('claude', this.relFile, label);
    Object.assign(ref, { id, assistantUuid: uuid, name, input });
    this.calls.push(ref);
    return ref;
  }
  result(ref, { content, isError, toolUseResult, seconds = 0.4, outcome }) {
    const block = { tool_use_id: ref.id, type: 'tool_result', content };
    if (isError) block.is_error = true;
    const rec = this.base({ type: 'user', message: { role: 'user', content: [block] }, uuid: uuid4(this.sessionId), timestamp: this.clock.tick(seconds) });
    if (toolUseResult !== undefined) rec.toolUseResult = toolUseResult;
    rec.sourceToolAssistantUUID = ref.assistantUuid;
    rec.parentUuid = ref.assistantUuid;
    ref.line = this.push(rec);
    ref.outcome = outcome ?? (isError ? 'failed' : 'ok');
    return ref;
  }
  // ── tool helpers (call + result) ──
  read(rel, { offset, limit, text, label, content } = {}) {
    const input = { file_path: `${P}/${rel}` };
    if (offset !== undefined) input.offset = offset;
    if (limit !== undefined) input.limit = limit;
    const ref = this.call('Read', input, { text, label });
    const all = (content ?? projectFile(rel)).replace(/\n$/, '').split('\n');
    const start = offset ?? 1;
    const slice = all.slice(start - 1, limit ? start - 1 + limit : undefined);
    return this.result(ref, {
      content: numbered(slice.join('\n'), start) + SYSTEM_REMINDER,
      toolUseResult: { type: 'text', file: { filePath: `${P}/${rel}`, content: slice.join('\n'), numLines: slice.length, startLine: start, totalLines: all.length } },
    });
  }
  readMissing(rel, { text, label } = {}) {
    const ref = this.call('Read', { file_path: `${P}/${rel}` }, { text, label });
    const msg = `File does not exist. Note: your current working directory is ${P}.`;
    return this.result(ref, { content: `<tool_use_error>${msg}</tool_use_error>`, isError: true, toolUseResult: `Error: ${msg}` });
  }
  readTooLarge(rel, { text, label } = {}) {
    const ref = this.call('Read', { file_path: `${P}/${rel}` }, { text, label });
    const tokens = Math.round(Buffer.byteLength(projectFile(rel)) / 3.35);
    const msg = `File content (${tokens} tokens) exceeds maximum allowed tokens (25000). Please use offset and limit parameters to read specific portions of the file, or use the GrepTool to search for specific content.`;
    return this.result(ref, { content: msg, isError: true, toolUseResult: `Error: ${msg}` });
  }
  bash(command, description, { stdout = '', fail, text, label, seconds } = {}) {
    const ref = this.call('Bash', { command, description }, { text, label });
    if (fail) {
      const body = `Exit code ${fail.code}\n${fail.output}`;
      return this.result(ref, { content: body, isError: true, toolUseResult: `Error: ${body}`, seconds: seconds ?? 2.5 });
    }
    return this.result(ref, {
      content: stdout,
      isError: false,
      toolUseResult: { stdout, stderr: '', interrupted: false, isImage: false },
      seconds: seconds ?? 2.5,
    });
  }
  bashRejected(command, description, { feedback, text, label } = {}) {
    const ref = this.call('Bash', { command, description }, { text, label });
    const body = feedback
      ? `${REJECT_PREFIX} To tell you how to proceed, the user said:\n${feedback}`
      : `${REJECT_PREFIX} STOP what you are doing and wait for the user to tell you how to proceed.`;
    this.result(ref, { content: body, isError: true, toolUseResult: feedback ? `Error: ${body}` : 'User rejected tool use', seconds: 6, outcome: 'rejected' });
    ref.userFeedback = feedback;
    if (!feedback) this.interruptMarker();
    return ref;
  }
  bashInterrupted(command, description, { text, label } = {}) {
    const ref = this.call('Bash', { command, description }, { text, label });
    this.result(ref, {
      content: '[Request interrupted by user for tool use]',
      isError: true,
      toolUseResult: 'Error: [Request interrupted by user for tool use]',
      seconds: 20,
      outcome: 'interrupted',
    });
    this.interruptMarker();
    return ref;
  }
  interruptMarker() {
    this.push(this.base({ type: 'user', message: { role: 'user', content: [{ type: 'text', text: '[Request interrupted by user for tool use]' }] }, uuid: uuid4(this.sessionId), timestamp: this.clock.tick(0.01) }));
  }
  grep(pattern, relPath, files, { text, label, glob } = {}) {
    const input = { pattern, path: `${P}/${relPath}`, output_mode: 'files_with_matches' };
    if (glob) input.glob = glob;
    const ref = this.call('Grep', input, { text, label });
    if (files === null) {
      const msg = `Path does not exist: ${P}/${relPath}. Note: your current working directory is ${P}.`;
      return this.result(ref, { content: `<tool_use_error>${msg}</tool_use_error>`, isError: true, toolUseResult: `Error: ${msg}` });
    }
    if (files.length === 0) {
      const r = this.result(ref, { content: 'No files found', toolUseResult: { mode: 'files_with_matches', filenames: [], numFiles: 0 } });
      r.noMatches = true;
      return r;
    }
    return this.result(ref, {
      content: `Found ${files.length} file${files.length === 1 ? '' : 's'}\n${files.join('\n')}`,
      toolUseResult: { mode: 'files_with_matches', filenames: files, numFiles: files.length },
    });
  }
  glob(pattern, files, { text, label } = {}) {
    const ref = this.call('Glob', { pattern, path: P }, { text, label });
    const abs = files.map((f) => `${P}/${f}`);
    return this.result(ref, {
      content: abs.length ? abs.join('\n') : 'No files found',
      toolUseResult: { filenames: abs, durationMs: 37 + abs.length * 5, numFiles: abs.length, truncated: false },
    });
  }
  edit(rel, oldString, newString, { text, label } = {}) {
    const ref = this.call('Edit', { replace_all: false, file_path: `${P}/${rel}`, old_string: oldString, new_string: newString }, { text, label });
    const current = projectFile(rel);
    if (!current.includes(newString)) throw new Error(`edit of ${rel}: new_string not in the committed file`);
    const original = current.replace(newString, oldString);
    const lineNo = original.slice(0, original.indexOf(oldString)).split('\n').length;
    const oldLines = oldString.split('\n');
    const newLines = newString.split('\n');
    return this.result(ref, {
      content: `The file ${P}/${rel} has been updated successfully.`,
      toolUseResult: {
        filePath: `${P}/${rel}`,
        oldString,
        newString,
        originalFile: original,
        structuredPatch: [
          { oldStart: lineNo, oldLines: oldLines.length, newStart: lineNo, newLines: newLines.length, lines: [...oldLines.map((l) => `-${l}`), ...newLines.map((l) => `+${l}`)] },
        ],
        userModified: false,
        replaceAll: false,
      },
    });
  }
  task(description, prompt, agentId, summary, { text, label, seconds = 40 } = {}) {
    const ref = this.call('Task', { description, prompt, subagent_type: 'Explore' }, { text, label });
    return this.result(ref, {
      content: [
        { type: 'text', text: summary },
        { type: 'text', text: `agentId: ${agentId} (for resuming to continue this agent's work if needed)` },
      ],
      toolUseResult: {
        status: 'completed',
        prompt,
        agentId,
        content: [{ type: 'text', text: summary }],
        totalDurationMs: Math.round(seconds * 1000),
        totalTokens: 24817,
        totalToolUseCount: 5,
        usage: { input_tokens: 6, cache_creation_input_tokens: 2210, cache_read_input_tokens: 21930, output_tokens: 671, service_tier: 'standard' },
      },
      seconds,
    });
  }
  turnDuration(ms) {
    this.push(this.base({ type: 'system', subtype: 'turn_duration', durationMs: ms, timestamp: this.clock.tick(0.2), uuid: uuid4(this.sessionId), isMeta: false }));
  }
  text() {
    return this.lines.join('\n') + '\n';
  }
}

// ───────────────────────────── Codex CLI ─────────────────────────────

const CODEX_BASE_INSTRUCTIONS =
  'You are Codex, a coding agent based on GPT-5. You and the user share the same workspace and collaborate to achieve the user\'s goals.\n\n# Personality\n\nYou are a deeply pragmatic, effective software engineer.';
const PERMISSIONS =
  "<permissions instructions>\nFilesystem sandboxing defines which files can be read or written. `sandbox_mode` is `workspace-write`: The sandbox permits reading files, and editing files in `cwd` and `writable_roots`. Editing files in other directories requires approval. Network access is restricted.\nApproval policy is currently on-request. Commands that need to run outside the sandbox (network, files outside the workspace) must be run with the `sandbox_permissions` parameter set to \"require_escalated\" and a `justification`.\n</permissions instructions>";

export class CodexSession {
  constructor({ relFile, id, start, branch, timezone = 'Europe/Berlin' }) {
    this.relFile = relFile;
    this.id = id;
    this.clock = new Clock(start);
    this.branch = branch;
    this.timezone = timezone;
    this.lines = [];
    this.calls = [];
    this.turnId = null;
    this.turnStart = 0;
    this.tokens = 21000;
    this.push('session_meta', {
      id,
      timestamp: this.clock.iso(),
      cwd: P,
      originator: 'codex-tui',
      cli_version: '0.123.0',
      source: 'cli',
      model_provider: 'openai',
      base_instructions: { text: CODEX_BASE_INSTRUCTIONS },
      git: { commit_hash: hex(id, 40), branch, repository_url: 'https://github.com/acme/shop.git' },
    });
    this.first = true;
  }
  push(type, payload, seconds = 0) {
    const ts = seconds ? this.clock.tick(seconds) : this.clock.iso();
    this.lines.push(JSON.stringify({ timestamp: ts, type, payload }));
    return this.lines.length;
  }
  turn(text) {
    this.turnId = uuid7(this.id, this.clock.ms);
    this.turnStart = this.clock.ms;
    const date = this.clock.iso().slice(0, 10);
    this.push('event_msg', { type: 'task_started', turn_id: this.turnId, started_at: Math.floor(this.clock.ms / 1000), model_context_window: 258400, collaboration_mode_kind: 'default' }, 0.2);
    if (this.first) {
      this.push('response_item', { type: 'message', role: 'developer', content: [{ type: 'input_text', text: PERMISSIONS }] });
      this.push('response_item', {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: `<environment_context>\n  <cwd>${P}</cwd>\n  <shell>zsh</shell>\n  <current_date>${date}</current_date>\n  <timezone>${this.timezone}</timezone>\n</environment_context>` }],
      });
    }
    this.push('turn_context', {
      turn_id: this.turnId,
      cwd: P,
      current_date: date,
      timezone: this.timezone,
      approval_policy: 'on-request',
      sandbox_policy: { type: 'workspace-write', writable_roots: [], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false },
      model: 'gpt-5.4',
      personality: 'pragmatic',
      collaboration_mode: { mode: 'default', settings: { model: 'gpt-5.4', reasoning_effort: 'high', developer_instructions: '# Collaboration Mode: Default' } },
      realtime_active: false,
      effort: 'high',
      summary: 'none',
      truncation_policy: { mode: 'tokens', limit: 10000 },
    });
    this.first = false;
    this.push('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text }] }, 0.2);
    this.push('event_msg', { type: 'user_message', message: text, images: [], local_images: [], text_elements: [] });
    this.tokenCount(true);
  }
  tokenCount(empty = false) {
    const rate = { limit_id: 'codex', limit_name: null, primary: null, secondary: null, credits: null, plan_type: 'plus', rate_limit_reached_type: null };
    if (empty) return this.push('event_msg', { type: 'token_count', info: null, rate_limits: rate }, 0.3);
    const last = 1400 + (this.lines.length % 13) * 97;
    this.tokens += last;
    const t = (n) => ({ input_tokens: n, cached_input_tokens: Math.floor(n * 0.8), output_tokens: 180, reasoning_output_tokens: 40, total_tokens: n + 180 });
    return this.push('event_msg', { type: 'token_count', info: { total_token_usage: t(this.tokens), last_token_usage: t(last), model_context_window: 258400 }, rate_limits: rate });
  }
  commentary(text) {
    this.push('response_item', { content: null, summary: [], type: 'reasoning' }, 3.5);
    this.push('event_msg', { type: 'agent_message', message: text, phase: 'commentary', memory_citation: null }, 2.1);
    this.push('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }], phase: 'commentary' });
  }
  exec(cmd, { workdir = '', exit = 0, output = '', parsed, escalate, declined, label, seconds = 0.4 } = {}) {
    const wd = workdir ? `${P}/${workdir}` : P;
    const args = { cmd, workdir: wd, max_output_tokens: 6000, yield_time_ms: 1000 };
    if (escalate) Object.assign(args, { sandbox_permissions: 'require_escalated', justification: escalate.justification, prefix_rule: escalate.prefix_rule });
    const callId = `call_${b62(this.id, 24)}`;
    this.push('response_item', { type: 'function_call', name: 'exec_command', arguments: JSON.stringify(args), call_id: callId }, 0.01);
    this.tokenCount();
    const ref = new CallRef('codex', this.relFile, label);
    Object.assign(ref, { id: callId, name: 'exec_command', input: args });
    const parsedCmd = parsed ?? [{ type: 'unknown', cmd }];
    if (declined) {
      this.push('event_msg', {
        type: 'exec_command_end', call_id: callId, process_id: null, turn_id: this.turnId, command: ['/bin/zsh', '-lc', cmd], cwd: wd, parsed_cmd: parsedCmd,
        source: 'unified_exec_startup', stdout: '', stderr: 'exec command rejected by user', aggregated_output: 'exec command rejected by user', exit_code: -1,
        duration: { secs: 0, nanos: 0 }, formatted_output: '', status: 'declined',
      }, 7.5);
      ref.line = this.push('response_item', { type: 'function_call_output', call_id: callId, output: 'exec command rejected by user' });
      ref.outcome = 'rejected';
    } else {
      const secs = Math.floor(seconds);
      this.push('event_msg', {
        type: 'exec_command_end', call_id: callId, process_id: String(20000 + (counter++ * 7919) % 70000), turn_id: this.turnId, command: ['/bin/zsh', '-lc', cmd], cwd: wd,
        parsed_cmd: parsedCmd, source: 'unified_exec_startup', stdout: '', stderr: '', aggregated_output: output, exit_code: exit,
        duration: { secs, nanos: Math.round((seconds - secs) * 1e9) }, formatted_output: '', status: exit === 0 ? 'completed' : 'failed',
      }, seconds);
      const tokens = Math.max(1, Math.round(output.length / 4));
      ref.line = this.push('response_item', {
        type: 'function_call_output',
        call_id: callId,
        output: `Chunk ID: ${hex(callId, 6)}\nWall time: ${seconds.toFixed(4)} seconds\nProcess exited with code ${exit}\nOriginal token count: ${tokens}\nOutput:\n${output}`,
      }, 0.001);
      ref.outcome = exit === 0 ? 'ok' : 'failed';
      ref.exitCode = exit;
    }
    this.calls.push(ref);
    return ref;
  }
  applyPatch(rel, hunk, { label } = {}) {
    const abs = `${P}/${rel}`;
    const callId = `call_${b62(this.id, 24)}`;
    const input = `*** Begin Patch\n*** Update File: ${abs}\n${hunk}\n*** End Patch`;
    this.push('response_item', { type: 'custom_tool_call', status: 'completed', call_id: callId, name: 'apply_patch', input }, 0.01);
    this.tokenCount();
    const stdout = `Success. Updated the following files:\nM ${abs}\n`;
    this.push('event_msg', { type: 'patch_apply_end', call_id: callId, turn_id: this.turnId, stdout, stderr: '', success: true, changes: { [abs]: { type: 'update', unified_diff: hunk.replace(/^@@$/m, '@@ -1,3 +1,3 @@'), move_path: null } }, status: 'completed' }, 0.5);
    const ref = new CallRef('codex', this.relFile, label);
    Object.assign(ref, { id: callId, name: 'apply_patch', input: { input } });
    ref.line = this.push('response_item', { type: 'custom_tool_call_output', call_id: callId, output: JSON.stringify({ output: stdout, metadata: { exit_code: 0, duration_seconds: 0.0 } }) });
    ref.outcome = 'ok';
    this.calls.push(ref);
    return ref;
  }
  final(text) {
    this.push('response_item', { content: null, summary: [], type: 'reasoning' }, 2.5);
    this.push('event_msg', { type: 'agent_message', message: text, phase: 'final_answer', memory_citation: null }, 3);
    this.push('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }], phase: 'final_answer' });
    this.tokenCount();
    this.push('event_msg', { type: 'task_complete', turn_id: this.turnId, last_agent_message: text, completed_at: Math.floor(this.clock.ms / 1000), duration_ms: this.clock.ms - this.turnStart }, 0.4);
  }
  text() {
    return this.lines.join('\n') + '\n';
  }
}

// ───────────────────────────── Gemini CLI ─────────────────────────────

const GEMINI_DESCRIPTIONS = {
  read_file: ['ReadFile', "Reads and returns the content of a specified file. If the file is large, the content will be truncated. The tool's response will clearly indicate if truncation has occurred and will provide details on how to read more of the file using the 'offset' and 'limit' parameters. Handles text, images (PNG, JPG, GIF, WEBP, SVG, BMP), audio files (MP3, WAV, AIFF, AAC, OGG, FLAC), and PDF files. For text files, it can read specific line ranges.", true],
  run_shell_command: ['Shell', 'This tool executes a given shell command as `bash -c <command>`. Command can start background processes using `&`. Command is executed as a subprocess that leads its own process group. Command process group can be terminated as `kill -- -PGID` or signaled as `kill -s SIGNAL -- -PGID`.', false],
  search_file_content: ['SearchText', 'Searches for a regular expression pattern within the content of files in a specified directory (or current working directory). Can filter files by a glob pattern. Returns the lines containing matches, along with their file paths and line numbers.', false],
  glob: ['FindFiles', 'Efficiently finds files matching specific glob patterns (e.g., `src/**/*.ts`, `**/*.md`), returning absolute paths sorted by modification time (newest first).', false],
  replace: ['Edit', 'Replaces text within a file. By default, replaces a single occurrence, but can replace multiple occurrences when `expected_replacements` is specified.', false],
};

export class GeminiSession {
  constructor({ relFile, sessionId, start, jsonl = false, model = 'gemini-2.5-flash' }) {
    this.relFile = relFile;
    this.sessionId = sessionId;
    this.clock = new Clock(start);
    this.startTime = this.clock.iso();
    this.jsonl = jsonl;
    this.model = model;
    this.messages = [];
    this.lines = [];
    this.calls = [];
    if (jsonl) this.lines.push(JSON.stringify({ sessionId, projectHash: '__GEMINI_PROJECT_ID__', startTime: this.startTime, lastUpdated: this.startTime, kind: 'main' }));
  }
  content(text) {
    return this.jsonl ? [{ text }] : text;
  }
  emit(message) {
    if (this.jsonl) this.lines.push(JSON.stringify(message));
    return this.jsonl ? this.lines.length : this.messages.length;
  }
  user(text, seconds = 20) {
    const m = { id: uuid4(this.sessionId), timestamp: this.clock.tick(seconds), type: 'user', content: this.content(text) };
    this.messages.push(m);
    this.emit(m);
  }
  info(text) {
    const m = { id: uuid4(this.sessionId), timestamp: this.clock.tick(1), type: 'info', content: text };
    this.messages.push(m);
    this.emit(m);
  }
  /** A model turn: text plus zero or more tool calls (each {name,args,status,output|error,display}). */
  gemini(text, subject, calls = [], { label } = {}) {
    const ts = this.clock.tick(3.2);
    const m = {
      id: uuid4(this.sessionId),
      timestamp: ts,
      type: 'gemini',
      content: this.content(text),
      thoughts: [{ subject, description: `${subject}. ${text || 'Deciding on the next tool call.'}`.slice(0, 240), timestamp: new Date(Date.parse(ts) - 900).toISOString() }],
      tokens: { input: 14000 + this.messages.length * 730, output: 60 + text.length % 80, cached: 9000 + this.messages.length * 500, thoughts: 120, tool: 0, total: 0 },
      model: this.model,
    };
    m.tokens.total = m.tokens.input + m.tokens.output + m.tokens.thoughts;
    this.messages.push(m);
    if (calls.length === 0) {
      this.emit(m);
      return [];
    }
    if (this.jsonl) this.emit({ ...m }); // first version, before the tools ran
    const refs = [];
    m.toolCalls = calls.map((c) => {
      const ms = this.clock.ms + 40;
      const id = `${c.name}-${ms}-${hex(this.sessionId, 13)}`;
      const [displayName, description, md] = GEMINI_DESCRIPTIONS[c.name];
      const response = c.status === 'success' ? { output: c.output } : { error: c.error };
      const tc = { id, name: c.name, args: c.args, result: [{ functionResponse: { id, name: c.name, response } }], status: c.status, timestamp: this.clock.tick(c.seconds ?? 1.5) };
      if (c.display !== undefined) tc.resultDisplay = c.display;
      else if (c.status === 'error') tc.resultDisplay = c.error;
      Object.assign(tc, { displayName, description, renderOutputAsMarkdown: md });
      const ref = new CallRef('gemini', this.relFile, c.label ?? label);
      Object.assign(ref, { id, name: c.name, input: c.args, outcome: c.status === 'success' ? (c.failedExit ? 'failed' : 'ok') : c.status === 'cancelled' ? 'rejected' : 'failed' });
      refs.push(ref);
      this.calls.push(ref);
      return tc;
    });
    const line = this.emit(m);
    for (const r of refs) r.line = line;
    if (this.jsonl) this.lines.push(JSON.stringify({ $set: { lastUpdated: this.clock.iso() } }));
    return refs;
  }
  text() {
    if (this.jsonl) return this.lines.join('\n') + '\n';
    return JSON.stringify({ sessionId: this.sessionId, projectHash: '__GEMINI_PROJECT_ID__', startTime: this.startTime, lastUpdated: this.clock.iso(), messages: this.messages }, null, 2) + '\n';
  }
}

/** Shell output as Gemini CLI 0.23 records it (old layout; a non-zero exit is still status "success"). */
export function geminiShellLegacy(command, output, exit = 0, pgid = 40000) {
  return `Command: ${command}\nDirectory: (root)\nOutput: ${output || '(empty)'}\nError: (none)\nExit Code: ${exit}\nSignal: 0\nBackground PIDs: (none)\nProcess Group PGID: ${pgid}`;
}
/** Shell output in the newer layout: only the lines that apply. */
export function geminiShellNew(output, exit = 0, pgid = 50000) {
  const lines = [`Output: ${output || '(empty)'}`];
  if (exit !== 0) lines.push(`Exit Code: ${exit}`);
  lines.push(`Process Group PGID: ${pgid}`);
  return `<untrusted_context>\n${lines.join('\n')}\n</untrusted_context>`;
}
