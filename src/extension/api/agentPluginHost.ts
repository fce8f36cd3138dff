import * as vscode from 'vscode';
import type { AgentEnvironment, AgentPlugin, ScanReporter } from '../../core/agents/plugin.js';
import { guardedPlugin, validateExternalPlugin } from '../../core/agents/guardedPlugin.js';
import type { AgentRegistry } from '../../core/agents/registry.js';
import { scanProject, type AgentScan } from '../../core/scan/scanProject.js';
import type { PrescannedAgent } from './prescannedPlugin.js';

export { AGENT_PLUGIN_API_VERSION } from '../../core/agents/guardedPlugin.js';

/**
 * The agents other extensions register through the exported API. They go into the SAME AgentRegistry as the
 * built-ins (the one the Learn flow reads), so they are detected, learned from and shown like a built-in.
 * Their live objects cannot cross into the scan worker: the host scans them (`scanExternalAgents`) and hands
 * the parsed sessions to the worker as pre-scanned agents (see PLUGINS.md next to this file).
 */
export class AgentPluginHost implements vscode.Disposable {
  private readonly external = new Set<string>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when a plugin is registered or removed (refresh detection and the tree). */
  readonly onDidChangePlugins = this.changeEmitter.event;

  constructor(
    readonly registry: AgentRegistry,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Validates and registers a plugin from another extension; the Disposable removes it again. */
  register(plugin: unknown): vscode.Disposable {
    validateExternalPlugin(plugin, 'registerAgentPlugin');
    const unregister = this.registry.register(guardedPlugin(plugin, (message) => this.log.warn(message)));
    this.external.add(plugin.name);
    this.log.info(`Agent plugin "${plugin.name}" (${plugin.displayName}) registered by another extension.`);
    this.changeEmitter.fire();
    let disposed = false;
    return new vscode.Disposable(() => {
      if (disposed) return;
      disposed = true;
      unregister();
      this.external.delete(plugin.name);
      this.log.info(`Agent plugin "${plugin.name}" removed.`);
      this.changeEmitter.fire();
    });
  }

  /** True for a plugin registered by another extension (scanned in the host, not in the worker). */
  isExternal(name: string): boolean {
    return this.external.has(name);
  }

  /** Splits the selected agents: built-in names go to the worker, external plugins are scanned in the host. */
  partition(selected: readonly AgentPlugin[]): { workerAgents: string[]; hostPlugins: AgentPlugin[] } {
    return {
      workerAgents: selected.filter((p) => !this.isExternal(p.name)).map((p) => p.name),
      hostPlugins: selected.filter((p) => this.isExternal(p.name)),
    };
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** The agents (built-in or registered) whose data folder exists in this environment. */
export async function detectAgents(plugins: readonly AgentPlugin[], environment: AgentEnvironment): Promise<AgentPlugin[]> {
  const found: AgentPlugin[] = [];
  for (const plugin of plugins) if (await plugin.detect(environment)) found.push(plugin);
  return found;
}

/**
 * Scans the external plugins' sessions of one project in the extension host (the same scanner the worker uses),
 * ready to post to the worker as pre-scanned agents. Agents without sessions are left out.
 */
export async function scanExternalAgents(
  plugins: readonly AgentPlugin[],
  projectPath: string,
  options: { environment: AgentEnvironment; reporter: ScanReporter; signal?: AbortSignal; memoryFile?: 'auto' | 'project' },
): Promise<PrescannedAgent[]> {
  const scans: AgentScan[] = await scanProject(plugins, projectPath, options);
  return scans.map((scan) => ({
    scan,
    targets: plugins.find((p) => p.name === scan.agent)!.targets(projectPath, options.environment, { memoryFile: options.memoryFile }),
  }));
}
