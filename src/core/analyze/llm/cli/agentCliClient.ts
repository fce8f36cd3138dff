import type { LlmClient, LlmReply, LlmRequest } from '../llmClient.js';
import { LlmError } from '../llmError.js';
import { renderCliPrompt } from './cliPrompt.js';
import { findOnPath } from './findOnPath.js';
import { runCli, type CliRunResult } from './runCli.js';

/** Default hard limit for one CLI run (the reference used 300 s). */
const DEFAULT_CLI_TIMEOUT_MS = 300_000;

export interface AgentCliOptions {
  /** Environment the CLI runs with, and whose PATH is searched. */
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number;
  /** Where the fresh working directory is made (tests); default the OS temp folder. */
  tempRoot?: string;
  platform?: NodeJS.Platform;
}

/** What differs between claude, gemini and codex: the command line and how to read the answer. */
export interface AgentCliDefinition {
  backend: string;
  command: string;
  args: readonly string[];
  /** The model's text and usage from a finished run, or an LlmError for a failed one. */
  parse(result: CliRunResult): LlmReply;
}

export function createAgentCliClient(definition: AgentCliDefinition, options: AgentCliOptions): LlmClient {
  return {
    backend: definition.backend,
    async complete(request: LlmRequest, signal?: AbortSignal): Promise<LlmReply> {
      const executable = findOnPath(definition.command, { env: options.env, platform: options.platform });
      if (!executable) {
        throw new LlmError('cli_not_found', `${definition.command} is not on PATH.`, { backend: definition.backend });
      }
      const result = await runCli({
        backend: definition.backend,
        executable,
        args: definition.args,
        stdin: renderCliPrompt(request),
        env: options.env,
        timeoutMs: options.timeoutMs ?? DEFAULT_CLI_TIMEOUT_MS,
        signal,
        tempRoot: options.tempRoot,
        platform: options.platform,
      });
      return definition.parse(result);
    },
  };
}
