/**
 * Exit code of a Gemini `run_shell_command` from its response text. The shell tool
 * always reports success and puts the code in a trailer after the command's output:
 *
 * - old layout (≤ ~0.2x): `Command: …\nDirectory: …\nOutput: …\nError: (none)\nExit Code: 0\nSignal: 0\nBackground PIDs: (none)\nProcess Group PGID: N`
 * - current layout: `Output: …` then only the lines that apply (`Error: …`, `Exit Code: N`
 *   when non-zero, `Signal: …`, `Background PIDs: …`, `Process Group PGID: N`), the whole
 *   text wrapped in `<untrusted_context>…</untrusted_context>`.
 *
 * Only the trailer counts: reading back from the end, past the lines that may follow
 * `Exit Code:`, so an "Exit Code: 1" printed by the command itself is never taken for the tool's.
 */
export function shellExitCode(responseText: string): number | undefined {
  const lines = withoutUntrustedWrapper(responseText).split(/\r?\n/);
  let i = lines.length - 1;
  while (i >= 0 && lines[i].trim() === '') i -= 1;
  while (i >= 0 && /^(Signal|Background PIDs|Process Group PGID): /.test(lines[i])) i -= 1;
  const match = i >= 0 ? /^Exit Code: (-?\d+)\s*$/.exec(lines[i]) : null;
  return match ? Number(match[1]) : undefined;
}

/** The text inside an `<untrusted_context …>…</untrusted_context>` wrapper (unchanged when there is none). */
function withoutUntrustedWrapper(text: string): string {
  const trimmed = text.trim();
  const open = /^<untrusted_context\b[^>]*>\s*/.exec(trimmed);
  if (!open) return text;
  return trimmed.slice(open[0].length).replace(/\s*<\/untrusted_context>$/, '');
}

/** The shell tool's own text for a run stopped by its inactivity timeout. */
export function isShellTimeout(responseText: string): boolean {
  return /^Command was automatically cancelled because it exceeded the timeout/.test(withoutUntrustedWrapper(responseText).trimStart());
}

/** The shell tool's own text for a run the user stopped (Esc) while it ran. */
export function isShellCancelledByUser(responseText: string): boolean {
  return /^Command was cancelled by user before it could (?:complete|start)/.test(withoutUntrustedWrapper(responseText).trimStart());
}
