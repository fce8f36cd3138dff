// The public API's definition, and light: the entry bundle (dist/extension.js) builds the API object from it at
// activation; the plugin host behind registerAgentPlugin is in the main bundle (agentPluginApi.ts).
import type * as vscode from 'vscode';
import type { AGENT_PLUGIN_API_VERSION, ExternalAgentPlugin } from '../../core/agents/guardedPlugin.js';

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
export type { ExternalAgentPlugin } from '../../core/agents/guardedPlugin.js';
export { AGENT_PLUGIN_API_VERSION } from '../../core/agents/guardedPlugin.js';

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
