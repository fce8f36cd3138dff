import type { CallRef } from '../model/finding.js';
import type { ErrorKind, NormalisedTool, Outcome, ToolCall } from '../model/toolCall.js';
import { describeCall, safeSubject } from './droppedCandidates.js';

/** One call as the timeline shows it: what it was, how it ended, and where its record is in the log. */
export interface TimelineCall {
  /** The evidence pointer: reopens the raw log lines (file, line, session, index). */
  ref: CallRef;
  tool: NormalisedTool;
  /** "Bash go test ./...", "Read src/app.ts" (secrets redacted, one line). */
  summary: string;
  outcome: Outcome;
  errorKind?: ErrorKind;
  exitCode?: number;
  /** The first lines of what the call returned (the error, for a failure), secrets redacted; absent when the log was not read. */
  output?: string[];
}

/** One stuck moment: the call that failed, what the agent did next, the call that worked, what the user said. */
export interface TimelineEpisode {
  agent: string;
  sessionId: string;
  file: string;
  /** The failed (or rejected) call; absent when the evidence holds only a call that worked. */
  failed?: TimelineCall;
  /** The calls between the failure and the call that worked. */
  between: { count: number; failed: number; tools: Array<{ tool: NormalisedTool; count: number }> };
  /** The call that worked; absent when none in the evidence did (a rejection, a streak that never passed). */
  fixed?: TimelineCall;
  /** The user's own words on a rejected call of the episode (secrets redacted), with where they are. */
  userWords: Array<{ text: string; file: string; line: number }>;
}

export interface EvidenceTimeline {
  episodes: TimelineEpisode[];
  /** Episodes left out past the limit. */
  omitted: number;
  /** Session logs that could not be read again: their episodes show only what the evidence recorded. */
  unreadable: string[];
}

/** The calls of one session log, in order (parsed again from the file the evidence names). */
export type SessionCalls = ReadonlyMap<string, readonly ToolCall[]>;

/** Episodes shown per rule; more are counted in `omitted`. */
export const MAX_TIMELINE_EPISODES = 8;
/** Lines of a failed call's output shown, and of the call that worked. */
const FAILED_OUTPUT_LINES = 4;
const FIXED_OUTPUT_LINES = 1;
const OUTPUT_LINE_CHARS = 200;
const WORDS_CHARS = 300;

/** Lines the agents wrap a shell's output in (Claude's exit line, Codex's chunk header, Gemini's fields): no news. */
const WRAPPER_LINES = /^(Exit code -?\d+|Chunk ID: \S+|Wall time: .*|Process exited with code -?\d+|Original token count: \d+|Output:|Command: .*|Directory: .*|Error: \(none\)|Exit Code: -?\d+|Signal: .*|Background PIDs: .*|Process Group PGID: .*)$/;

/** The first meaningful lines of a call's output: ANSI colours and tool wrappers gone, secrets redacted, each bounded. */
function outputLines(output: string, max: number): string[] {
  return output
    // eslint-disable-next-line no-control-regex -- removing ANSI colour codes is the point
    .replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
    .replace(/<\/?tool_use_error>/g, '')
    .split(/\r\n|\n|\r/)
    .map((line) => safeSubject(line.replace(/^Output: /, ''), OUTPUT_LINE_CHARS))
    .filter((line) => line.length > 0 && !WRAPPER_LINES.test(line))
    .slice(0, max);
}

/** Paths under the project read as project-relative ones. */
function relativeTo(text: string, projectPath: string | undefined): string {
  return projectPath ? text.split(`${projectPath.replace(/[\\/]+$/, '')}/`).join('') : text;
}

function timelineCall(ref: CallRef, call: ToolCall | undefined, outputMax: number, projectPath?: string): TimelineCall {
  const entry: TimelineCall = { ref, tool: ref.tool, summary: relativeTo(describeCall(call ?? ref), projectPath), outcome: call?.outcome ?? ref.outcome };
  if (call?.errorKind && call.outcome !== 'ok') entry.errorKind = call.errorKind;
  if (call?.exitCode !== undefined) entry.exitCode = call.exitCode;
  // A rejection's output is the agent's boilerplate around the user's words, which the episode quotes on their own.
  if (call && call.outcome !== 'rejected') {
    const lines = outputLines(call.output, outputMax);
    if (lines.length > 0) entry.output = lines;
  }
  return entry;
}

