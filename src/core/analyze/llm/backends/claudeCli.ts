import { createAgentCliClient, type AgentCliDefinition, type AgentCliOptions } from '../cli/agentCliClient.js';
import { cliFailure } from '../cli/cliFailure.js';
import { cliOwnMessage, describeExit, parseJsonObject, quoteOutput } from '../cli/cliOutput.js';
import type { CliRunResult } from '../cli/runCli.js';
import type { LlmClient, LlmReply } from '../llmClient.js';
import { LlmError } from '../llmError.js';

/**
 * `claude -p` with JSON output, no tools, no MCP servers, no user or project settings (so no hooks),
 * and no session file (which a later scan would read back).
 */
export const CLAUDE_CLI_ARGS = [
  '-p',
  '--output-format',
  'json',
  '--tools',
  '',
  '--no-session-persistence',
  '--setting-sources',
  '',
  '--strict-mcp-config',
] as const;

const claudeCliDefinition: AgentCliDefinition = {
  backend: 'claude-cli',
  command: 'claude',
  args: CLAUDE_CLI_ARGS,
  parse: parseClaudeResult,
};

export function createClaudeCliClient(options: AgentCliOptions): LlmClient {
  return createAgentCliClient(claudeCliDefinition, options);
}

/** Claude's envelope: {type:"result", subtype, is_error, result, usage:{input_tokens, output_tokens, cache_*}}. */
function parseClaudeResult(run: CliRunResult): LlmReply {
  const envelope = parseJsonObject(run.stdout);
  if (!envelope || envelope.type !== 'result') {
    if (run.exitCode !== 0) throw cliFailure('claude-cli', 'claude', describeExit(run), cliOwnMessage(run));
    throw new LlmError('bad_answer', `claude did not print its JSON result envelope: ${quoteOutput(run.stdout) || '(nothing)'}`, {
      backend: 'claude-cli',
    });
  }
  const result = typeof envelope.result === 'string' ? envelope.result : '';
  if (envelope.is_error === true || envelope.subtype !== 'success' || run.exitCode !== 0) {
    const said = result || (run.stderr.trim() ? quoteOutput(run.stderr) : `${String(envelope.subtype ?? 'error')}`);
    throw cliFailure('claude-cli', 'claude', `reported an error (${String(envelope.subtype ?? 'error')}, ${describeExit(run)})`, said);
  }
  const usage = (envelope.usage ?? {}) as Record<string, unknown>;
  const inputTokens = sumNumbers(usage.input_tokens, usage.cache_creation_input_tokens, usage.cache_read_input_tokens);
  return { text: result, inputTokens, outputTokens: numberOrUndefined(usage.output_tokens) };
}

function sumNumbers(...values: unknown[]): number | undefined {
  const numbers = values.filter((value): value is number => typeof value === 'number');
  return numbers.length > 0 ? numbers.reduce((sum, value) => sum + value, 0) : undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
