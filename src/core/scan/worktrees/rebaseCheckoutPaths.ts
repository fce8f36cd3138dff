import type { ParsedSession } from '../../agents/plugin.js';
import type { ToolCall } from '../../model/toolCall.js';

/**
 * What a longer folder name continues with: a checkout `/a/cli` is not the start of `/a/cli-next` or
 * `/a/cli.worktrees` (a full stop that ends a sentence is not part of the path).
 */
const NAME_CONTINUES = String.raw`[\w~-]|\.[\w.-]`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Rewrites text recorded in one checkout of a repository as if it had been recorded in `root`: every other
 * checkout's folder (as a whole path, longest first, so `<repo>/.worktrees/x` wins over `<repo>`) becomes `root`.
 * A correction recorded in worktree W about `W/src/a.ts` is then the fact `src/a.ts` of the checkout learned.
 */
export function checkoutRebaser(root: string, checkouts: readonly string[]): (text: string) => string {
  const others = checkouts.filter((c) => c !== root);
  if (others.length === 0) return (text) => text;
  const alternatives = [...new Set([root, ...others])].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`(?<![\\w.~/-])(?:${alternatives.join('|')})(?!${NAME_CONTINUES})`, 'g');
  return (text) => text.replace(pattern, () => root);
}

function rebaseValue(value: unknown, rebase: (text: string) => string): unknown {
  if (typeof value === 'string') return rebase(value);
  if (Array.isArray(value)) return value.map((item) => rebaseValue(item, rebase));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rebaseValue(item, rebase)]));
  }
  return value;
}

function rebaseCall(call: ToolCall, rebase: (text: string) => string): ToolCall {
  const rebased: ToolCall = { ...call, input: rebaseValue(call.input, rebase) as Record<string, unknown>, output: rebase(call.output) };
  if (call.command !== undefined) rebased.command = rebase(call.command);
  if (call.path !== undefined) rebased.path = rebase(call.path);
  if (call.pattern !== undefined) rebased.pattern = rebase(call.pattern);
  if (call.cwd !== undefined) rebased.cwd = rebase(call.cwd);
  return rebased;
}

/** Whether rebaseSession changes anything: some checkout is not `root` itself. */
export function rebasesPaths(root: string, checkouts: readonly string[]): boolean {
  return checkouts.some((c) => c !== root);
}

/**
 * A session recorded in a worktree (or the main checkout) of the repository being learned, with its working
 * directory and the calls' inputs and outputs rewritten to `root` (checkoutRebaser). The user's own words are kept
 * as they were; the evidence still points at the session's real file and lines.
 */
export function rebaseSession(session: ParsedSession, root: string, checkouts: readonly string[]): ParsedSession {
  const rebase = checkoutRebaser(root, checkouts);
  if (!rebasesPaths(root, checkouts)) return session;
  return {
    ...session,
    ...(session.cwd !== undefined ? { cwd: rebase(session.cwd) } : {}),
    calls: session.calls.map((call) => rebaseCall(call, rebase)),
  };
}
