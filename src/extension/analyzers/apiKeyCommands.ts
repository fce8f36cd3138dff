import * as vscode from 'vscode';
import { API_KEY_ENV, API_PROVIDERS, type ApiProvider } from '../../core/analyze/selectBackend.js';
import { ApiKeyStore, PROVIDER_KEY_PAGES, PROVIDER_LABELS, validateApiKey, type ProviderKeyStatus } from './apiKeyStore.js';
import { Commands } from '../commands.js';
import type { HostRegistrations } from '../activation/hostRegistrations.js';

export interface ApiKeyServices {
  apiKeys: ApiKeyStore;
  log: vscode.LogOutputChannel;
  host: Pick<HostRegistrations, 'registerCommand'>;
}

function isProvider(value: unknown): value is ApiProvider {
  return typeof value === 'string' && (API_PROVIDERS as readonly string[]).includes(value);
}

function describeStatus(status: ProviderKeyStatus): string {
  switch (status.source) {
    case 'environment':
      return vscode.l10n.t('{0} is set (it wins over a stored key)', API_KEY_ENV[status.provider]);
    case 'secretStorage':
      return vscode.l10n.t('key stored');
    default:
      return vscode.l10n.t('no key');
  }
}

async function pickProvider(store: ApiKeyStore, title: string, only?: (status: ProviderKeyStatus) => boolean): Promise<ApiProvider | undefined> {
  const statuses = (await store.status()).filter((status) => !only || only(status));
  if (statuses.length === 0) return undefined;
  const picked = await vscode.window.showQuickPick(
    statuses.map((status) => ({ label: PROVIDER_LABELS[status.provider], description: describeStatus(status), provider: status.provider })),
    { title, placeHolder: vscode.l10n.t('Provider') },
  );
  return picked?.provider;
}

/** Password input with live validation and a title-bar button that opens the provider's key page. */
function askForKey(provider: ApiProvider): Promise<string | undefined> {
  return new Promise((resolve) => {
    const input = vscode.window.createInputBox();
    const openKeyPage: vscode.QuickInputButton = {
      iconPath: new vscode.ThemeIcon('link-external'),
      tooltip: vscode.l10n.t('Open the {0} page where keys are created', PROVIDER_LABELS[provider]),
    };
    input.title = vscode.l10n.t('Headroom: API key for {0}', PROVIDER_LABELS[provider]);
    input.prompt = vscode.l10n.t('Stored in VS Code\'s secret storage (your OS keychain), never in settings.');
    input.password = true;
    input.ignoreFocusOut = true;
    input.buttons = [openKeyPage];
    let accepted = false;
    const subscriptions = [
      input.onDidChangeValue((value) => (input.validationMessage = value === '' ? undefined : validateApiKey(value))),
      input.onDidTriggerButton(() => void vscode.env.openExternal(vscode.Uri.parse(PROVIDER_KEY_PAGES[provider]))),
      input.onDidAccept(() => {
        const problem = validateApiKey(input.value);
        if (problem) {
          input.validationMessage = problem;
          return;
        }
        accepted = true;
        resolve(input.value.trim());
        input.hide();
      }),
      input.onDidHide(() => {
        if (!accepted) resolve(undefined);
        subscriptions.forEach((s) => s.dispose());
        input.dispose();
      }),
    ];
    input.show();
  });
}

/**
 * Headroom: Set API Key (pick a provider, or pass one as the argument, then a password input) and
 * Headroom: Clear API Key. Keys go to SecretStorage only; the log says which provider, never the key.
 */
export function registerApiKeyCommands(context: vscode.ExtensionContext, services: ApiKeyServices): void {
  const { apiKeys, log, host } = services;
  context.subscriptions.push(
    host.registerCommand(Commands.setApiKey, async (providerArgument?: unknown) => {
      const provider = isProvider(providerArgument) ? providerArgument : await pickProvider(apiKeys, vscode.l10n.t('Headroom: Set API Key'));
      if (!provider) return false;
      const key = await askForKey(provider);
      if (key === undefined) return false;
      await apiKeys.store(provider, key);
      log.info(`API key for ${provider} stored in SecretStorage.`);
      const envNote = process.env[API_KEY_ENV[provider]]?.trim()
        ? ' ' + vscode.l10n.t('{0} is also set in the environment and is used first.', API_KEY_ENV[provider])
        : '';
      void vscode.window.showInformationMessage(vscode.l10n.t('The {0} key is stored in VS Code\'s secret storage.', PROVIDER_LABELS[provider]) + envNote);
      return true;
    }),
    host.registerCommand(Commands.clearApiKey, async (providerArgument?: unknown) => {
      const provider = isProvider(providerArgument)
        ? providerArgument
        : await pickProvider(apiKeys, vscode.l10n.t('Headroom: Clear API Key'), (status) => status.source === 'secretStorage');
      if (!provider) {
        if (!isProvider(providerArgument)) void vscode.window.showInformationMessage(vscode.l10n.t('No API key is stored in Headroom Learn.'));
        return false;
      }
      await apiKeys.delete(provider);
      log.info(`API key for ${provider} removed from SecretStorage.`);
      void vscode.window.showInformationMessage(vscode.l10n.t('The {0} key was removed.', PROVIDER_LABELS[provider]));
      return true;
    }),
    apiKeys.onDidChange((provider) => log.debug(`Stored API key for ${provider} changed.`)),
  );
}
