import { LlmError, looksLikeContextLengthError } from '../llmError.js';

/**
 * An HTTP error answer from a provider as an LlmError: 401/403 a refused key, 429 a rate limit
 * (with the server's retry-after), 5xx a server failure, a context-window message a context-length
 * error, anything else a refused request. `label` names the provider in the message.
 */
export function llmErrorFromStatus(
  backend: string,
  label: string,
  status: number,
  message: string,
  details: { retryAfterMs?: number; cause?: unknown } = {},
): LlmError {
  const common = { backend, status, cause: details.cause };
  const said = message.trim() ? `: ${message.trim()}` : '';
  if (status === 401 || status === 403) {
    return new LlmError('auth', `${label} refused the API key (${status})${said}. Check the key and its permissions.`, common);
  }
  if (status === 429) {
    return new LlmError('rate_limit', `${label} is rate-limiting this key (429)${said}.`, { ...common, retryAfterMs: details.retryAfterMs });
  }
  if (looksLikeContextLengthError(message) || status === 413) {
    return new LlmError('context_length', `The prompt is too long for the ${label} model (${status})${said}.`, common);
  }
  if (status >= 500) {
    return new LlmError('server', `${label} had a server error (${status})${said}.`, { ...common, retryAfterMs: details.retryAfterMs });
  }
  return new LlmError('bad_request', `${label} refused the request (${status})${said}.`, common);
}
