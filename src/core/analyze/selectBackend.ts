import type { ProjectResultCache } from '../scan/cache/projectResultCache.js';
import { answerCachingClient } from './llm/answerCachingClient.js';
import type { AnalyzerBackend, AnalyzerInput, AnalyzerResult } from './backend.js';
import { redactSensitiveText } from '../redact/redactSecrets.js';
import { createAnthropicClient, DEFAULT_ANTHROPIC_MODEL } from './llm/backends/anthropic.js';
import { createClaudeCliClient } from './llm/backends/claudeCli.js';
import { createCodexCliClient } from './llm/backends/codexCli.js';
import { createGeminiClient, DEFAULT_GEMINI_MODEL } from './llm/backends/gemini.js';
import { createGeminiCliClient } from './llm/backends/geminiCli.js';
import { createOpenAiClient, DEFAULT_OPENAI_MODEL } from './llm/backends/openai.js';
import { findOnPath } from './llm/cli/findOnPath.js';
import type { LlmClient } from './llm/llmClient.js';
import { LlmAnalyzer } from './llm/llmAnalyzer.js';
import { withOfflineFallback } from './llm/offlineFallback.js';
import type { RetryPolicy, Sleep } from './llm/retryPolicy.js';


export const API_PROVIDERS = ['anthropic', 'openai', 'gemini'] as const;
export type ApiProvider = (typeof API_PROVIDERS)[number];
export const AGENT_CLIS = ['claude', 'gemini', 'codex'] as const;
type AgentCli = (typeof AGENT_CLIS)[number];
export type BackendKind = ApiProvider | `${AgentCli}-cli` | 'offline';

/** Checked in this order (spec, priority 2). */
export const API_KEY_ENV: Readonly<Record<ApiProvider, string>> = {
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
  gemini: 'GEMINI_API_KEY',
};
export const DEFAULT_MODELS: Readonly<Record<ApiProvider, string>> = {
  anthropic: DEFAULT_ANTHROPIC_MODEL,
  openai: DEFAULT_OPENAI_MODEL,
  gemini: DEFAULT_GEMINI_MODEL,
};
const PROVIDER_LABEL: Readonly<Record<ApiProvider, string>> = { anthropic: 'Anthropic', openai: 'OpenAI', gemini: 'Gemini' };
const CLI_ENV = 'HEADROOM_LEARN_CLI';

const VALID_MODEL_FORMS =
  'a Claude model (claude-…, needs ANTHROPIC_API_KEY), an OpenAI model (gpt-…, o1/o3/o4-…, needs OPENAI_API_KEY), ' +
  'a Gemini model (gemini-…, needs GEMINI_API_KEY), any of these prefixed with anthropic/, openai/ or gemini/, ' +
  'or one of claude-cli, gemini-cli, codex-cli, offline';

/** A --model value or HEADROOM_LEARN_CLI that cannot be honoured; shown to the user as it is. */
export class BackendSelectionError extends Error {
  override readonly name = 'BackendSelectionError';
}

export interface SelectBackendOptions {
  /** --model, or the extension's model setting. */
  model?: string;
  /** Where `model` came from, for the reason text (default "--model"). */
  modelSource?: string;
  /** The environment: API keys, HEADROOM_LEARN_CLI, PATH, base URLs. Passed explicitly, never read from process.env here. */
  env: Readonly<Record<string, string | undefined>>;
  /** Keys from elsewhere (the extension's SecretStorage), used when the provider's variable is unset. */
  apiKeys?: Partial<Record<ApiProvider, { key: string; source: string }>>;
  /** Base URLs from settings; they win over ANTHROPIC_BASE_URL, OPENAI_BASE_URL, GOOGLE_GEMINI_BASE_URL. */
  baseUrls?: Partial<Record<ApiProvider, string>>;
  /** The offline analyzer (src/core/analyze/offline), made on demand. */
  createOffline: () => AnalyzerBackend;
  /** Where the model's replies are kept (answerCachingClient); unset (`--no-cache`): every request goes to the model. */
  answers?: ProjectResultCache;
  tokenBudget?: number;
  sdkTimeoutMs?: number;
  cliTimeoutMs?: number;
  /** Whether a command is on PATH (default: searches env.PATH). */
  isOnPath?: (command: string) => boolean;
  platform?: NodeJS.Platform;
  /** For tests: where CLI working directories are made, retry timing. */
  cliTempRoot?: string;
  retryPolicy?: RetryPolicy;
  sleep?: Sleep;
}

