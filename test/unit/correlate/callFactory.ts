import type { ParsedSession } from '../../../src/core/agents/plugin.js';
import type { NormalisedTool, ToolCall } from '../../../src/core/model/toolCall.js';
import { utf8Bytes } from '../../../src/core/model/toolCall.js';

/** Builds synthetic ToolCall sequences for the correlation tests. */
export type CallSpec = Partial<ToolCall> & { tool: NormalisedTool };

const ROOT = '/proj';

export function session(specs: CallSpec[], sessionId = 's1', agent = 'claude'): ParsedSession {
  const file = `/logs/${agent}/${sessionId}.jsonl`;
  const calls: ToolCall[] = specs.map((spec, index) => {
    const output = spec.output ?? (spec.outcome === 'failed' ? 'Error' : 'ok');
    return {
      agent,
      sessionId,
      file,
      line: index * 2 + 2,
      index,
      callId: `${sessionId}-${index}`,
      timestamp: `2026-01-0${Math.min(9, Number(sessionId.replace(/\D/g, '') || 1))}T00:${String(index).padStart(2, '0')}:00Z`,
      originalTool: spec.tool,
      input: spec.input ?? inputFor(spec),
      output,
      outputBytes: spec.outputBytes ?? utf8Bytes(output),
      outcome: 'ok',
      subagent: false,
      cwd: ROOT,
      ...spec,
    } as ToolCall;
  });
  return { sessionId, file, subagent: false, cwd: ROOT, calls, skippedLines: 0, warnings: [] };
}

function inputFor(spec: CallSpec): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (spec.command !== undefined) input.command = spec.command;
  if (spec.path !== undefined) input[spec.tool === 'Grep' || spec.tool === 'Glob' ? 'path' : 'file_path'] = spec.path;
  if (spec.pattern !== undefined) input.pattern = spec.pattern;
  return input;
}

export const bash = (command: string, extra: Partial<ToolCall> = {}): CallSpec => ({ tool: 'Bash', command, ...extra });
export const bashFail = (command: string, errorKind: ToolCall['errorKind'] = 'exit_code', extra: Partial<ToolCall> = {}): CallSpec =>
  bash(command, { outcome: 'failed', errorKind, ...extra });
export const read = (path: string, extra: Partial<ToolCall> = {}): CallSpec => ({ tool: 'Read', path, ...extra });
export const readMissing = (path: string): CallSpec => read(path, { outcome: 'failed', errorKind: 'file_not_found', output: 'File does not exist.' });
export const grep = (pattern: string, path: string | undefined, extra: Partial<ToolCall> = {}): CallSpec => ({ tool: 'Grep', pattern, path, ...extra });
export const unrelated = (n: number): CallSpec => ({ tool: 'Todo', input: { n } });

/** A fake project: these project-relative paths exist, with these line counts. */
export function fakeFiles(existing: Record<string, number>) {
  const rel = (p: string) => (p.startsWith(`${ROOT}/`) ? p.slice(ROOT.length + 1) : p);
  return {
    root: ROOT,
    exists: (p: string) => rel(p) === '.' || Object.keys(existing).some((f) => f === rel(p) || f.startsWith(`${rel(p)}/`)),
    lineCount: (p: string) => existing[rel(p)],
  };
}
