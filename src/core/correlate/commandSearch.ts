import type { CommandShape } from './normaliseLauncher.js';

/** Shell programs that search file contents or names. */
const SEARCH_PROGRAMS: ReadonlySet<string> = new Set(['rg', 'grep', 'egrep', 'ag', 'ack']);

/** Flags of those programs that take a value (so the value is not the pattern). */
const FLAGS_WITH_VALUE = new Set(['-g', '--glob', '-t', '--type', '-m', '--max-count', '-A', '-B', '-C', '--include', '--exclude']);

export interface ShellSearch {
  pattern: string;
  /** The paths searched, '.' when none. */
  scope: string;
}

/** `rg -n foo src lib` → pattern foo, scope "src lib". Undefined for other programs. */
export function shellSearch(shape: CommandShape): ShellSearch | undefined {
  if (!SEARCH_PROGRAMS.has(shape.program)) return undefined;
  const positional: string[] = [];
  let pattern: string | undefined;
  for (let i = 0; i < shape.args.length; i++) {
    const arg = shape.args[i];
    if (arg === '-e' || arg === '--regexp') {
      pattern = shape.args[++i];
    } else if (FLAGS_WITH_VALUE.has(arg)) {
      i++;
    } else if (!arg.startsWith('-')) {
      positional.push(arg);
    }
  }
  // `rg --files [paths]` lists files: no pattern, every positional is a scope.
  if (pattern === undefined && shape.args.includes('--files')) pattern = '';
  if (pattern === undefined) pattern = positional.shift();
  if (pattern === undefined) return undefined;
  return { pattern, scope: positional.length > 0 ? positional.join(' ') : '.' };
}