function wordsOf(call: ToolCall | undefined): Array<{ text: string; file: string; line: number }> {
  const words = call?.userFeedback?.trim();
  return call && words ? [{ text: safeSubject(words, WORDS_CHARS), file: call.file, line: call.line }] : [];
}

function toolCounts(calls: readonly ToolCall[]): Array<{ tool: NormalisedTool; count: number }> {
  const counts = new Map<NormalisedTool, number>();
  for (const call of calls) counts.set(call.tool, (counts.get(call.tool) ?? 0) + 1);
  return [...counts.entries()].map(([tool, count]) => ({ tool, count })).sort((a, b) => b.count - a.count);
}

function episodeOf(failed: CallRef | undefined, fixed: CallRef | undefined, calls: readonly ToolCall[] | undefined, projectPath?: string): TimelineEpisode {
  const first = (failed ?? fixed)!;
  const find = (ref: CallRef | undefined) => (ref ? calls?.find((c) => c.index === ref.index && (ref.callId === undefined || c.callId === ref.callId)) : undefined);
  const failedCall = find(failed);
  const fixedCall = find(fixed);
  const between = failed && fixed && calls ? calls.filter((c) => c.index > failed.index && c.index < fixed.index) : [];
  return {
    agent: first.agent,
    sessionId: first.sessionId,
    file: first.file,
    ...(failed ? { failed: timelineCall(failed, failedCall, FAILED_OUTPUT_LINES, projectPath) } : {}),
    between: { count: between.length, failed: between.filter((c) => c.outcome !== 'ok').length, tools: toolCounts(between) },
    ...(fixed ? { fixed: timelineCall(fixed, fixedCall, FIXED_OUTPUT_LINES, projectPath) } : {}),
    userWords: [failedCall, ...between.filter((c) => c.outcome === 'rejected')].flatMap(wordsOf),
  };
}

/**
 * A rule's evidence as episodes, for `--explain` and the extension's timeline: per session, a failed (or rejected)
 * call opens an episode, further failures before a call that worked belong to it (a retry streak is one episode),
 * and the next call in the evidence that worked closes it as its fix. The session's calls between the two are
 * counted by tool. Works without the logs too (`sessions` empty): then only what the evidence recorded is shown.
 * Paths under `projectPath` are shown project-relative. Pure: the caller reads the logs (readEvidenceSessions).
 */
export function buildEvidenceTimeline(
  evidence: readonly CallRef[],
  sessions: SessionCalls,
  options: { projectPath?: string; maxEpisodes?: number } = {},
): EvidenceTimeline {
  const { projectPath, maxEpisodes = MAX_TIMELINE_EPISODES } = options;
  const byFile = new Map<string, CallRef[]>();
  for (const ref of evidence) byFile.set(ref.file, [...(byFile.get(ref.file) ?? []), ref]);
  const episodes: TimelineEpisode[] = [];
  for (const [file, refs] of byFile) {
    const calls = sessions.get(file);
    const ordered = [...new Map(refs.map((ref) => [ref.index, ref])).values()].sort((a, b) => a.index - b.index);
    let open: CallRef | undefined;
    for (const ref of ordered) {
      if (ref.outcome !== 'ok') {
        open ??= ref;
        continue;
      }
      episodes.push(episodeOf(open, ref, calls, projectPath));
      open = undefined;
    }
    if (open) episodes.push(episodeOf(open, undefined, calls, projectPath));
  }
  episodes.sort((a, b) => ((a.failed ?? a.fixed)!.ref.timestamp ?? '').localeCompare((b.failed ?? b.fixed)!.ref.timestamp ?? '') || a.file.localeCompare(b.file));
  const unreadable = [...byFile.keys()].filter((file) => !sessions.has(file));
  return { episodes: episodes.slice(0, maxEpisodes), omitted: Math.max(0, episodes.length - maxEpisodes), unreadable };
}
