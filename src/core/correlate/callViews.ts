import type { ToolCall } from '../model/toolCall.js';

/** The shell command of a Bash call, whichever field the agent put it in. */
export function commandOf(call: ToolCall): string | undefined {
  if (call.command !== undefined) return call.command;
  const raw = call.input.command ?? call.input.cmd;
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw) && raw.every((part) => typeof part === 'string')) return raw.join(' ');
  return undefined;
}

/** Where a shell call started: Codex's `workdir` argument, else the session's cwd (undefined when neither is recorded). */
export function startDirectoryOf(call: ToolCall): string | undefined {
  return typeof call.input.workdir === 'string' ? call.input.workdir : call.cwd;
}

/** A file changed by a tool that edits files (Claude Edit/Write, Codex apply_patch, Gemini replace/write_file). */
export function isSuccessfulEdit(call: ToolCall): boolean {
  return call.outcome === 'ok' && (call.tool === 'Edit' || call.tool === 'Write');
}

/** The file or folder a path tool worked on. */
export function pathOf(call: ToolCall): string | undefined {
  if (call.path !== undefined) return call.path;
  for (const key of ['file_path', 'absolute_path', 'path', 'dir_path', 'notebook_path']) {
    const value = call.input[key];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

export function patternOf(call: ToolCall): string | undefined {
  if (call.pattern !== undefined) return call.pattern;
  const value = call.input.pattern ?? call.input.query;
  return typeof value === 'string' ? value : undefined;
}

/** A Read that asked for part of a file (offset/limit or a line range). */
export function isRangedRead(call: ToolCall): boolean {
  return ['offset', 'limit', 'start_line', 'end_line', 'line_range'].some((key) => call.input[key] !== undefined);
}
