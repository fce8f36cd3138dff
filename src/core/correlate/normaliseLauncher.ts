import { SEGMENT_SEPARATORS, shellWords } from './shellWords.js';
import { baseName } from './nearBasename.js';
import { memoizedByText } from './memoizedByText.js';

/**
 * A shell command reduced to what it runs: the launcher the agent typed (`python3`, `uv run python`,
 * `npm`, `npx vitest`), the program that launcher runs, named the same whichever launcher was used
 * (`python`, `pytest`, `node-pm`, `vitest`), and the arguments.
 */
export interface CommandShape {
  /** The first working segment's words: wrappers, `cd …&&`, leading env assignments and redirections removed. */
  readonly words: readonly string[];
  /** Words that select the program, as typed (joined with spaces). */
  readonly launcher: string;
  /** Canonical program name, equal across launchers. */
  readonly program: string;
  /** Arguments after the launcher (for package managers: without a leading `run`, subcommand aliases spelled one way). */
  readonly args: readonly string[];
  /**
   * Every working segment (not `cd`/`export`/`source …/activate`), redirections removed, joined with
   * ` && `: equal for two commands that do the same thing the same way.
   */
  readonly normalised: string;
  /** More than one working segment (`a && b`): too composite to learn a command form from. */
  readonly compound: boolean;
}

/** Prefixes that run a program inside an environment: `uv run X`, `poetry run X`, … */
const RUN_IN_ENV: ReadonlyArray<readonly string[]> = [
  ['uv', 'run'],
  ['poetry', 'run'],
  ['pipenv', 'run'],
  ['pdm', 'run'],
  ['hatch', 'run'],
  ['rye', 'run'],
  ['conda', 'run'],
  ['npx'],
  ['bunx'],
  ['pnpx'],
  ['pnpm', 'exec'],
  ['pnpm', 'dlx'],
  ['yarn', 'dlx'],
  ['yarn', 'exec'],
  ['npm', 'exec'],
  ['bundle', 'exec'],
];

/** Words that only change how the next word runs. */
const TRANSPARENT = new Set(['sudo', 'time', 'exec', 'env', 'command', 'nice', 'nohup']);

const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);

/**
 * Package-manager subcommands spelled differently for the same job, so `npm ci` and
 * `pnpm install --frozen-lockfile` compare as one command run by two launchers.
 */
const PACKAGE_MANAGER_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  ci: ['install', '--frozen-lockfile'],
  i: ['install'],
  add: ['install'],
  t: ['test'],
};
const FROZEN_LOCKFILE_FLAGS = new Set(['--frozen-lockfile', '--immutable', '--frozen']);

/** `ci` → `install --frozen-lockfile`, `yarn install --immutable` → `install --frozen-lockfile`, `run x` → `x`. */
function packageManagerArgs(args: string[]): string[] {
  const [first, ...rest] = args[0] === 'run' ? args.slice(1) : args;
  if (first === undefined) return [];
  const head = PACKAGE_MANAGER_SUBCOMMANDS[first] ?? [first];
  return [...head, ...rest.map((word) => (FROZEN_LOCKFILE_FLAGS.has(word) ? '--frozen-lockfile' : word))].filter(
    (word, index, all) => word !== '--frozen-lockfile' || all.indexOf(word) === index,
  );
}
const SHELLS = new Set(['bash', 'sh', 'zsh']);
const REDIRECTION = /^(\d*>>?|&>|\d*<)(&\d+|\/dev\/null)?$|^\d*>&\d+$|^\d*>\/dev\/null$|^&>\/dev\/null$/;
const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** `bash -lc "inner"` → `inner`, repeatedly. */
function unwrapShell(words: string[]): string[] {
  let current = words;
  while (current.length >= 3 && SHELLS.has(baseName(current[0])) && /^-\w*c$/.test(current[1])) {
    current = shellWords(current[2]);
  }
  return current;
}

function segments(words: string[]): string[][] {
  const result: string[][] = [[]];
  for (const word of words) {
    if (SEGMENT_SEPARATORS.has(word)) result.push([]);
    else result[result.length - 1].push(word);
  }
  return result.filter((segment) => segment.length > 0);
}

function isSetupSegment(segment: string[]): boolean {
  const head = segment[0];
  if (head === 'cd' || head === 'pushd' || head === 'export' || head === 'set') return true;
  return (head === 'source' || head === '.') && segment.length === 2 && /activate$/.test(segment[1]);
}

function withoutPipeAndRedirections(segment: string[]): string[] {
  const pipe = segment.indexOf('|');
  const beforePipe = pipe >= 0 ? segment.slice(0, pipe) : segment;
  return beforePipe.filter((word) => !REDIRECTION.test(word));
}

/** The segments that do the work: all but `cd`/`export`/`source …/activate`, each up to its first pipe. */
function workingSegments(words: string[]): string[][] {
  const all = segments(unwrapShell(words));
  const working = all.filter((segment) => !isSetupSegment(segment));
  return (working.length > 0 ? working : all.slice(0, 1)).map(withoutPipeAndRedirections);
}

/** `python3.11`, `python3`, `/usr/bin/python` → `python`; `pip3` → `pip`; other names as their base name. */
function canonicalProgram(word: string): string {
  const name = baseName(word).toLowerCase().replace(/\.exe$/, '');
  if (/^python[\d.]*$/.test(name)) return 'python';
  if (/^pip[\d.]*$/.test(name)) return 'pip';
  if (PACKAGE_MANAGERS.has(name)) return 'node-pm';
  return name;
}

/**
 * The shape of a shell command: its working segments, the program that runs (past launchers, wrappers and
 * environments) and its arguments. Pure, so each command's shape is worked out once and shared, frozen.
 */
export const commandShape: (command: string) => CommandShape = memoizedByText((command) => {
  const shape = shapeOf(command);
  Object.freeze(shape.words);
  Object.freeze(shape.args);
  return Object.freeze(shape);
});

function shapeOf(command: string): CommandShape {
  const working = workingSegments(shellWords(command.trim()));
  const words = working[0] ?? [];
  let i = 0;
  while (i < words.length && (ENV_ASSIGNMENT.test(words[i]) || TRANSPARENT.has(words[i]))) i++;
  const start = i;
  for (;;) {
    const prefix = RUN_IN_ENV.find((p) => p.every((w, k) => words[i + k] === w));
    if (!prefix) break;
    i += prefix.length;
    while (i < words.length && words[i].startsWith('-')) i += words[i] === '-n' || words[i] === '--with' ? 2 : 1;
  }
  const programWord = words[i] ?? '';
  let program = canonicalProgram(programWord);
  i += 1;
  if (program === 'python' && words[i] === '-m' && words[i + 1]) {
    program = canonicalProgram(words[i + 1]);
    i += 2;
  }
  let args = words.slice(i);
  if (program === 'node-pm') args = packageManagerArgs(args);
  return {
    words: words.slice(start),
    launcher: words.slice(start, i).join(' '),
    program,
    args,
    normalised: working.map((segment) => segment.join(' ')).join(' && '),
    compound: working.length > 1,
  };
}
