import { AgentRegistry } from './registry.js';
import type { AgentPlugin } from './plugin.js';
import { ClaudeCodePlugin } from './claude/ClaudeCodePlugin.js';
import { CodexPlugin } from './codex/CodexPlugin.js';
import { GeminiCliPlugin } from './gemini/GeminiCliPlugin.js';
import { VscodeChatPlugin } from './vscodeChat/VscodeChatPlugin.js';
import { clinePlugin, rooCodePlugin } from './cline/clineAgents.js';
import { CodebuddyPlugin } from './codebuddy/CodebuddyPlugin.js';
import { GrokPlugin } from './grok/GrokPlugin.js';

/** The built-in agents, in detection order. Filled as the plugins land. */
export function builtinAgentPlugins(): AgentPlugin[] {
  return [
    new ClaudeCodePlugin(),
    new CodexPlugin(),
    new GeminiCliPlugin(),
    new VscodeChatPlugin(),
    clinePlugin(),
    rooCodePlugin(),
    new CodebuddyPlugin(),
    new GrokPlugin(),
  ];
}

export function createDefaultRegistry(): AgentRegistry {
  return new AgentRegistry(builtinAgentPlugins());
}
