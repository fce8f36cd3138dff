import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { AgentRegistry } from '../core/agents/registry.js';
import type { AgentPlugin } from '../core/agents/plugin.js';
import { selectAgents, UnknownAgentError } from '../core/scan/scanProject.js';
import { UsageError } from './usageError.js';

/**
 * A command's options (strict, no positionals); node's complaint about them is bad usage that points at
 * the command's own help, e.g. `headroom-learn scan --help`.
 */
export function parseCommandArgs(argv: string[], options: ParseArgsConfig['options'], helpCommand: string): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\.$/, '')}. Run "${helpCommand}" for the options.`);
  }
}

/** The plugins --agent names ('auto': every registered one); an unknown agent is bad usage. */
export function agentsFor(registry: AgentRegistry, agent: string): AgentPlugin[] {
  try {
    return selectAgents(registry, agent);
  } catch (error) {
    if (error instanceof UnknownAgentError) throw new UsageError(error.message);
    throw error;
  }
}
