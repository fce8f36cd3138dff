import * as vscode from 'vscode';
import { findOnPath } from '../../core/analyze/llm/cli/findOnPath.js';
import {
  AGENT_CLIS,
  API_KEY_ENV,
  BackendSelectionError,
  chooseBackend,
  DEFAULT_MODELS,
} from '../../core/analyze/selectBackend.js';
import { OfflineAnalyzer } from '../../core/analyze/offline/offlineAnalyzer.js';
import { PROVIDER_LABELS, type ApiKeyStore } from './apiKeyStore.js';
import { AUTOMATIC_MODEL, VSCODE_LM_PREFIX } from '../platform/settings.js';

type AvailableBackendKind = 'automatic' | 'offline' | 'api' | 'cli' | 'vscode-lm';

/** One choice for Headroom: Select Model: usable now, without asking for anything. */
export interface AvailableBackend {
  kind: AvailableBackendKind;
  /** The headroom.model value this choice stores ('' = automatic). */
  model: string;
  label: string;
  detail: string;
  /** Works with no network (offline analyzer) or no key (CLIs, vscode.lm). */
  needsKey: boolean;
}

export interface BackendDiscovery {
  apiKeys: Pick<ApiKeyStore, 'status' | 'storedKeys'>;
  env?: Readonly<Record<string, string | undefined>>;
  isOnPath?: (command: string) => boolean;
  /** vscode.lm.selectChatModels(); injectable for tests. */
  chatModels?: () => Thenable<readonly vscode.LanguageModelChat[]>;
}

/**
 * The backends available NOW: automatic (with what it would pick), the offline analyzer, every API provider
 * with a key (environment or SecretStorage), every agent CLI on PATH, and every VS Code language model
 * (Copilot …; no key, consent on first use).
 */
export async function listAvailableBackends(discovery: BackendDiscovery): Promise<AvailableBackend[]> {
  const env = discovery.env ?? process.env;
  const isOnPath = discovery.isOnPath ?? ((command: string) => findOnPath(command, { env }) !== undefined);
  const result: AvailableBackend[] = [];

  let automaticDetail: string;
  try {
    const choice = chooseBackend({ env, apiKeys: await discovery.apiKeys.storedKeys(), isOnPath, createOffline: () => new OfflineAnalyzer() });
    automaticDetail = vscode.l10n.t('Now: {0}', choice.reason);
  } catch (error) {
    automaticDetail = error instanceof BackendSelectionError ? error.message : String(error);
  }
  result.push({ kind: 'automatic', model: AUTOMATIC_MODEL, label: vscode.l10n.t('Automatic'), detail: automaticDetail, needsKey: false });
  result.push({
    kind: 'offline',
    model: 'offline',
    label: vscode.l10n.t('Offline analyzer'),
    detail: vscode.l10n.t('Rules from templates, on this machine: no key, no network'),
    needsKey: false,
  });

  for (const status of await discovery.apiKeys.status()) {
    if (!status.source) continue;
    const model = DEFAULT_MODELS[status.provider];
    result.push({
      kind: 'api',
      model: `${status.provider}/${model}`,
      label: `${PROVIDER_LABELS[status.provider]}: ${model}`,
      detail:
        status.source === 'environment'
          ? vscode.l10n.t('Key from {0}', API_KEY_ENV[status.provider])
          : vscode.l10n.t('Key stored in VS Code\'s secret storage'),
      needsKey: true,
    });
  }

  for (const cli of AGENT_CLIS) {
    if (!isOnPath(cli)) continue;
    result.push({
      kind: 'cli',
      model: `${cli}-cli`,
      label: vscode.l10n.t('{0} CLI', cli),
      detail: vscode.l10n.t('Uses your {0} login; runs with no tools in a temporary folder', cli),
      needsKey: false,
    });
  }

  let models: readonly vscode.LanguageModelChat[];
  try {
    models = await (discovery.chatModels ?? (() => vscode.lm.selectChatModels()))();
  } catch {
    models = [];
  }
  for (const chat of models) {
    result.push({
      kind: 'vscode-lm',
      model: `${VSCODE_LM_PREFIX}${chat.id}`,
      label: `${chat.vendor === 'copilot' ? 'Copilot' : chat.vendor}: ${chat.name}`,
      detail: vscode.l10n.t('VS Code language model, no key (asks for consent on first use); up to {0} input tokens', chat.maxInputTokens),
      needsKey: false,
    });
  }
  return result;
}