/** What was chosen and why, before anything is constructed. */
export interface BackendChoice {
  kind: BackendKind;
  model?: string;
  apiKey?: string;
  /** Always shown: which backend, and why. */
  reason: string;
  /** Chosen by an API key or a CLI on PATH (may fall back to offline), not by --model or HEADROOM_LEARN_CLI. */
  automatic: boolean;
}

export interface BackendSelection {
  /** The analyzer to run; when `automatic`, it falls back to offline on failure and says so in its report. */
  backend: AnalyzerBackend;
  kind: BackendKind;
  model?: string;
  reason: string;
  automatic: boolean;
}

/**
 * The spec's priority: (1) --model, (2) ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY (or a stored key),
 * (3) HEADROOM_LEARN_CLI, (4) the first of claude, gemini, codex on PATH, (5) offline.
 * Throws BackendSelectionError for a value that cannot be honoured.
 */
export function chooseBackend(options: SelectBackendOptions): BackendChoice {
  const env = options.env;
  const isOnPath = options.isOnPath ?? ((command: string) => findOnPath(command, { env, platform: options.platform }) !== undefined);
  const model = options.model?.trim();
  if (model) return chooseByModel(model, options.modelSource ?? '--model', options, isOnPath);

  for (const provider of API_PROVIDERS) {
    const key = apiKeyFor(provider, options);
    if (key) {
      return {
        kind: provider,
        model: DEFAULT_MODELS[provider],
        apiKey: key.key,
        reason: `${provider} (${DEFAULT_MODELS[provider]}), because ${key.source}`,
        automatic: true,
      };
    }
  }

  const pinned = env[CLI_ENV]?.trim();
  if (pinned) {
    const cli = pinned.toLowerCase();
    if (!(AGENT_CLIS as readonly string[]).includes(cli)) {
      throw new BackendSelectionError(`${CLI_ENV}=${pinned} is not valid; use one of: ${AGENT_CLIS.join(', ')}.`);
    }
    if (!isOnPath(cli)) throw new BackendSelectionError(`${CLI_ENV}=${cli}, but ${cli} is not on PATH.`);
    return { kind: `${cli as AgentCli}-cli`, reason: `${cli}-cli, because ${CLI_ENV}=${cli}`, automatic: false };
  }

  for (const cli of AGENT_CLIS) {
    if (isOnPath(cli)) {
      return {
        kind: `${cli}-cli`,
        reason: `${cli}-cli, because ${cli} is on PATH and no API key or ${CLI_ENV} is set`,
        automatic: true,
      };
    }
  }

  return {
    kind: 'offline',
    reason: `offline, because no --model, no API key (${Object.values(API_KEY_ENV).join(', ')}), no ${CLI_ENV}, and none of ${AGENT_CLIS.join(', ')} is on PATH`,
    automatic: true,
  };
}

function chooseByModel(
  model: string,
  source: string,
  options: SelectBackendOptions,
  isOnPath: (command: string) => boolean,
): BackendChoice {
  const lower = model.toLowerCase();
  if (lower === 'offline') return { kind: 'offline', reason: `offline, because ${source} offline`, automatic: false };
  const cli = /^(claude|gemini|codex)-cli$/.exec(lower)?.[1] as AgentCli | undefined;
  if (cli) {
    if (!isOnPath(cli)) throw new BackendSelectionError(`${source} ${lower}: ${cli} is not on PATH.`);
    return { kind: `${cli}-cli`, reason: `${cli}-cli, because ${source} ${lower}`, automatic: false };
  }
  const resolved = providerOfModel(model);
  if (!resolved) throw new BackendSelectionError(`Unknown ${source} "${model}". Valid forms: ${VALID_MODEL_FORMS}.`);
  const key = apiKeyFor(resolved.provider, options);
  if (!key) {
    throw new BackendSelectionError(
      `${source} ${model} needs ${PROVIDER_LABEL[resolved.provider]} API access: set ${API_KEY_ENV[resolved.provider]}${options.apiKeys ? ' or store a key in the extension' : ''}.`,
    );
  }
  return {
    kind: resolved.provider,
    model: resolved.model,
    apiKey: key.key,
    reason: `${resolved.provider} (${resolved.model}), because ${source} ${model} (key: ${key.source})`,
    automatic: false,
  };
}

