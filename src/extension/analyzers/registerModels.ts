import * as vscode from 'vscode';
import { ProjectResultCache } from '../../core/scan/cache/projectResultCache.js';
import type { AgentRegistry } from '../../core/agents/registry.js';
import { registerApiKeyCommands } from './apiKeyCommands.js';
import { ApiKeyStore } from './apiKeyStore.js';
import { onDidChangeHeadroomSettings, readHeadroomSettings } from '../platform/settings.js';
import type { LearnAnalyzerPlan } from '../services.js';
import { createAnalyzerForRun, isVsCodeLmModel, resolveBackendRequest } from './analyzerForRun.js';
import { registerSelectModelCommand } from './selectModelCommand.js';
import type { HostRegistrations } from '../activation/hostRegistrations.js';

export interface ModelFeatureServices {
  log: vscode.LogOutputChannel;
  host: Pick<HostRegistrations, 'registerCommand'>;
  /**
   * Replaced here: the analyzer of a Learn run. For the worker: the model setting, keys from SecretStorage, base
   * URLs and the prompt budget (the worker adds its environment and applies the spec's priority). For a
   * `vscode-lm/<id>` setting: the language-model analyzer, run by the host on the worker's findings.
   */
  analyzer: (request: { folder?: vscode.Uri; userInitiated: boolean; token: vscode.CancellationToken }) => Promise<LearnAnalyzerPlan>;
  registry?: AgentRegistry;
  /** The extension's global storage folder, where the cache lives. */
  storageFolder?: string;
}

/**
 * API keys (SecretStorage, Set/Clear API Key), Headroom: Select Model, and the analyzer inputs the Learn flow
 * sends to its worker. Returns the key store for the other features (and the in-host tests).
 */
export function registerModels(context: vscode.ExtensionContext, services: ModelFeatureServices): { apiKeys: ApiKeyStore } {
  const apiKeys = new ApiKeyStore(context.secrets);
  registerApiKeyCommands(context, { apiKeys, log: services.log, host: services.host });
  registerSelectModelCommand(context, { apiKeys, log: services.log, host: services.host });
  services.analyzer = async ({ folder, userInitiated, token }) => {
    const request = await resolveBackendRequest({ apiKeys }, folder);
    if (isVsCodeLmModel(request.model)) {
      // VS Code language models exist only in the extension host: the worker stops at the findings.
      // The model's replies are kept beside the scan cache, in the global storage (answerCachingClient).
      const answers = services.storageFolder ? new ProjectResultCache(services.storageFolder, { log: (message) => services.log.info(message) }) : undefined;
      const host = await createAnalyzerForRun(
        { apiKeys, log: services.log, languageModelAccess: context.languageModelAccessInformation, answers },
        { folder, userInitiated, token },
      );
      return { worker: { deferToHost: { backend: host.kind, model: host.model, reason: host.reason } }, host };
    }
    return { worker: request };
  };
  context.subscriptions.push(
    onDidChangeHeadroomSettings(() => {
      const settings = readHeadroomSettings();
      services.log.info(`Settings: agent ${settings.agent}, model ${settings.model || 'automatic'}, memory file ${settings.memoryFile}, min occurrences ${settings.minOccurrences}, prompt budget ${settings.promptTokenBudget} tokens.`);
    }),
  );
  return { apiKeys };
}
