import * as vscode from 'vscode';
import type { LlmClient, LlmReply, LlmRequest } from '../../core/analyze/llm/llmClient.js';
import { LlmError, looksLikeContextLengthError } from '../../core/analyze/llm/llmError.js';

/** Backend name in reports and logs. */
export const VSCODE_LM_BACKEND = 'vscode-lm';

/** Shown by VS Code in the consent dialog the first request brings up. */
function lmJustification(): string {
  return vscode.l10n.t(
    'Headroom Learn sends the failed tool calls it found in your past agent sessions (secrets redacted) to propose rules for your agents\' context files.',
  );
}

/** Tokens kept free for the answer when the prompt budget is fitted to the model's window. */
const ANSWER_RESERVE_TOKENS = 4_096;

/** The evidence budget for a model: the setting, but never more than its input window leaves room for. */
export function lmTokenBudget(model: Pick<vscode.LanguageModelChat, 'maxInputTokens'>, settingBudget: number): number {
  const window = model.maxInputTokens > 0 ? model.maxInputTokens - ANSWER_RESERVE_TOKENS : settingBudget;
  return Math.max(1_000, Math.min(settingBudget, window));
}

export interface VsCodeLmClientOptions {
  /** True when the request follows a user action (a command), so VS Code may show its consent dialog. */
  userInitiated: boolean;
  /** context.languageModelAccessInformation: whether consent exists already. */
  access?: vscode.LanguageModelAccessInformation;
  /** Cancellation from the command's progress notification (combined with the AbortSignal the analyzer passes). */
  token?: vscode.CancellationToken;
  log?: vscode.LogOutputChannel;
}

/**
 * An LlmClient on VS Code's language-model API (Copilot and any other provider's chat models): the core's
 * LlmAnalyzer builds the prompt, validates the answer and grounds the rules, exactly as for the SDK backends.
 * The API has no system role, so the instructions open the first user message. Runs in the extension host.
 */
export class VsCodeLmClient implements LlmClient {
  readonly backend = VSCODE_LM_BACKEND;
  readonly model: string;

  constructor(
    private readonly chat: vscode.LanguageModelChat,
    private readonly options: VsCodeLmClientOptions,
  ) {
    this.model = `${chat.vendor}/${chat.id}`;
  }

  async complete(request: LlmRequest, signal?: AbortSignal): Promise<LlmReply> {
    const backend = this.backend;
    const consent = this.options.access?.canSendRequest(this.chat);
    if (consent === false) {
      throw new LlmError('auth', vscode.l10n.t('Headroom Learn is not allowed to use {0}. Allow it under Accounts → Manage Language Model Access, or pick another model with Headroom: Select Model.', this.chat.name), { backend });
    }
    if (consent === undefined && !this.options.userInitiated) {
      throw new LlmError('auth', vscode.l10n.t('{0} asks for your consent on first use; run Headroom: Learn yourself to give it.', this.chat.name), { backend });
    }

    const messages = toChatMessages(request);
    const cancellation = new vscode.CancellationTokenSource();
    const onAbort = () => cancellation.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    const tokenSubscription = this.options.token?.onCancellationRequested(onAbort);
    if (signal?.aborted || this.options.token?.isCancellationRequested) cancellation.cancel();
    try {
      let inputTokens = 0;
      for (const message of messages) inputTokens += await this.chat.countTokens(message, cancellation.token);
      if (cancellation.token.isCancellationRequested) throw new LlmError('cancelled', 'Cancelled.', { backend });
      if (this.chat.maxInputTokens > 0 && inputTokens > this.chat.maxInputTokens) {
        throw new LlmError('context_length', `The prompt has ${inputTokens} tokens; ${this.chat.name} takes at most ${this.chat.maxInputTokens}.`, { backend });
      }
      this.options.log?.info(`vscode.lm: sending ${inputTokens} tokens to ${this.chat.name} (${this.model}).`);
      const response = await this.chat.sendRequest(messages, { justification: lmJustification() }, cancellation.token);
      let text = '';
      for await (const fragment of response.text) text += fragment;
      if (cancellation.token.isCancellationRequested) throw new LlmError('cancelled', 'Cancelled.', { backend });
      const outputTokens = await Promise.resolve(this.chat.countTokens(text, cancellation.token)).catch(() => undefined);
      return { text, inputTokens, outputTokens };
    } catch (error) {
      if (error instanceof LlmError) throw error;
      throw toLlmError(error, this.chat.name, cancellation.token.isCancellationRequested);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      tokenSubscription?.dispose();
      cancellation.dispose();
    }
  }
}

/** The system prompt goes first in the first user message; the turns follow with their roles. */
function toChatMessages(request: LlmRequest): vscode.LanguageModelChatMessage[] {
  return request.turns.map((turn, index) => {
    const text = index === 0 ? `${request.system}\n\n${turn.text}` : turn.text;
    return turn.role === 'user' ? vscode.LanguageModelChatMessage.User(text) : vscode.LanguageModelChatMessage.Assistant(text);
  });
}

/** LanguageModelError codes (and cancellation) as the core's typed failures, with messages a user can act on. */
function toLlmError(error: unknown, modelName: string, cancelled: boolean): LlmError {
  const backend = VSCODE_LM_BACKEND;
  const message = error instanceof Error ? error.message : String(error);
  if (cancelled || error instanceof vscode.CancellationError) return new LlmError('cancelled', 'Cancelled.', { backend, cause: error });
  if (error instanceof vscode.LanguageModelError) {
    switch (error.code) {
      case vscode.LanguageModelError.NoPermissions.name:
        return new LlmError('auth', vscode.l10n.t('You did not allow Headroom Learn to use {0}. Run Headroom: Learn again and choose Allow, or pick another model with Headroom: Select Model.', modelName), { backend, cause: error });
      case vscode.LanguageModelError.Blocked.name:
        return new LlmError('rate_limit', vscode.l10n.t('{0} refused the request (quota reached or blocked): {1}', modelName, message), { backend, cause: error });
      case vscode.LanguageModelError.NotFound.name:
        return new LlmError('bad_request', vscode.l10n.t('{0} is no longer available. Pick another with Headroom: Select Model.', modelName), { backend, cause: error });
      default:
        if (looksLikeContextLengthError(message)) return new LlmError('context_length', message, { backend, cause: error });
        return new LlmError('server', vscode.l10n.t('{0} failed: {1}', modelName, message), { backend, cause: error });
    }
  }
  if (looksLikeContextLengthError(message)) return new LlmError('context_length', message, { backend, cause: error });
  return new LlmError('server', vscode.l10n.t('{0} failed: {1}', modelName, message), { backend, cause: error });
}