/** claude-* → Anthropic, gpt-*, chatgpt-*, o1/o3/o4… → OpenAI, gemini-* → Gemini; an "anthropic/", "openai/" or "gemini/" prefix is accepted. */
function providerOfModel(model: string): { provider: ApiProvider; model: string } | undefined {
  const prefixed = /^(anthropic|openai|gemini)\/(.+)$/i.exec(model);
  if (prefixed) return { provider: prefixed[1].toLowerCase() as ApiProvider, model: prefixed[2] };
  if (/^claude-/i.test(model)) return { provider: 'anthropic', model };
  if (/^(gpt-|chatgpt-|o\d)/i.test(model)) return { provider: 'openai', model };
  if (/^gemini-/i.test(model)) return { provider: 'gemini', model };
  return undefined;
}

function apiKeyFor(provider: ApiProvider, options: SelectBackendOptions): { key: string; source: string } | undefined {
  const variable = API_KEY_ENV[provider];
  const fromEnv = options.env[variable]?.trim();
  if (fromEnv) return { key: fromEnv, source: `${variable} is set` };
  const stored = options.apiKeys?.[provider];
  if (stored?.key.trim()) return { key: stored.key.trim(), source: stored.source };
  return undefined;
}

/** Chooses (see chooseBackend) and builds the analyzer, with the offline fallback when the choice was automatic. */
export function selectAnalyzerBackend(options: SelectBackendOptions): BackendSelection {
  const choice = chooseBackend(options);
  const backend =
    choice.kind === 'offline'
      ? withReason(options.createOffline(), choice.reason)
      : withOfflineFallback(
          new LlmAnalyzer({
            client: options.answers ? answerCachingClient(createClient(choice, options), options.answers) : createClient(choice, options),
            redact: redactSensitiveText,
            reason: choice.reason,
            tokenBudget: options.tokenBudget,
            retryPolicy: options.retryPolicy,
            sleep: options.sleep,
          }),
          { automatic: choice.automatic, createOffline: options.createOffline },
        );
  return { backend, kind: choice.kind, model: choice.model, reason: choice.reason, automatic: choice.automatic };
}

function createClient(choice: BackendChoice, options: SelectBackendOptions): LlmClient {
  const cliOptions = { env: options.env, timeoutMs: options.cliTimeoutMs, tempRoot: options.cliTempRoot, platform: options.platform };
  const sdkOptions = (provider: ApiProvider) => ({
    apiKey: choice.apiKey ?? '',
    model: choice.model,
    baseUrl: options.baseUrls?.[provider],
    env: options.env,
    timeoutMs: options.sdkTimeoutMs,
  });
  switch (choice.kind) {
    case 'anthropic':
      return createAnthropicClient(sdkOptions('anthropic'));
    case 'openai':
      return createOpenAiClient(sdkOptions('openai'));
    case 'gemini':
      return createGeminiClient(sdkOptions('gemini'));
    case 'claude-cli':
      return createClaudeCliClient(cliOptions);
    case 'gemini-cli':
      return createGeminiCliClient(cliOptions);
    case 'codex-cli':
      return createCodexCliClient(cliOptions);
    case 'offline':
      throw new Error('The offline analyzer has no LLM client.');
  }
}

/** The backend with the selection's reason in its report. */
function withReason(backend: AnalyzerBackend, reason: string): AnalyzerBackend {
  return {
    name: backend.name,
    async analyze(input: AnalyzerInput, signal?: AbortSignal): Promise<AnalyzerResult> {
      const result = await backend.analyze(input, signal);
      return { ...result, report: { ...result.report, reason } };
    },
  };
}
