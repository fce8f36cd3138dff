import { utf8Bytes, type ToolCall } from '../../model/toolCall.js';
import { detachedCopy } from '../../model/detachedCopy.js';
import { safeExcerpt } from '../../redact/safeSessionText.js';
import type { DescribedCall } from './describeCodexCall.js';
import { resolveCodexOutcome, type CallEvents, type RecordedResult, type ResolvedOutcome } from './resolveCodexOutcome.js';
import { readToolResultText } from './toolResultText.js';
import { outputText } from './outputText.js';
import type { CodexBuilderState } from './codexParseState.js';

/** Longest text kept per output for classifying errors: the head and the tail. */
const SAMPLE_CHARS = 10_000;

interface CallRecord {
  callId: string;
  line: number;
  timestamp?: string;
  cwd?: string;
  described: DescribedCall;
  /** A turn_aborted came while this call had no output yet. */
  aborted: boolean;
  /** Calls added with no output recorded between them were issued together, before any result. */
  batch: number;
  /** A call whose item is its whole record (a web search): its outcome is known when it is read. */
  known?: ResolvedOutcome;
}

interface OutputRecord {
  line: number;
  excerpt: string;
  bytes: number;
  result: RecordedResult;
}

/**
 * Collects one session's calls, outputs and events as they stream past, joins
 * them by call_id, and turns them into ToolCalls at the end. Holds only bounded
 * text per call, never whole outputs. Used by the JSONL and the legacy JSON parsers.
 */
export class CodexSessionBuilder {
  private readonly calls: CallRecord[] = [];
  private readonly callsById = new Map<string, CallRecord>();
  private readonly outputs = new Map<string, OutputRecord>();
  private readonly events = new Map<string, CallEvents & { line?: number }>();
  private batch = 0;
  /** Set when a result arrives: the next call was issued after seeing it, so it starts a new batch. */
  private resultSinceLastCall = true;

  constructor(
    private readonly agent: string,
    private readonly file: string,
  ) {}

  /** A builder that goes on from a checkpoint's state (toState). */
  static fromState(agent: string, file: string, state: CodexBuilderState): CodexSessionBuilder {
    const builder = new CodexSessionBuilder(agent, file);
    for (const call of state.calls) {
      builder.calls.push(call);
      builder.callsById.set(call.callId, call);
    }
    for (const [id, output] of state.outputs) builder.outputs.set(id, output);
    for (const [id, events] of state.events) builder.events.set(id, events);
    builder.batch = state.batch;
    builder.resultSinceLastCall = state.resultSinceLastCall;
    return builder;
  }

  /** Everything collected so far, as plain JSON (a checkpoint's state; the objects are shared, not copied). */
  toState(): CodexBuilderState {
    return {
      calls: [...this.calls],
      outputs: [...this.outputs],
      events: [...this.events],
      batch: this.batch,
      resultSinceLastCall: this.resultSinceLastCall,
    };
  }

  /** Records a call; a call_id seen before (history copied into a forked file) is ignored. */
  addCall(callId: string, line: number, described: DescribedCall, timestamp: string | undefined, cwd: string | undefined): void {
    if (this.callsById.has(callId)) return;
    if (this.resultSinceLastCall) this.batch += 1;
    this.resultSinceLastCall = false;
    const record: CallRecord = { callId, line, timestamp, cwd, described, aborted: false, batch: this.batch };
    this.calls.push(record);
    this.callsById.set(callId, record);
  }

  /** Records a call that has no separate output: its item says how it ended (web_search_call). */
  addCompleteCall(callId: string, line: number, described: DescribedCall, outcome: ResolvedOutcome, timestamp: string | undefined, cwd: string | undefined): void {
    this.addCall(callId, line, described, timestamp, cwd);
    const record = this.callsById.get(callId);
    if (record !== undefined && record.line === line) record.known = outcome;
  }

  /** Records a `*_output` item; the first output of a call wins. */
  addOutput(callId: string, line: number, output: unknown): void {
    if (this.outputs.has(callId)) return;
    this.resultSinceLastCall = true;
    const text = outputText(output);
    const read = readToolResultText(text);
    const shown = read.format === 'json_metadata' ? read.body : text;
    const sample = sampleOf(text);
    // The body is a slice of the text: kept as it is only while the whole text is kept anyway (a short output).
    const body = sample === text ? sampleOf(read.body) : detachedCopy(sampleOf(read.body));
    this.outputs.set(callId, {
      line,
      excerpt: safeExcerpt(shown),
      bytes: utf8Bytes(shown),
      result: { sample, read: { ...read, body } },
    });
  }

