import * as vscode from 'vscode';
import { API_KEY_ENV, API_PROVIDERS, type ApiProvider } from '../../core/analyze/selectBackend.js';

/** SecretStorage ids, one per provider. Fixed: changing one loses the keys users stored under it. */
export const API_KEY_SECRET_IDS: Readonly<Record<ApiProvider, string>> = {
  anthropic: 'headroom.apiKey.anthropic',
  openai: 'headroom.apiKey.openai',
  gemini: 'headroom.apiKey.gemini',
};

export const PROVIDER_LABELS: Readonly<Record<ApiProvider, string>> = { anthropic: 'Anthropic', openai: 'OpenAI', gemini: 'Google Gemini' };

/** Where users create a key (the input box's title-bar button opens it). */
export const PROVIDER_KEY_PAGES: Readonly<Record<ApiProvider, string>> = {
  anthropic: 'https://console.anthropic.com/settings/keys',
  openai: 'https://platform.openai.com/api-keys',
  gemini: 'https://aistudio.google.com/app/apikey',
};

/** Where a usable key for a provider comes from; the environment wins, as in the CLI. */
type KeySource = 'environment' | 'secretStorage';

export interface ProviderKeyStatus {
  provider: ApiProvider;
  source?: KeySource;
}

/** The reason text the backend selection shows for a stored key. */
const STORED_KEY_SOURCE = 'a key is stored with Headroom: Set API Key';

/**
 * API keys in VS Code's SecretStorage (the OS keychain), under the fixed ids above. Never in settings,
 * never logged. The environment variables (ANTHROPIC_API_KEY …) still win, as in the CLI.
 */
export class ApiKeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
  ) {}

  /** Fires with the provider whose stored key changed (also for changes made in another window). */
  onDidChange(listener: (provider: ApiProvider) => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      const provider = API_PROVIDERS.find((p) => API_KEY_SECRET_IDS[p] === event.key);
      if (provider) listener(provider);
    });
  }

  async get(provider: ApiProvider): Promise<string | undefined> {
    const key = (await this.secrets.get(API_KEY_SECRET_IDS[provider]))?.trim();
    return key ? key : undefined;
  }

  async store(provider: ApiProvider, key: string): Promise<void> {
    const trimmed = key.trim();
    const problem = validateApiKey(trimmed);
    if (problem) throw new Error(problem);
    await this.secrets.store(API_KEY_SECRET_IDS[provider], trimmed);
  }

  async delete(provider: ApiProvider): Promise<void> {
    await this.secrets.delete(API_KEY_SECRET_IDS[provider]);
  }

  /** Which providers have a key now, and from where. */
  async status(): Promise<ProviderKeyStatus[]> {
    const result: ProviderKeyStatus[] = [];
    for (const provider of API_PROVIDERS) {
      if (this.env[API_KEY_ENV[provider]]?.trim()) result.push({ provider, source: 'environment' });
      else result.push({ provider, source: (await this.get(provider)) ? 'secretStorage' : undefined });
    }
    return result;
  }

  /** The stored keys in the shape the core's backend selection takes (`apiKeys`). */
  async storedKeys(): Promise<Partial<Record<ApiProvider, { key: string; source: string }>>> {
    const keys: Partial<Record<ApiProvider, { key: string; source: string }>> = {};
    for (const provider of API_PROVIDERS) {
      const key = await this.get(provider);
      if (key) keys[provider] = { key, source: STORED_KEY_SOURCE };
    }
    return keys;
  }
}

/** A message when the text cannot be a key, else undefined. Provider-specific prefixes are not enforced (proxies issue others). */
export function validateApiKey(key: string): string | undefined {
  if (key.trim() === '') return vscode.l10n.t('Enter a key, or press Escape to cancel.');
  if (/\s/.test(key.trim())) return vscode.l10n.t('An API key has no spaces or line breaks.');
  if (key.trim().length < 8) return vscode.l10n.t('That is too short to be an API key.');
  return undefined;
}
