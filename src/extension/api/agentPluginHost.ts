import * as vscode from 'vscode';
import type { AgentEnvironment, AgentPlugin, ScanReporter } from '../../core/agents/plugin.js';
import type { AgentRegistry } from '../../core/agents/registry.js';
import { scanProject, type AgentScan } from '../../core/scan/scanProject.js';
import type { PrescannedAgent } from './prescannedPlugin.js';

/** Version of the plugin contract (AgentPlugin in src/core/agents/plugin.ts) that this extension implements. */
export const AGENT_PLUGIN_API_VERSION = 1;

/** What another extension passes to registerAgentPlugin: the core contract plus the version it was written for. */
export interface ExternalAgentPlugin extends AgentPlugin {
  /** The plugin API version the plugin was written against; defaults to 1. */
  readonly apiVersion?: number;
}

const METHODS = ['detect', 'findSessions', 'listProjects', 'parse', 'targets'] as const;

/** Checks a plugin that came from another extension before it goes into the registry; throws a TypeError that names the problem. */
function validateExternalPlugin(plugin: unknown): asserts plugin is ExternalAgentPlugin {
  if (typeof plugin !== 'object' || plugin === null) throw new TypeError('registerAgentPlugin: the plugin must be an object.');
  const candidate = plugin as Partial<ExternalAgentPlugin>;
  if (typeof candidate.name !== 'string') throw new TypeError('registerAgentPlugin: plugin.name must be a string.');
  if (typeof candidate.displayName !== 'string' || candidate.displayName.trim() === '') {
    throw new TypeError(`registerAgentPlugin: plugin "${candidate.name}" needs a displayName.`);
  }
  for (const method of METHODS) {
    if (typeof candidate[method] !== 'function') throw new TypeError(`registerAgentPlugin: plugin "${candidate.name}" has no ${method}() method.`);
  }
  const version = candidate.apiVersion ?? 1;
  if (version !== AGENT_PLUGIN_API_VERSION) {
    throw new TypeError(
      `registerAgentPlugin: plugin "${candidate.name}" was written for plugin API version ${version}; this Headroom Learn supports version ${AGENT_PLUGIN_API_VERSION}.`,
    );
  }
}

/**
 * Keeps one plugin's failures to itself: a throwing detect/findSessions/listProjects/targets is reported as a
 * scan warning and treated as "no sessions", so another extension cannot break a Learn run. parse() may throw
 * (the scanner reports the file as unreadable and goes on).
 */
function guarded(plugin: AgentPlugin, log: vscode.LogOutputChannel): AgentPlugin {
  const complain = (method: string, error: unknown, reporter?: ScanReporter) => {
    const message = `Agent plugin "${plugin.name}" failed in ${method}(): ${error instanceof Error ? error.message : String(error)}`;
    log.warn(message);
    reporter?.warn(message);
  };
  return {
    name: plugin.name,
    displayName: plugin.displayName,
    ...(plugin.listsProjectsLast === true ? { listsProjectsLast: true } : {}),
    detect: async (environment) => {
      try {
        return (await plugin.detect(environment)) === true;
      } catch (error) {
        complain('detect', error);
        return false;
      }
    },
    findSessions: async (projectPath, environment, reporter) => {
      try {
        const files = await plugin.findSessions(projectPath, environment, reporter);
        return Array.isArray(files) ? files.map((file) => ({ ...file, agent: plugin.name })) : [];
      } catch (error) {
        complain('findSessions', error, reporter);
        return [];
      }
    },
    listProjects: async (environment, reporter, options) => {
      try {
        const projects = await plugin.listProjects(environment, reporter, options);
        return Array.isArray(projects) ? projects : [];
      } catch (error) {
        complain('listProjects', error, reporter);
        return [];
      }
    },
    parse: async (file, options) => {
      const session = await plugin.parse(file, options);
      const calls = Array.isArray(session?.calls) ? session.calls.map((call) => ({ ...call, agent: plugin.name })) : [];
      return {
        ...session,
        calls,
        warnings: Array.isArray(session?.warnings) ? session.warnings : [],
        skippedLines: session?.skippedLines ?? 0,
      };
    },
    targets: (projectPath, environment, options) => {
      try {
        return plugin.targets(projectPath, environment, options) ?? [];
      } catch (error) {
        complain('targets', error);
        return [];
      }
    },
  };
}

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
    validateExternalPlugin(plugin);
    const unregister = this.registry.register(guarded(plugin, this.log));
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
