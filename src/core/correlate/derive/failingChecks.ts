/** A task runner's prefix on each output line (mise: `[lint:go] `). */
const TASK_PREFIX = String.raw`(?:\[[\w:.-]+\] )?`;

/**
 * The checks a gate's output names as failing, in the formats of common checkers (each check once per
 * output): golangci-lint `path.go:12:3: message (linter)` and its `* linter: N` summary, Biome
 * `./path.ts lint/style/useConst ━━━` (also `format`, `organizeImports`), ESLint `  12:5  error  message  rule-name`,
 * tsc `error TS2345:`, Clippy `clippy::lint_name`, Ruff/Flake8 `path.py:1:1: F401 message`.
 * Test runners name failing tests, which are no general fact, so none are taken from them.
 */
const CHECK_NAMES: readonly RegExp[] = [
  new RegExp(String.raw`^${TASK_PREFIX}\S+\.\w+:\d+(?::\d+)?: .*\(([a-z][\w-]*)\)$`, 'gm'),
  new RegExp(String.raw`^${TASK_PREFIX}\* ([a-z][\w-]*): \d+$`, 'gm'),
  new RegExp(String.raw`^${TASK_PREFIX}\S+\.\w+(?::\d+:\d+)? ((?:lint/)?[a-z][\w/]*) ━`, 'gm'),
  new RegExp(String.raw`^${TASK_PREFIX}\s+\d+:\d+\s+(?:error|warning)\s+.+?\s{2,}(@?[a-z][\w/-]*)$`, 'gm'),
  /\berror (TS\d+):/g,
  /\b(clippy::[a-z_]+)\b/g,
  new RegExp(String.raw`^${TASK_PREFIX}\S+\.py:\d+:\d+: ([A-Z]+\d+) `, 'gm'),
];

export function failingChecks(output: string): string[] {
  const names = CHECK_NAMES.flatMap((pattern) => [...output.matchAll(pattern)].map((m) => m[1]));
  return [...new Set(names)];
}
