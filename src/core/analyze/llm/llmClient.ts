/** One turn of the conversation sent to a model. */
export interface LlmTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface LlmRequest {
  system: string;
  turns: LlmTurn[];
  maxOutputTokens: number;
}

export interface LlmReply {
  text: string;
  /** Input tokens as the provider counted them, when it says. */
  inputTokens?: number;
  /** Output tokens as the provider counted them, when it says. */
  outputTokens?: number;
  /** The reply was kept from an earlier identical request (answerCachingClient): the model was not asked. */
  fromCache?: boolean;
}

/**
 * A language model behind an SDK or a CLI: one request in, one text reply out.
 * Implementations throw LlmError for every failure.
 */
export interface LlmClient {
  /** Backend name shown to the user: anthropic, openai, gemini, claude-cli, gemini-cli, codex-cli. */
  readonly backend: string;
  readonly model?: string;
  complete(request: LlmRequest, signal?: AbortSignal): Promise<LlmReply>;
}
