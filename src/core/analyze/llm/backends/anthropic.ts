import type Anthropic from '@anthropic-ai/sdk';
import type { LlmClient, LlmReply, LlmRequest } from '../llmClient.js';
import { LlmError } from '../llmError.js';
import { loadAnthropicSdk } from './loadSdk.js';
import { llmErrorFromStainlessSdk } from './stainlessSdkError.js';

/** Sonnet: strong at careful rewording, far cheaper than Opus; the SDK's current Sonnet. */
export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-5-5';
const ANTHROPIC_BASE_URL_ENV = 'ANTHROPIC_BASE_URL';

export interface SdkClientOptions {
  apiKey: string;
  model?: string;
  /** Gateway or proxy; overrides the environment variable. */
  baseUrl?: string;
  /** Environment to read the base-URL variable from (not process.env implicitly). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Per-request time limit. */
  timeoutMs?: number;
}

export const DEFAULT_SDK_TIMEOUT_MS = 180_000;

/** Anthropic Messages API through @anthropic-ai/sdk. Retries are ours (withRetry), so the SDK's are off. */
export function createAnthropicClient(options: SdkClientOptions): LlmClient {
  const model = options.model ?? DEFAULT_ANTHROPIC_MODEL;
  let sdk: Anthropic | undefined;
  return {
    backend: 'anthropic',
    model,
    async complete(request: LlmRequest, signal?: AbortSignal): Promise<LlmReply> {
      const AnthropicSdk = await loadAnthropicSdk();
      sdk ??= new AnthropicSdk({
        apiKey: options.apiKey,
        authToken: null,
        baseURL: options.baseUrl ?? options.env?.[ANTHROPIC_BASE_URL_ENV] ?? null,
        maxRetries: 0,
        timeout: options.timeoutMs ?? DEFAULT_SDK_TIMEOUT_MS,
        logLevel: 'off',
      });
      let message: Anthropic.Message;
      try {
        message = await sdk.messages.create(
          {
            model,
            max_tokens: request.maxOutputTokens,
            system: request.system,
            messages: request.turns.map((turn) => ({ role: turn.role, content: turn.text })),
          },
          { signal },
        );
      } catch (error) {
        throw llmErrorFromStainlessSdk(error, AnthropicSdk, 'anthropic', 'Anthropic', signal);
      }
      if (message.stop_reason === 'model_context_window_exceeded') {
        throw new LlmError('context_length', 'The prompt is too long for the Anthropic model.', { backend: 'anthropic' });
      }
      const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
      return { text, inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens };
    },
  };
}