  addExecEnd(callId: string, line: number, exitCode: number, status: string | undefined, output: string | undefined): void {
    const events = this.eventsOf(callId, line);
    events.execEnd ??= { exitCode, status, output: output === undefined ? undefined : sampleOf(output) };
  }

  addPatchEnd(callId: string, line: number, success: boolean, stderr: string | undefined): void {
    this.eventsOf(callId, line).patchEnd ??= { success, stderr: stderr === undefined ? undefined : sampleOf(stderr) };
  }

  addMcpEnd(callId: string, line: number, failed: boolean, text: string): void {
    this.eventsOf(callId, line).mcpEnd ??= { failed, text: sampleOf(text) };
  }

  /** A turn was aborted (interrupt): every call still waiting for its output was cut off. */
  abortPendingCalls(): void {
    for (const call of this.calls) {
      if (!this.outputs.has(call.callId) && !this.events.get(call.callId)?.execEnd) call.aborted = true;
    }
  }

  finish(sessionId: string, subagent: boolean): ToolCall[] {
    const finalResults = this.finalResultsOfRunningCalls();
    return this.calls.map((call, index) => {
      const output = this.outputs.get(call.callId);
      const events = this.events.get(call.callId) ?? {};
      const resolved =
        call.known ??
        (call.aborted ? { outcome: 'interrupted' as const } : resolveCodexOutcome(call.described, output?.result, events, finalResults.get(call.callId)));
      const { described } = call;
      const toolCall: ToolCall = {
        agent: this.agent,
        sessionId,
        file: this.file,
        line: output?.line ?? events.line ?? call.line,
        index,
        callId: call.callId,
        tool: described.tool,
        originalTool: described.originalTool,
        input: described.input,
        output: output?.excerpt ?? '',
        outputBytes: output?.bytes ?? 0,
        outcome: resolved.outcome,
        subagent,
      };
      if (call.timestamp) toolCall.timestamp = call.timestamp;
      if (described.command !== undefined) toolCall.command = described.command;
      if (described.path !== undefined) toolCall.path = described.path;
      if (described.pattern !== undefined) toolCall.pattern = described.pattern;
      if (resolved.errorKind !== undefined && resolved.outcome === 'failed') toolCall.errorKind = resolved.errorKind;
      if (resolved.exitCode !== undefined) toolCall.exitCode = resolved.exitCode;
      if (call.cwd !== undefined) toolCall.cwd = call.cwd;
      toolCall.turn = `batch:${call.batch}`;
      return toolCall;
    });
  }

  /**
   * A command that was still running when its call returned ("Process running with
   * session ID 7", "Script running with cell ID 3") ends in the output of a later
   * write_stdin / wait naming that process. That output is the final result of the
   * call that started the process.
   */
  private finalResultsOfRunningCalls(): Map<string, RecordedResult> {
    const startedBy = new Map<string, string>();
    const finalResults = new Map<string, RecordedResult>();
    for (const call of this.calls) {
      const output = this.outputs.get(call.callId);
      if (!output) continue;
      const { running } = output.result.read;
      if (call.described.family === 'continuation') {
        const origin = call.described.continues && startedBy.get(call.described.continues);
        if (origin && !running && !finalResults.has(origin)) {
          const { read } = output.result;
          if (read.exitCode !== undefined || read.script !== undefined) finalResults.set(origin, output.result);
        }
      } else if (running) {
        startedBy.set(`${running.kind}:${running.id}`, call.callId);
      }
    }
    return finalResults;
  }

  private eventsOf(callId: string, line: number): CallEvents & { line?: number } {
    this.resultSinceLastCall = true;
    let events = this.events.get(callId);
    if (!events) {
      events = { line };
      this.events.set(callId, events);
    }
    return events;
  }
}

/**
 * A long text's head and tail, detached from it (detachedCopy: the builder keeps samples, never the whole outputs
 * they were cut from); a short text as it is.
 */
function sampleOf(text: string): string {
  return text.length > 2 * SAMPLE_CHARS ? detachedCopy(`${text.slice(0, SAMPLE_CHARS)}\n…\n${text.slice(-SAMPLE_CHARS)}`) : text;
}
