import type { ToolCall } from '../model/toolCall.js';
import { PATH_ERROR_KINDS } from './fileIntent.js';
import type { CommandShape } from './normaliseLauncher.js';
import { shellWords } from './shellWords.js';

/** Programs that only check code (run tests, compile, lint, type-check). */
const CHECK_PROGRAMS: ReadonlySet<string> = new Set([
  'pytest', 'jest', 'vitest', 'mocha', 'tsc', 'eslint', 'ruff', 'mypy', 'pyright', 'golangci-lint', 'rspec', 'phpunit', 'tox', 'nox',
]);

/** Subcommands of build tools and package managers that check code: `go test`, `cargo build`, `npm run lint`, `mise run test:unit`. */
const CHECK_SUBCOMMAND = /^(test|tests|build|vet|lint|check|typecheck|compile|ci|clippy)(:|$)/;

/** Flags that pick which tests run; their values are the selection. */
const SELECTION_FLAGS: ReadonlySet<string> = new Set([
  '-run', '--run', '-k', '-t', '--testNamePattern', '--grep', '-g', '--filter', '--test', '--lib', '--bin', '--only', '--spec', '-m', '-bench',
]);

/** Flags and words that leave checks out: a run that passes with them proves nothing about what they skip. */
const SKIPPING_WORDS: ReadonlySet<string> = new Set([
  '--skip', '-skip', '--no-verify', '--deselect', '--ignore', '--exclude', '--testPathIgnorePatterns', '--passWithNoTests', '--no-run', '--ignored',
]);

/** Flags that only change how much is printed or whether cached results are reused, never whether the code passes. */
const OUTPUT_ONLY_FLAGS = /^(-v|-vv|-vvv|--verbose|-q|--quiet|-count=\d+|--silent|-s|--no-cache|--color(=\w+)?|--no-color|-x|--tb=\w+|--reporter(=\S+)?|-json|--json)$/;

/** Failures that say the command's form was wrong (a flag, a name, a path it was given), not the code it checked. */
const USAGE_ERROR = new RegExp(
  [
    'flag provided but not defined',
    'unknown (flag|option|command|argument|subcommand|shorthand flag)',
    'unrecognized (option|argument|arguments|subcommand)',
    'invalid (option|argument|flag)',
    'no such (option|command|subcommand|file or directory)',
    '^usage:',
    'missing script',
    'matched no packages',
    'cannot find package',
    'directory not found',
    'is not in std',
    'no Go files in',
    'no required module provides package',
    'unexpected argument',
  ].join('|'),
  'im',
);

export function isCheckCommand(shape: CommandShape): boolean {
  return CHECK_PROGRAMS.has(shape.program) || shape.args.some((word) => CHECK_SUBCOMMAND.test(word));
}

/** The failure was about the command itself (usage, a missing program, module, file or package). */
export function commandFormWasWrong(failed: ToolCall): boolean {
  const kind = failed.errorKind;
  if (kind && (PATH_ERROR_KINDS.has(kind) || kind === 'command_not_found' || kind === 'module_not_found' || kind === 'tool_validation')) return true;
  return USAGE_ERROR.test(failed.output);
}

/**
 * An operand that names tests or packages: a path or package pattern (`./...`, `tests/test_a.py`) or a
 * test path (`config::tests`). Plain words may be subcommands or flag values (`--features full`), so they are not.
 */
function namesTests(word: string): boolean {
  return !word.startsWith('-') && (word.includes('/') || word.includes('::') || /\.\w+$/.test(word));
}

/**
 * What a check checks: its check subcommand (`build`, `vet`, `test:unit`), its path operands and the values of
 * its selection flags (`-run X`, `-k X`). `go build` failing and `go vet` passing teach nothing about building.
 */
export function checkSelection(args: readonly string[]): string[] {
  const selection: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const [flag, inlineValue] = args[i].split('=', 2);
    if (SELECTION_FLAGS.has(flag)) {
      const value = inlineValue ?? args[++i];
      if (value !== undefined) selection.push(`${flag}=${value}`);
    } else if (namesTests(args[i]) || CHECK_SUBCOMMAND.test(args[i])) {
      selection.push(args[i]);
    }
  }
  return selection.sort();
}

/** `--skip x`, `-k 'not slow'`, `--no-verify`, `|| true`: the second command leaves out checks the first ran. */
export function skipsChecks(failedCommand: string, fixedCommand: string): boolean {
  const skipping = (command: string) => {
    const words = shellWords(command);
    const marks = words.filter((word, i) => SKIPPING_WORDS.has(word.split('=')[0]) || (word === '-k' && /^not\b|\bnot\b/.test(words[i + 1] ?? '')));
    const swallowed = words.some((word, i) => word === '||' && (words[i + 1] === 'true' || words[i + 1] === ':'));
    return marks.length + (swallowed ? 1 : 0);
  };
  return skipping(fixedCommand) > skipping(failedCommand);
}

/** Operands that name the whole project, not a part of it. */
const WHOLE_PROJECT: ReadonlySet<string> = new Set(['./...', '...', '.', './']);

/** A check of the whole project: no test selection and no operand narrower than `./...` (`go test ./...`, `mise run lint`). */
export function checksWholeProject(args: readonly string[]): boolean {
  return checkSelection(args).every((item) => CHECK_SUBCOMMAND.test(item) || WHOLE_PROJECT.has(item));
}

/** The arguments without output or cache flags (`go test -v -count=1 ./...` checks what `go test ./...` does). */
export function withoutOutputFlags(args: readonly string[]): string[] {
  return args.filter((word) => !OUTPUT_ONLY_FLAGS.test(word));
}

/** The two argument lists differ only in output or cache flags (`-v`, `-count=1`, `--quiet`). */
export function differsOnlyInOutputFlags(a: readonly string[], b: readonly string[]): boolean {
  const meaningful = (args: readonly string[]) => withoutOutputFlags(args).join('\u0000');
  return meaningful(a) === meaningful(b);
}
