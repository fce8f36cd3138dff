import type OpenAI from 'openai';
import type { LlmClient, LlmReply, LlmRequest } from '../llmClient.js';
import { DEFAULT_SDK_TIMEOUT_MS, type SdkClientOptions } from './anthropic.js';
import { loadOpenAiSdk } from './loadSdk.js';
import { llmErrorFromStainlessSdk } from './stainlessSdkError.js';

/** The SDK's current general model (gpt-5.4); gpt-5.6-* are newer tiers with less settled naming. */
export const DEFAULT_OPENAI_MODEL = 'gpt-5.4';
const OPENAI_BASE_URL_ENV = 'OPENAI_BASE_URL';

/**
 * OpenAI Chat Completions through the `openai` SDK, in JSON mode. Chat Completions rather than
 * Responses because OpenAI-compatible gateways (the reason for a base URL) speak it.
 */
export function createOpenAiClient(options: SdkClientOptions): LlmClient {
  const model = options.model ?? DEFAULT_OPENAI_MODEL;
  let sdk: OpenAI | undefined;
  return {
    backend: 'openai',
    model,
    async complete(request: LlmRequest, signal?: AbortSignal): Promise<LlmReply> {
      const OpenAiSdk = await loadOpenAiSdk();
      sdk ??= new OpenAiSdk({
        apiKey: options.apiKey,
        baseURL: options.baseUrl ?? options.env?.[OPENAI_BASE_URL_ENV] ?? null,
        organization: null,
        project: null,
        maxRetries: 0,
        timeout: options.timeoutMs ?? DEFAULT_SDK_TIMEOUT_MS,
        logLevel: 'off',
      });
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await sdk.chat.completions.create(
          {
            model,
            max_completion_tokens: request.maxOutputTokens,
            response_format: { type: 'json_object' },
            messages: [
              { role: 'system', content: request.system },
              ...request.turns.map((turn) => ({ role: turn.role, content: turn.text })),
            ],
          },
          { signal },
        );
      } catch (error) {
        throw llmErrorFromStainlessSdk(error, OpenAiSdk, 'openai', 'OpenAI', signal);
      }
      const text = completion.choices[0]?.message?.content ?? '';
      return { text, inputTokens: completion.usage?.prompt_tokens, outputTokens: completion.usage?.completion_tokens };
    },
  };
}
