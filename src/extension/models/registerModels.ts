import * as vscode from 'vscode';
import type { AgentRegistry } from '../../core/agents/registry.js';
import { registerApiKeyCommands } from '../secrets/apiKeyCommands.js';
import { ApiKeyStore } from '../secrets/apiKeyStore.js';
import { onDidChangeHeadroomSettings, readHeadroomSettings } from '../settings/settings.js';
import { isVsCodeLmModel, resolveBackendRequest, type BackendRequest } from './analyzerForRun.js';
import { registerSelectModelCommand } from './selectModelCommand.js';

export interface ModelFeatureServices {
  log: vscode.LogOutputChannel;
  /** Replaced here: the scan worker's analyzer inputs (model setting + keys from SecretStorage + base URLs + budget). */
  analyzerOptions: () => Promise<Partial<BackendRequest>>;
  registry?: AgentRegistry;
}

/**
 * API keys (SecretStorage, Set/Clear API Key), Headroom: Select Model, and the analyzer inputs the Learn flow
 * sends to its worker. Returns the key store for the other features (and the in-host tests).
 */
export function registerModels(context: vscode.ExtensionContext, services: ModelFeatureServices): { apiKeys: ApiKeyStore } {
  const apiKeys = new ApiKeyStore(context.secrets);
  registerApiKeyCommands(context, { apiKeys, log: services.log });
  registerSelectModelCommand(context, { apiKeys, log: services.log });
  services.analyzerOptions = async () => {
    const request = await resolveBackendRequest({ apiKeys }, vscode.workspace.workspaceFolders?.[0]?.uri);
    if (isVsCodeLmModel(request.model)) {
      // VS Code language models exist only in the extension host, not in the scan worker (see createAnalyzerForRun).
      services.log.warn(`headroom.model is ${request.model}: VS Code language models run in the extension host; the worker flow uses the offline analyzer for this run.`);
      return { ...request, model: 'offline', modelSource: 'the fallback for a VS Code language model in the worker' };
    }
    return request;
  };
  context.subscriptions.push(
    onDidChangeHeadroomSettings(() => {
      const settings = readHeadroomSettings();
      services.log.info(`Settings: agent ${settings.agent}, model ${settings.model || 'automatic'}, memory file ${settings.memoryFile}, min occurrences ${settings.minOccurrences}, prompt budget ${settings.promptTokenBudget} tokens.`);
    }),
  );
  return { apiKeys };
}
