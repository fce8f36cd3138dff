import type { GenerateContentResponse, GoogleGenAI } from '@google/genai' with { 'resolution-mode': 'import' };
import type { LlmClient, LlmReply, LlmRequest } from '../llmClient.js';
import { LlmError } from '../llmError.js';
import { DEFAULT_SDK_TIMEOUT_MS, type SdkClientOptions } from './anthropic.js';
import { llmErrorFromStatus } from './httpStatusError.js';
import { loadGenAiSdk } from './loadSdk.js';

/** Google's rolling alias for its current Flash model (the SDK's model list names it). */
export const DEFAULT_GEMINI_MODEL = 'gemini-flash-latest';
/** The variable @google/genai itself reads for the Gemini API's base URL. */
const GEMINI_BASE_URL_ENV = 'GOOGLE_GEMINI_BASE_URL';

type GenAiModule = typeof import('@google/genai', { with: { 'resolution-mode': 'import' } });


/**
 * Gemini generateContent through @google/genai, with a JSON response type. The SDK retries only
 * when asked to and ignores retry-after, so retries are ours (withRetry).
 */
export function createGeminiClient(options: SdkClientOptions): LlmClient {
  const model = options.model ?? DEFAULT_GEMINI_MODEL;
  const baseUrl = options.baseUrl ?? options.env?.[GEMINI_BASE_URL_ENV];
  let sdk: GoogleGenAI | undefined;
  return {
    backend: 'gemini',
    model,
    async complete(request: LlmRequest, signal?: AbortSignal): Promise<LlmReply> {
      const genAi = await loadGenAiSdk();
      sdk ??= new genAi.GoogleGenAI({
        apiKey: options.apiKey,
        vertexai: false,
        httpOptions: { ...(baseUrl ? { baseUrl } : {}), timeout: options.timeoutMs ?? DEFAULT_SDK_TIMEOUT_MS },
      });
      let response: GenerateContentResponse;
      try {
        response = await sdk.models.generateContent({
          model,
          contents: request.turns.map((turn) => ({
            role: turn.role === 'assistant' ? 'model' : 'user',
            parts: [{ text: turn.text }],
          })),
          config: {
            systemInstruction: request.system,
            maxOutputTokens: request.maxOutputTokens,
            responseMimeType: 'application/json',
            abortSignal: signal,
          },
        });
      } catch (error) {
        throw llmErrorFromGemini(error, genAi.ApiError, signal);
      }
      const blocked = response.promptFeedback?.blockReason;
      if (blocked) throw new LlmError('bad_request', `Gemini blocked the prompt (${blocked}).`, { backend: 'gemini' });
      return {
        text: response.text ?? '',
        inputTokens: response.usageMetadata?.promptTokenCount,
        outputTokens: response.usageMetadata?.candidatesTokenCount,
      };
    },
  };
}

function llmErrorFromGemini(error: unknown, ApiError: GenAiModule['ApiError'], signal?: AbortSignal): LlmError {
  if (error instanceof LlmError) return error;
  if (signal?.aborted) return new LlmError('cancelled', 'The request to Gemini was cancelled.', { backend: 'gemini', cause: error });
  if (error instanceof ApiError) {
    const body = parseGoogleErrorBody(error.message);
    return llmErrorFromStatus('gemini', 'Gemini', error.status, body.message ?? error.message, {
      retryAfterMs: body.retryDelayMs,
      cause: error,
    });
  }
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'AbortError' || name === 'TimeoutError' || /timed? ?out/i.test(message)) {
    return new LlmError('timeout', 'Gemini did not answer in time.', { backend: 'gemini', cause: error });
  }
  if (error instanceof TypeError || /fetch failed|ECONNREFUSED|ENOTFOUND|ECONNRESET/i.test(message)) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? ` (${cause.message})` : '';
    return new LlmError('network', `Could not reach Gemini${detail}. Check the network or the base URL.`, { backend: 'gemini', cause: error });
  }
  return new LlmError('bad_request', `The request to Gemini failed: ${message}`, { backend: 'gemini', cause: error });
}

/**
 * The SDK's ApiError message is the JSON error body: {"error":{"code","message","status","details":[…]}}.
 * A 429 carries how long to wait as google.rpc.RetryInfo {"retryDelay":"37s"}.
 */
function parseGoogleErrorBody(text: string): { message?: string; retryDelayMs?: number } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  const error = (body as { error?: { message?: unknown; details?: unknown } } | null)?.error;
  if (!error || typeof error !== 'object') return {};
  const message = typeof error.message === 'string' ? error.message : undefined;
  const details = Array.isArray(error.details) ? (error.details as Array<Record<string, unknown>>) : [];
  const retryInfo = details.find((detail) => String(detail['@type'] ?? '').endsWith('google.rpc.RetryInfo'));
  const delay = typeof retryInfo?.retryDelay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(retryInfo.retryDelay) : null;
  return { message, retryDelayMs: delay ? Math.round(Number(delay[1]) * 1000) : undefined };
}
