import * as vscode from 'vscode';
import type { AnalyzerBackend } from '../../core/analyze/backend.js';
import { answerCachingClient } from '../../core/analyze/llm/answerCachingClient.js';
import { LlmAnalyzer } from '../../core/analyze/llm/llmAnalyzer.js';
import type { ProjectResultCache } from '../../core/scan/cache/projectResultCache.js';
import { OfflineAnalyzer } from '../../core/analyze/offline/offlineAnalyzer.js';
import { redactSensitiveText } from '../../core/redact/redactSecrets.js';
import {
  BackendSelectionError,
  selectAnalyzerBackend,
  type ApiProvider,
  type BackendKind,
} from '../../core/analyze/selectBackend.js';
import type { ApiKeyStore } from './apiKeyStore.js';
import { readHeadroomSettings, VSCODE_LM_PREFIX } from '../platform/settings.js';
import { lmTokenBudget, VSCODE_LM_BACKEND, VsCodeLmClient } from './vscodeLmClient.js';

/** Where the model choice comes from, as the reason text names it. */
export const MODEL_SETTING_SOURCE = 'the headroom.model setting';

export interface ModelServices {
  apiKeys: ApiKeyStore;
  log: vscode.LogOutputChannel;
  /** context.languageModelAccessInformation */
  languageModelAccess?: vscode.LanguageModelAccessInformation;
  /** Where the model's replies are kept (the global storage's cache); a second Learn on the same evidence asks no model. */
  answers?: ProjectResultCache;
}

/**
 * What the core's selectAnalyzerBackend needs besides the environment, as plain data: it is posted to the scan
 * worker as its AnalyzerOptions (the worker adds its own process.env). Holds API keys: never log it.
 */
export interface BackendRequest {
  model?: string;
  modelSource: string;
  apiKeys: Partial<Record<ApiProvider, { key: string; source: string }>>;
  baseUrls: Partial<Record<ApiProvider, string>>;
  tokenBudget: number;
}

/** The settings and stored keys for one folder, ready for `selectAnalyzerBackend` (in the host or in a worker). */
export async function resolveBackendRequest(services: Pick<ModelServices, 'apiKeys'>, folder?: vscode.Uri): Promise<BackendRequest> {
  const settings = readHeadroomSettings(folder);
  return {
    model: settings.model || undefined,
    modelSource: MODEL_SETTING_SOURCE,
    apiKeys: await services.apiKeys.storedKeys(),
    baseUrls: settings.baseUrls,
    tokenBudget: settings.promptTokenBudget,
  };
}

export interface HostAnalyzer {
  backend: AnalyzerBackend;
  kind: BackendKind | typeof VSCODE_LM_BACKEND;
  model?: string;
  /** Which backend and why; log it and show it with the result. */
  reason: string;
}

export interface AnalyzerRun {
  folder?: vscode.Uri;
  /** True when a user's command started the run (VS Code's model consent dialog can show only then). */
  userInitiated: boolean;
  token?: vscode.CancellationToken;
}

/** Is this model setting a VS Code language model (`vscode-lm/<id>`)? Those run only in the extension host. */
export function isVsCodeLmModel(model: string | undefined): boolean {
  return !!model && model.startsWith(VSCODE_LM_PREFIX);
}

/**
 * The analyzer for one Learn run, in the extension host: a `vscode-lm/<id>` setting gives the language-model
 * adapter (consent, budget fitted to the model's window, cancellation); every other value goes through the core's
 * selection with the spec's priority (setting, API keys from the environment or SecretStorage, HEADROOM_LEARN_CLI,
 * CLIs on PATH, offline). Throws BackendSelectionError with a message for the user when the choice cannot be honoured.
 */
export async function createAnalyzerForRun(services: ModelServices, run: AnalyzerRun): Promise<HostAnalyzer> {
  const request = await resolveBackendRequest(services, run.folder);
  const createOffline = () => new OfflineAnalyzer();
  let result: HostAnalyzer;
  if (isVsCodeLmModel(request.model)) {
    const id = request.model!.slice(VSCODE_LM_PREFIX.length);
    let chat: vscode.LanguageModelChat | undefined;
    try {
      [chat] = await vscode.lm.selectChatModels({ id });
    } catch (error) {
      services.log.warn(`vscode.lm.selectChatModels failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!chat) {
      throw new BackendSelectionError(
        vscode.l10n.t(
          'No language model available for "{0}" (the headroom.model setting): is GitHub Copilot (or another model provider) installed and signed in? Choose another in Headroom: Select Model.',
          request.model!,
        ),
      );
    }
    const reason = `${VSCODE_LM_BACKEND} (${chat.name}), because ${MODEL_SETTING_SOURCE} is ${request.model}`;
    const client = new VsCodeLmClient(chat, {
      userInitiated: run.userInitiated,
      access: services.languageModelAccess,
      token: run.token,
      log: services.log,
    });
    const backend = new LlmAnalyzer({
      client: services.answers ? answerCachingClient(client, services.answers) : client,
      redact: redactSensitiveText,
      reason,
      tokenBudget: lmTokenBudget(chat, request.tokenBudget),
    });
    result = { backend, kind: VSCODE_LM_BACKEND, model: chat.id, reason };
  } else {
    const selection = selectAnalyzerBackend({ ...request, env: process.env, createOffline, answers: services.answers });
    result = { backend: selection.backend, kind: selection.kind, model: selection.model, reason: selection.reason };
  }
  services.log.info(`Analyzer: ${result.reason}.`);
  return result;
}
