import { DEFAULT_RETIRE_AFTER_DAYS } from '../../core/lifecycle/ruleLifecycle.js';
import * as vscode from 'vscode';
import { DEFAULT_TOKEN_BUDGET } from '../../core/analyze/llm/buildPrompt.js';
import type { ApiProvider } from '../../core/analyze/selectBackend.js';
import { MIN_OCCURRENCES } from '../../core/correlate/thresholds.js';
import { DEFAULT_RULE_CAPS, MAX_RULE_CAP, type RuleCaps } from '../../core/write/ruleCaps.js';
import { z } from 'zod';

/** The configuration section: every setting is `headroom.<key>` (package.json contributes.configuration). */
const SETTINGS_SECTION = 'headroom';

const MEMORY_FILE_VALUES = ['auto', 'project'] as const;
type MemoryFileSetting = (typeof MEMORY_FILE_VALUES)[number];

/** The model setting value that means "choose by the spec's priority". */
export const AUTOMATIC_MODEL = '';
/** Prefix of a VS Code language-model choice: `vscode-lm/<model id>` (Copilot and other providers). */
export const VSCODE_LM_PREFIX = 'vscode-lm/';

/** Defaults: the same numbers as package.json, used when a value is missing or invalid. */
const DEFAULT_MIN_OCCURRENCES = MIN_OCCURRENCES;
const DEFAULT_PROMPT_TOKEN_BUDGET = DEFAULT_TOKEN_BUDGET;

export interface HeadroomSettings {
  /** Which agent's sessions Learn reads ('auto': every agent with sessions, plugins from other extensions included). */
  agent: string;
  /** '' (automatic), 'offline', 'claude-cli' …, 'anthropic/claude-…' …, or 'vscode-lm/<id>'. */
  model: string;
  memoryFile: MemoryFileSetting;
  /** How many occurrences a pattern needs before it becomes a learning. */
  minOccurrences: number;
  /** Days without a matching situation before a rule headroom wrote is pre-unchecked as a retire candidate. */
  retireAfterDays: number;
  /** Most tokens of evidence sent to a model in one request. */
  promptTokenBudget: number;
  /** Base URLs from settings (machine scope), only those that are set. */
  baseUrls: Partial<Record<ApiProvider, string>>;
  /** Most rules per context file and per memory file (headroom.maxRulesPerContextFile, …PerMemoryFile). */
  ruleCaps: RuleCaps;
}

/** A rule cap as package.json declares it: a whole number from 1 to MAX_RULE_CAP. */
const RULE_CAP_SCHEMA = z.number().int().min(1).max(MAX_RULE_CAP);

/** The setting's value when valid, else the default (a hand-edited settings.json can hold anything). */
function ruleCap(value: unknown, fallback: number): number {
  const parsed = RULE_CAP_SCHEMA.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

function positiveInteger(value: unknown, fallback: number, minimum: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= minimum ? value : fallback;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Reads and validates the settings for a folder (resource-scoped values may differ per folder).
 * `agent` accepts plugin names from other extensions too, so it is not limited to the enum.
 */
export function readHeadroomSettings(scope?: vscode.ConfigurationScope): HeadroomSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const agent = nonEmpty(config.get<string>('agent')) ?? 'auto';
  const memoryFile = config.get<string>('memoryFile');
  const baseUrls: Partial<Record<ApiProvider, string>> = {};
  for (const provider of ['anthropic', 'openai', 'gemini'] as const) {
    const url = nonEmpty(config.get<string>(`${provider}.baseUrl`));
    if (url) baseUrls[provider] = url;
  }
  return {
    agent,
    model: nonEmpty(config.get<string>('model')) ?? AUTOMATIC_MODEL,
    memoryFile: (MEMORY_FILE_VALUES as readonly string[]).includes(memoryFile ?? '') ? (memoryFile as MemoryFileSetting) : 'auto',
    minOccurrences: positiveInteger(config.get('minOccurrences'), DEFAULT_MIN_OCCURRENCES, 1),
    retireAfterDays: positiveInteger(config.get('retireAfterDays'), DEFAULT_RETIRE_AFTER_DAYS, 1),
    promptTokenBudget: positiveInteger(config.get('promptTokenBudget'), DEFAULT_PROMPT_TOKEN_BUDGET, 1_000),
    baseUrls,
    ruleCaps: {
      context: ruleCap(config.get('maxRulesPerContextFile'), DEFAULT_RULE_CAPS.context),
      memory: ruleCap(config.get('maxRulesPerMemoryFile'), DEFAULT_RULE_CAPS.memory),
    },
  };
}

/** Stores the model choice in the user's settings (Headroom: Select Model). */
export async function storeModelSetting(model: string): Promise<void> {
  await vscode.workspace
    .getConfiguration(SETTINGS_SECTION)
    .update('model', model === AUTOMATIC_MODEL ? undefined : model, vscode.ConfigurationTarget.Global);
}

/** Fires when any headroom.* setting changes. */
export function onDidChangeHeadroomSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTINGS_SECTION)) listener();
  });
}
