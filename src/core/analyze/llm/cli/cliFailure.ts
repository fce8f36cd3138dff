import { LlmError, looksLikeContextLengthError } from '../llmError.js';
import { NOT_LOGGED_IN_PATTERN } from './cliOutput.js';

/**
 * A failed CLI run as an LlmError carrying the CLI's own words: a context-window message becomes
 * context_length, a login problem auth, anything else cli_failed.
 */
export function cliFailure(backend: string, command: string, what: string, ownMessage: string, options: { auth?: boolean } = {}): LlmError {
  const said = ownMessage.trim() || '(no output)';
  if (looksLikeContextLengthError(said)) {
    return new LlmError('context_length', `The prompt is too long for ${command}: ${said}`, { backend });
  }
  if (options.auth || NOT_LOGGED_IN_PATTERN.test(said)) {
    return new LlmError('auth', `${command} is not logged in or its credentials were refused. ${command} said: ${said}`, { backend });
  }
  return new LlmError('cli_failed', `${command} ${what}: ${said}`, { backend });
}
