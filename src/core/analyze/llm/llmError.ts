/**
 * Why a call to a language model failed. Every failure is reported as one of these,
 * never as "no patterns found".
 */
export type LlmErrorKind =
  /** The key was refused (401/403) or the CLI is not logged in. */
  | 'auth'
  /** 429 after the bounded retries, or a retry-after longer than we are willing to wait. */
  | 'rate_limit'
  /** The endpoint could not be reached (DNS, refused connection, reset). */
  | 'network'
  /** The request or the CLI took longer than its time limit. */
  | 'timeout'
  /** 5xx after the bounded retries. */
  | 'server'
  /** The prompt does not fit the model's context window. */
  | 'context_length'
  /** Any other refusal of the request (unknown model, 400, 404 …). */
  | 'bad_request'
  /** The model answered, but not with JSON that matches the schema. */
  | 'bad_answer'
  /** The CLI exited non-zero or reported an error in its envelope. */
  | 'cli_failed'
  /** The CLI executable could not be started. */
  | 'cli_not_found'
  /** The caller cancelled (AbortSignal). */
  | 'cancelled';

export interface LlmErrorDetails {
  /** Backend that failed, e.g. "anthropic", "claude-cli". */
  backend: string;
  status?: number;
  /** How long the server asked us to wait before retrying. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class LlmError extends Error {
  override readonly name = 'LlmError';
  readonly kind: LlmErrorKind;
  readonly backend: string;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(kind: LlmErrorKind, message: string, details: LlmErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.backend = details.backend;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** Failures worth another attempt after a pause. */
export function isRetryable(error: LlmError): boolean {
  return error.kind === 'rate_limit' || error.kind === 'server' || error.kind === 'network';
}

/** Words providers use when the prompt is longer than the model's window. */
const CONTEXT_LENGTH_PATTERN =
  /prompt is too long|context[_ ]length|maximum context|context window|input token count|exceeds the maximum number of tokens|too many (input )?tokens|request too large/i;

export function looksLikeContextLengthError(message: string): boolean {
  return CONTEXT_LENGTH_PATTERN.test(message);
}
