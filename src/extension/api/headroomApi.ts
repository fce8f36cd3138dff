import * as vscode from 'vscode';
import type { AgentRegistry } from '../../core/agents/registry.js';
import { AGENT_PLUGIN_API_VERSION, AgentPluginHost, type ExternalAgentPlugin } from './agentPluginHost.js';

// The types a plugin author needs, re-exported from the one place the API is defined.
export type {
  AgentEnvironment,
  AgentPlugin,
  AgentTarget,
  ParsedSession,
  ProjectSessions,
  ScanReporter,
  SessionFile,
  TargetKind,
  TargetOptions,
} from '../../core/agents/plugin.js';
export type { ToolCall, Outcome, ErrorKind, NormalisedTool } from '../../core/model/toolCall.js';
export type { ExternalAgentPlugin } from './agentPluginHost.js';
export { AGENT_PLUGIN_API_VERSION } from './agentPluginHost.js';

/**
 * The part of Headroom Learn's exported API (what `activate` returns) that lets other extensions add agents:
 *
 * ```ts
 * const headroom = await vscode.extensions.getExtension('headroom.headroom-learn')?.activate();
 * if (headroom?.agentPluginApiVersion === 1) context.subscriptions.push(headroom.registerAgentPlugin(myPlugin));
 * ```
 */
export interface AgentPluginApi {
  /** Version of the AgentPlugin contract; bumped on any incompatible change. */
  readonly agentPluginApiVersion: typeof AGENT_PLUGIN_API_VERSION;
  /**
   * Adds an agent: it is detected, scanned, learned from and shown in the review tree like a built-in.
   * Throws a TypeError when the plugin is malformed, its name is taken, or it targets another API version.
   * Dispose the result (or let your extension's subscriptions do it) to remove the agent.
   */
  registerAgentPlugin(plugin: ExternalAgentPlugin): vscode.Disposable;
}

export interface AgentPluginServices {
  /** The registry the Learn flow reads (built-ins + registered). */
  registry: AgentRegistry;
  log: vscode.LogOutputChannel;
}

/** Creates the plugin host on the shared registry and the API surface for `activate`'s return value. */
export function registerAgentPluginApi(
  context: vscode.ExtensionContext,
  services: AgentPluginServices,
): { pluginHost: AgentPluginHost; api: AgentPluginApi } {
  const pluginHost = new AgentPluginHost(services.registry, services.log);
  context.subscriptions.push(pluginHost);
  const api: AgentPluginApi = {
    agentPluginApiVersion: AGENT_PLUGIN_API_VERSION,
    registerAgentPlugin: (plugin) => pluginHost.register(plugin),
  };
  return { pluginHost, api };
}
