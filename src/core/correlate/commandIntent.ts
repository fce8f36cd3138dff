import type { ToolCall } from '../model/toolCall.js';
import { commandOf } from './callViews.js';
import { shellSearch } from './commandSearch.js';
import { PATH_ERROR_KINDS } from './fileIntent.js';
import type { IntentMatch } from './intent.js';
import { nearBasename } from './nearBasename.js';
import { commandShape, type CommandShape } from './normaliseLauncher.js';
import { COMMAND_TOKEN_OVERLAP_MIN, SAME_PROGRAM_ARGS_OVERLAP_MIN } from './thresholds.js';
import { tokenOverlap } from './tokenOverlap.js';

function isPathLike(word: string): boolean {
  if (word.startsWith('-') || /^[a-z]+:\/\//i.test(word)) return false;
  return word.includes('/') || /^[^=]+\.[A-Za-z0-9]{1,8}$/.test(word);
}

/**
 * `cat src/foo.ts` → `cat lib/foo.ts`: the commands differ only in one path argument each,
 * and the two paths name the same file (near base names).
 */
function swappedPath(a: CommandShape, b: CommandShape): { from: string; to: string } | undefined {
  const onlyA = a.args.filter((word) => !b.args.includes(word));
  const onlyB = b.args.filter((word) => !a.args.includes(word));
  if (onlyA.length !== 1 || onlyB.length !== 1 || a.args.length !== b.args.length) return undefined;
  const [from] = onlyA;
  const [to] = onlyB;
  if (!isPathLike(from) || !isPathLike(to) || !nearBasename(from, to)) return undefined;
  return { from, to };
}

/** `cargo test` → `cargo test --features full`: every argument of the shorter command is kept. */
function onlyAddsOrRemovesArgs(a: readonly string[], b: readonly string[]): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length > 0 && shorter.every((word) => longer.includes(word));
}

/**
 * Compound commands (`a && b`) only pair as launcher, path or search corrections, or as an
 * identical retry: which part failed is unknown, so no command form is learned from them.
 *
 * Bash: the same program after normalising launchers (python3 → uv run python, npm → pnpm),
 * with enough of the same arguments; or, across programs, a high overlap of the whole command.
 */
export function sameCommandIntent(failed: ToolCall, candidate: ToolCall): IntentMatch {
  const commandA = commandOf(failed);
  const commandB = commandOf(candidate);
  if (!commandA || !commandB) return undefined;
  const a = commandShape(commandA);
  const b = commandShape(commandB);
  if (!a.program || !b.program) return undefined;
  if (a.normalised === b.normalised) return 'retry';

  const searchA = shellSearch(a);
  const searchB = shellSearch(b);
  if (searchA && searchB && searchA.pattern === searchB.pattern && searchA.scope !== searchB.scope) {
    return { kind: 'search_scope', from: searchA.scope, to: searchB.scope };
  }

  if (a.program === b.program) {
    const argsOverlap = tokenOverlap(a.args, b.args);
    if (a.launcher !== b.launcher) {
      return argsOverlap >= SAME_PROGRAM_ARGS_OVERLAP_MIN ? { kind: 'launcher', from: a.launcher, to: b.launcher } : undefined;
    }
    if (a.args.join(' ') === b.args.join(' ')) return a.compound || b.compound ? undefined : 'retry';
    const swap = failed.errorKind && PATH_ERROR_KINDS.has(failed.errorKind) ? swappedPath(a, b) : undefined;
    if (swap) return { kind: 'path', ...swap };
    if (a.compound || b.compound) return undefined;
    const sameIntent = argsOverlap >= SAME_PROGRAM_ARGS_OVERLAP_MIN || onlyAddsOrRemovesArgs(a.args, b.args);
    return sameIntent ? { kind: 'command', from: a.normalised, to: b.normalised } : undefined;
  }
  if (a.compound || b.compound) return undefined;
  return tokenOverlap(a.words, b.words) >= COMMAND_TOKEN_OVERLAP_MIN
    ? { kind: 'command', from: a.normalised, to: b.normalised }
    : undefined;
}
