import * as vscode from 'vscode';
import { processEnvironment } from '../../core/agents/environment.js';
import type { AgentRegistry } from '../../core/agents/registry.js';
import { listLearnProjects } from '../../core/pipeline/listLearnProjects.js';
import type { HeadroomServices } from '../services.js';
import { AGENT_PLUGIN_API_VERSION, AgentPluginHost, detectAgents, scanExternalAgents, type ExternalAgentPlugin } from './agentPluginHost.js';
import type { PrescannedAgent } from './prescannedPlugin.js';

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

/** Version of the exported API object as a whole (`apiVersion`); bumped on any incompatible change to it. */
export const HEADROOM_API_VERSION = 1;

/**
 * Headroom Learn's public API: what `activate` returns to other extensions, and all of it (see PLUGINS.md).
 * Kept small on purpose: the versions and `registerAgentPlugin`. Nothing test-only is here; the in-host tests get
 * their hooks from a `testing` property that exists only under extension tests and is not in this type.
 *
 * ```ts
 * import type { HeadroomLearnApi } from 'headroom-learn/src/extension/api/headroomApi';
 * const headroom = await vscode.extensions.getExtension<HeadroomLearnApi>('headroom.headroom-learn')?.activate();
 * if (headroom?.apiVersion === 1 && headroom.agentPluginApiVersion === 1) context.subscriptions.push(headroom.registerAgentPlugin(myPlugin));
 * ```
 */
export interface HeadroomLearnApi extends AgentPluginApi {
  /** Version of this object's shape; bumped when a member is removed or changes incompatibly (additions keep it). */
  readonly apiVersion: typeof HEADROOM_API_VERSION;
}

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
  /** Set here: the Learn flow calls it to scan the registered agents in the host (see PLUGINS.md). */
  prescanExternalAgents?: HeadroomServices['prescanExternalAgents'];
}

/**
 * Scans the agents other extensions registered, in the extension host, for one project or (no `projectPath`)
 * every project they list: the agents the `headroom.agent` setting selects ('auto': all), detected now.
 */
export function prescanner(pluginHost: AgentPluginHost, log: vscode.LogOutputChannel): NonNullable<HeadroomServices['prescanExternalAgents']> {
  return async ({ projectPath, agents, memoryFile, token }) => {
    const external = pluginHost.registry.all().filter((plugin) => pluginHost.isExternal(plugin.name) && (agents === 'auto' || agents.includes(plugin.name)));
    if (external.length === 0) return [];
    const openFolders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const environment = { ...processEnvironment(process.env), knownProjectPaths: openFolders };
    const detected = await detectAgents(external, environment);
    if (detected.length === 0) return [];
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    const reporter = { warn: (message: string) => log.warn(`scan: ${message}`) };
    try {
      const projects = projectPath !== undefined ? [projectPath] : (await listLearnProjects(detected, environment, reporter, abort.signal)).map((p) => p.projectPath);
      const result: PrescannedAgent[] = [];
      for (const project of projects) {
        if (token.isCancellationRequested) break;
        result.push(...(await scanExternalAgents(detected, project, { environment, reporter, signal: abort.signal, memoryFile })));
      }
      const sessions = result.reduce((sum, agent) => sum + agent.scan.sessions.length, 0);
      log.info(`learn: agents from other extensions (${detected.map((p) => p.name).join(', ')}): ${sessions} sessions scanned in the extension host`);
      return result;
    } finally {
      subscription.dispose();
    }
  };
}

/** Creates the plugin host on the shared registry and the API surface for `activate`'s return value. */
export function registerAgentPluginApi(
  context: vscode.ExtensionContext,
  services: AgentPluginServices,
): { pluginHost: AgentPluginHost; api: AgentPluginApi } {
  const pluginHost = new AgentPluginHost(services.registry, services.log);
  context.subscriptions.push(pluginHost);
  // Learn (and Learn All Projects) include the registered agents: scanned here, replayed in the worker.
  services.prescanExternalAgents = prescanner(pluginHost, services.log);
  const api: AgentPluginApi = {
    agentPluginApiVersion: AGENT_PLUGIN_API_VERSION,
    registerAgentPlugin: (plugin) => pluginHost.register(plugin),
  };
  return { pluginHost, api };
}
