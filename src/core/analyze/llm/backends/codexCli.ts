import { createAgentCliClient, type AgentCliDefinition, type AgentCliOptions } from '../cli/agentCliClient.js';
import { cliFailure } from '../cli/cliFailure.js';
import { cliOwnMessage, describeExit, parseJsonLines, quoteOutput } from '../cli/cliOutput.js';
import type { CliRunResult } from '../cli/runCli.js';
import type { LlmClient, LlmReply } from '../llmClient.js';
import { LlmError } from '../llmError.js';

/**
 * `codex exec` in the read-only sandbox, without a rollout file, outside a git repository,
 * printing JSONL events; "-" reads the prompt from stdin.
 */
export const CODEX_CLI_ARGS = ['exec', '--sandbox', 'read-only', '--ephemeral', '--skip-git-repo-check', '--json', '-'] as const;

const codexCliDefinition: AgentCliDefinition = {
  backend: 'codex-cli',
  command: 'codex',
  args: CODEX_CLI_ARGS,
  parse: parseCodexEvents,
};

export function createCodexCliClient(options: AgentCliOptions): LlmClient {
  return createAgentCliClient(codexCliDefinition, options);
}

/**
 * Codex's `--json` events: thread.started, turn.started, item.completed {item:{type:"agent_message", text}},
 * turn.completed {usage:{input_tokens, cached_input_tokens, output_tokens}}, turn.failed {error:{message}}, error {message}.
 * The answer is the last agent message.
 */
function parseCodexEvents(run: CliRunResult): LlmReply {
  const events = parseJsonLines(run.stdout);
  let text: string | undefined;
  let inputTokens: number | undefined;
  let outputTokens: number | undefined;
  const errors: string[] = [];
  for (const event of events) {
    if (event.type === 'item.completed') {
      const item = event.item as { type?: unknown; item_type?: unknown; text?: unknown } | undefined;
      const isMessage = item?.type === 'agent_message' || item?.item_type === 'assistant_message';
      if (isMessage && typeof item?.text === 'string') text = item.text;
    } else if (event.type === 'turn.completed') {
      const usage = event.usage as { input_tokens?: unknown; output_tokens?: unknown } | undefined;
      if (typeof usage?.input_tokens === 'number') inputTokens = (inputTokens ?? 0) + usage.input_tokens;
      if (typeof usage?.output_tokens === 'number') outputTokens = (outputTokens ?? 0) + usage.output_tokens;
    } else if (event.type === 'turn.failed') {
      const message = (event.error as { message?: unknown } | undefined)?.message;
      errors.push(typeof message === 'string' ? message : JSON.stringify(event.error));
    } else if (event.type === 'error' && typeof event.message === 'string') {
      errors.push(event.message);
    }
  }
  if (errors.length > 0 && text === undefined) {
    throw cliFailure('codex-cli', 'codex', `reported an error (${describeExit(run)})`, errors.join(' | '));
  }
  if (run.exitCode !== 0) throw cliFailure('codex-cli', 'codex', describeExit(run), cliOwnMessage(run));
  if (text === undefined) {
    throw new LlmError('bad_answer', `codex printed no agent message: ${quoteOutput(run.stdout) || '(nothing)'}`, { backend: 'codex-cli' });
  }
  return { text, inputTokens, outputTokens };
}
