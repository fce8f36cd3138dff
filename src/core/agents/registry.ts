import type { AgentPlugin } from './plugin.js';

/** Agent plugins keyed by name: the built-ins plus any registered at run time. */
export class AgentRegistry {
  private readonly plugins = new Map<string, AgentPlugin>();

  constructor(plugins: readonly AgentPlugin[] = []) {
    for (const plugin of plugins) this.register(plugin);
  }

  /** Adds a plugin; returns a function that removes it again. */
  register(plugin: AgentPlugin): () => void {
    if (!/^[a-z][a-z0-9-]*$/.test(plugin.name)) {
      throw new Error(`Agent plugin name "${plugin.name}" is invalid: use lower-case letters, digits and dashes.`);
    }
    if (this.plugins.has(plugin.name)) {
      throw new Error(`An agent plugin named "${plugin.name}" is already registered.`);
    }
    this.plugins.set(plugin.name, plugin);
    return () => {
      if (this.plugins.get(plugin.name) === plugin) this.plugins.delete(plugin.name);
    };
  }

  get(name: string): AgentPlugin | undefined {
    return this.plugins.get(name);
  }

  names(): string[] {
    return [...this.plugins.keys()];
  }

  all(): AgentPlugin[] {
    return [...this.plugins.values()];
  }
}
