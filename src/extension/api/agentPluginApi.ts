import * as vscode from 'vscode';
import { processEnvironment } from '../../core/agents/environment.js';
import type { AgentRegistry } from '../../core/agents/registry.js';
import { listLearnProjects } from '../../core/pipeline/listLearnProjects.js';
import type { HeadroomServices } from '../services.js';
import { AGENT_PLUGIN_API_VERSION, AgentPluginHost, detectAgents, scanExternalAgents } from './agentPluginHost.js';
import type { AgentPluginApi } from './headroomApi.js';
import type { PrescannedAgent } from './prescannedPlugin.js';

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
function prescanner(pluginHost: AgentPluginHost, log: vscode.LogOutputChannel): NonNullable<HeadroomServices['prescanExternalAgents']> {
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
