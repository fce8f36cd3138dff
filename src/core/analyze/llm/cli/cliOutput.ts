import type { CliRunResult } from './runCli.js';

/** Longest piece of a CLI's own output quoted in an error message. */
const MAX_QUOTED_OUTPUT_CHARS = 600;

/** The last, most telling part of what a CLI printed, for an error message. */
export function quoteOutput(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= MAX_QUOTED_OUTPUT_CHARS) return trimmed;
  return `…${trimmed.slice(trimmed.length - MAX_QUOTED_OUTPUT_CHARS)}`;
}

/** What the CLI said about a failure: stderr first, else stdout. */
export function cliOwnMessage(result: CliRunResult): string {
  return quoteOutput(result.stderr.trim() ? result.stderr : result.stdout) || '(no output)';
}

export function describeExit(result: CliRunResult): string {
  return result.exitSignal ? `was ended by ${result.exitSignal}` : `exited with code ${result.exitCode}`;
}

/** A JSON object printed on stdout, tolerating log lines before it. */
export function parseJsonObject(stdout: string): Record<string, unknown> | undefined {
  const trimmed = stdout.trim();
  const candidates = [trimmed];
  const start = trimmed.search(/^\{/m);
  if (start > 0) candidates.push(trimmed.slice(start));
  for (const candidate of candidates) {
    try {
      const value: unknown = JSON.parse(candidate);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // next candidate
    }
  }
  return undefined;
}

/** Each line of JSONL output that is a JSON object; other lines are skipped. */
export function parseJsonLines(stdout: string): Array<Record<string, unknown>> {
  const objects: Array<Record<string, unknown>> = [];
  for (const line of stdout.split(/\r?\n/)) {
    if (!line.trimStart().startsWith('{')) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (value && typeof value === 'object' && !Array.isArray(value)) objects.push(value as Record<string, unknown>);
    } catch {
      // a progress line that happens to start with "{"
    }
  }
  return objects;
}

/** Words agent CLIs use when they have no usable login. */
export const NOT_LOGGED_IN_PATTERN =
  /not logged in|please (run )?\/?login|log ?in (again|first|required)|invalid api key|unauthori[sz]ed|\b401\b|authentication|credentials/i;
