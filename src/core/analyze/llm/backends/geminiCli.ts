import { createAgentCliClient, type AgentCliDefinition, type AgentCliOptions } from '../cli/agentCliClient.js';
import { cliFailure } from '../cli/cliFailure.js';
import { cliOwnMessage, describeExit, parseJsonObject, quoteOutput } from '../cli/cliOutput.js';
import type { CliRunResult } from '../cli/runCli.js';
import type { LlmClient, LlmReply } from '../llmClient.js';
import { LlmError } from '../llmError.js';

/** Gemini CLI exits with this code when it cannot authenticate (FatalAuthenticationError). */
const GEMINI_AUTH_EXIT_CODE = 41;

/** Appended by gemini to the stdin text; the prompt itself goes on stdin. */
const GEMINI_PROMPT_ARGUMENT = 'Answer the request above with the JSON object only.';

/** `gemini -p` (headless), JSON output, approval mode "plan" (read-only tools). */
export const GEMINI_CLI_ARGS = ['-p', GEMINI_PROMPT_ARGUMENT, '-o', 'json', '--approval-mode', 'plan'] as const;

const geminiCliDefinition: AgentCliDefinition = {
  backend: 'gemini-cli',
  command: 'gemini',
  args: GEMINI_CLI_ARGS,
  parse: parseGeminiResult,
};

export function createGeminiCliClient(options: AgentCliOptions): LlmClient {
  return createAgentCliClient(geminiCliDefinition, options);
}

/** Gemini's envelope: {session_id?, response, stats:{models:{<m>:{tokens:{prompt, candidates}}}}, error?:{type, message, code}}. */
function parseGeminiResult(run: CliRunResult): LlmReply {
  const envelope = parseJsonObject(run.stdout);
  const error = envelope?.error as { message?: unknown; type?: unknown } | undefined;
  const auth = run.exitCode === GEMINI_AUTH_EXIT_CODE;
  if (error && typeof error === 'object') {
    const said = typeof error.message === 'string' ? error.message : JSON.stringify(error);
    throw cliFailure('gemini-cli', 'gemini', `reported an error (${describeExit(run)})`, said, { auth });
  }
  if (run.exitCode !== 0) throw cliFailure('gemini-cli', 'gemini', describeExit(run), cliOwnMessage(run), { auth });
  if (!envelope || typeof envelope.response !== 'string') {
    throw new LlmError('bad_answer', `gemini did not print its JSON envelope: ${quoteOutput(run.stdout) || '(nothing)'}`, {
      backend: 'gemini-cli',
    });
  }
  return { text: envelope.response, ...tokensFromStats(envelope.stats) };
}

function tokensFromStats(stats: unknown): { inputTokens?: number; outputTokens?: number } {
  const models = (stats as { models?: Record<string, { tokens?: { prompt?: unknown; candidates?: unknown } }> } | undefined)?.models;
  if (!models || typeof models !== 'object') return {};
  let inputTokens: number | undefined;
  let outputTokens: number | undefined;
  for (const model of Object.values(models)) {
    const tokens = model?.tokens;
    if (typeof tokens?.prompt === 'number') inputTokens = (inputTokens ?? 0) + tokens.prompt;
    if (typeof tokens?.candidates === 'number') outputTokens = (outputTokens ?? 0) + tokens.candidates;
  }
  return { inputTokens, outputTokens };
}
