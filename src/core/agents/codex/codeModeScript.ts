import { patchFiles } from './patchFiles.js';

/**
 * What a code-mode `exec` script (a JavaScript snippet, Codex 0.14x) does, read
 * from its source without running it: which Codex tools it calls and, where the
 * command is a string literal, which commands it runs.
 */
export interface CodeModeScript {
  /** Number of `tools.exec_command(` / `tools.shell_command(` / `tools.shell(` calls written in the source. */
  commandCalls: number;
  /** The literal commands found, in order (a command built at run time is missing here). */
  commands: string[];
  /** Files named in an apply_patch patch inside the script. */
  patchedFiles: string[];
  callsApplyPatch: boolean;
}

const COMMAND_TOOL_CALL = /\btools\.(?:exec_command|shell_command|shell)\s*\(/g;
/**
 * `cmd: "…"`, `"cmd": "…"`, `command: "…"` with a double-quoted (JSON-compatible)
 * literal that is not followed by `+` (so `cmd: "git check-ref-format " + name`
 * is not taken for the whole command).
 */
const COMMAND_LITERAL = /["']?\b(?:cmd|command)["']?\s*:\s*("(?:[^"\\\n]|\\.)*")(?!\s*\+)/g;

export function readCodeModeScript(source: string): CodeModeScript {
  const commandCalls = [...source.matchAll(COMMAND_TOOL_CALL)].length;
  const commands: string[] = [];
  if (commandCalls > 0) {
    for (const match of source.matchAll(COMMAND_LITERAL)) {
      const command = parseStringLiteral(match[1]);
      if (command !== undefined) commands.push(command);
    }
  }
  const callsApplyPatch = /\btools\.apply_patch\s*\(/.test(source);
  return { commandCalls, commands, callsApplyPatch, patchedFiles: callsApplyPatch ? patchFiles(source) : [] };
}

function parseStringLiteral(literal: string): string | undefined {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
