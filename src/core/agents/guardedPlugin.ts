import type { AgentPlugin, ScanReporter } from './plugin.js';

/** Version of the plugin contract (AgentPlugin in plugin.ts) that this Headroom Learn implements. */
export const AGENT_PLUGIN_API_VERSION = 1;

/** An agent plugin from outside (another VS Code extension, an npm package): the contract plus the version it was written for. */
export interface ExternalAgentPlugin extends AgentPlugin {
  /** The plugin API version the plugin was written against; defaults to 1. */
  readonly apiVersion?: number;
}

const METHODS = ['detect', 'findSessions', 'listProjects', 'parse', 'targets'] as const;

/**
 * Checks a plugin that came from outside before it goes into the registry; throws a TypeError that names the
 * problem, prefixed with where the plugin came from (`registerAgentPlugin`, `plugin package "…"`).
 */
export function validateExternalPlugin(plugin: unknown, source: string): asserts plugin is ExternalAgentPlugin {
  if (typeof plugin !== 'object' || plugin === null) throw new TypeError(`${source}: the plugin must be an object.`);
  const candidate = plugin as Partial<ExternalAgentPlugin>;
  if (typeof candidate.name !== 'string') throw new TypeError(`${source}: plugin.name must be a string.`);
  if (typeof candidate.displayName !== 'string' || candidate.displayName.trim() === '') {
    throw new TypeError(`${source}: plugin "${candidate.name}" needs a displayName.`);
  }
  for (const method of METHODS) {
    if (typeof candidate[method] !== 'function') throw new TypeError(`${source}: plugin "${candidate.name}" has no ${method}() method.`);
  }
  const version = candidate.apiVersion ?? 1;
  if (version !== AGENT_PLUGIN_API_VERSION) {
    throw new TypeError(
      `${source}: plugin "${candidate.name}" was written for plugin API version ${version}; this Headroom Learn supports version ${AGENT_PLUGIN_API_VERSION}.`,
    );
  }
}

/**
 * Keeps one plugin's failures to itself: a throwing detect/findSessions/listProjects/targets is reported as a
 * scan warning (and to `log`, told whether the scan's reporter has it too) and treated as "no sessions", so a third-party agent cannot break a run. parse()
 * may throw (the scanner reports the file as unreadable and goes on). Every call and session it returns is
 * stamped with the plugin's name; the scanner makes their text safe (safeToolCall) like any agent's.
 */
export function guardedPlugin(plugin: AgentPlugin, log: (message: string, reported: boolean) => void): AgentPlugin {
  const complain = (method: string, error: unknown, reporter?: ScanReporter) => {
    const message = `Agent plugin "${plugin.name}" failed in ${method}(): ${error instanceof Error ? error.message : String(error)}`;
    log(message, reporter !== undefined);
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
