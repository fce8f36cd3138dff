import { isRetryable, LlmError } from './llmError.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff when the server gives no retry-after; doubled per attempt. */
  baseDelayMs: number;
  /** Longest we wait before one retry. A retry-after above it fails at once instead of waiting. */
  maxDelayMs: number;
}

const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 30_000 };

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Runs `call`, retrying rate limits, 5xx and network failures with exponential backoff. A server's
 * retry-after is honoured when it is within maxDelayMs; a longer one ends the retries with a clear error.
 */
export async function withRetry<T>(
  call: () => Promise<T>,
  options: { policy?: RetryPolicy; sleep?: Sleep; signal?: AbortSignal; onRetry?: (error: LlmError, delayMs: number) => void } = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof LlmError) || !isRetryable(error) || attempt >= policy.maxAttempts) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxDelayMs) {
        throw new LlmError(
          error.kind,
          `${error.message} The server asked to wait ${Math.ceil(error.retryAfterMs / 1000)} s before retrying, longer than the ${Math.ceil(policy.maxDelayMs / 1000)} s we wait; try again later.`,
          { backend: error.backend, status: error.status, retryAfterMs: error.retryAfterMs, cause: error },
        );
      }
      const delayMs = error.retryAfterMs ?? Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
      options.onRetry?.(error, delayMs);
      await wait(delayMs, options.signal);
    }
  }
}

/** Milliseconds from a `retry-after-ms` or `retry-after` header (seconds or an HTTP date). */
export function retryAfterFromHeaders(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const millis = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return Math.round(millis);
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
