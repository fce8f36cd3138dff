/**
 * What the text of a Codex tool output says about how the call ended, era by era
 * (log-formats.md §2.6). Only the output's own header is read, never the program's
 * output below it, so a program that prints "Exit code: 1" does not fool it.
 */
export interface ToolResultText {
  /** Which era's layout the text is in; 'plain' when none matched. */
  format: 'json_metadata' | 'exit_code_line' | 'unified_exec' | 'code_mode' | 'plain';
  exitCode?: number;
  /** The call left a process (unified exec) or a script cell (code mode) running. */
  running?: RunningProcess;
  /** Code mode: how the script ended. */
  script?: 'completed' | 'failed';
  /** The program's output without the header (what errors are classified on). */
  body: string;
}

interface RunningProcess {
  kind: 'session' | 'cell';
  id: string;
}

export function readToolResultText(text: string): ToolResultText {
  return readJsonMetadata(text) ?? readExitCodeLine(text) ?? readUnifiedExec(text) ?? readCodeMode(text) ?? { format: 'plain', body: text };
}

/** `shell` tool, legacy TypeScript CLI and JSON-envelope apply_patch: `{"output": "…", "metadata": {"exit_code": N}}`. */
function readJsonMetadata(text: string): ToolResultText | undefined {
  if (!text.startsWith('{') || !text.includes('"metadata"')) return undefined;
  try {
    const value = JSON.parse(text) as { output?: unknown; metadata?: { exit_code?: unknown } };
    if (typeof value?.output !== 'string' || typeof value.metadata?.exit_code !== 'number') return undefined;
    return { format: 'json_metadata', exitCode: value.metadata.exit_code, body: value.output };
  } catch {
    return undefined;
  }
}

/** `shell_command` and freeform apply_patch: `Exit code: N\nWall time: …\nOutput:\n…`. */
function readExitCodeLine(text: string): ToolResultText | undefined {
  const match = /^Exit code: (-?\d+)\r?\n/.exec(text);
  if (!match) return undefined;
  return { format: 'exit_code_line', exitCode: Number(match[1]), body: afterOutputLine(text) };
}

/** `exec_command` / `write_stdin`: `[Command: …\n]Chunk ID: …\nWall time: …\nProcess exited with code N\n…Output:\n…`. */
function readUnifiedExec(text: string): ToolResultText | undefined {
  const header = headerOf(text);
  const exited = /^Process exited with code (-?\d+)\s*$/m.exec(header);
  if (exited) return { format: 'unified_exec', exitCode: Number(exited[1]), body: afterOutputLine(text) };
  const running = /^Process running with session ID (\S+)\s*$/m.exec(header);
  if (running) return { format: 'unified_exec', running: { kind: 'session', id: running[1] }, body: afterOutputLine(text) };
  return undefined;
}

/** Code mode `exec` / `wait`: `Script completed|Script failed|Script running with cell ID N\nWall time …\nOutput:\n…`. */
function readCodeMode(text: string): ToolResultText | undefined {
  const first = text.split('\n', 1)[0].trim();
  if (first === 'Script completed') return { format: 'code_mode', script: 'completed', body: afterOutputLine(text) };
  if (first === 'Script failed') return { format: 'code_mode', script: 'failed', body: afterOutputLine(text) };
  const running = /^Script running with cell ID (\S+)$/.exec(first);
  if (running) return { format: 'code_mode', running: { kind: 'cell', id: running[1] }, body: afterOutputLine(text) };
  return undefined;
}

/** The header is everything before the first `Output:` line (at most the first 1 KB). */
function headerOf(text: string): string {
  const head = text.slice(0, 1024);
  const at = head.search(/^(?:Final )?Output:\s*$/m);
  return at === -1 ? head : head.slice(0, at);
}

function afterOutputLine(text: string): string {
  const match = /^(?:Final )?Output:[^\n]*\n?/m.exec(text.slice(0, 1024));
  return match ? text.slice(match.index + match[0].length) : text;
}

/**
 * Exit codes a code-mode script printed itself: `"exit_code":N` (a stringified
 * exec result), `Process exited with code N`, `Exit code: N`. Used only when the
 * script ran exactly one command and printed exactly one code, since any other
 * number could belong to any of several commands.
 */
export function printedExitCodes(body: string): number[] {
  const codes: number[] = [];
  for (const match of body.matchAll(/"exit_code"\s*:\s*(-?\d+)|^Process exited with code (-?\d+)|^Exit code: (-?\d+)/gm)) {
    codes.push(Number(match[1] ?? match[2] ?? match[3]));
  }
  return codes;
}
