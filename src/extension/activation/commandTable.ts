// Pure: no `vscode` import (the unit tests drive it).
import type { Commands } from '../commands.js';

export type CommandId = (typeof Commands)[keyof typeof Commands];
/** A command's handler, with whatever arguments VS Code passes (a tree node, a Uri, …). */
export type CommandHandler = (...args: never[]) => unknown;

/**
 * The handlers of the contributed commands. The entry bundle registers every id of the command map with VS Code
 * at activation, each forwarding here; the features put their handlers in with `register`, the entry's light ones
 * at once, the main bundle's when it starts (on the first command that has no handler yet).
 */
export class CommandTable {
  private readonly handlers = new Map<CommandId, CommandHandler>();

  /** Sets the handler of `id` until the result is disposed; one handler per id, as vscode.commands.registerCommand. */
  register(id: CommandId, handler: CommandHandler): { dispose(): void } {
    if (this.handlers.has(id)) throw new Error(`Command ${id} already has a handler.`);
    this.handlers.set(id, handler);
    return {
      dispose: () => {
        if (this.handlers.get(id) === handler) this.handlers.delete(id);
      },
    };
  }

  has(id: CommandId): boolean {
    return this.handlers.has(id);
  }

  /**
   * Runs the handler of `id`; when there is none yet, `startMain` first (which throws if the main bundle cannot
   * start). A command still without a handler after that is an error, not a silent no-op.
   */
  run(id: CommandId, args: readonly unknown[], startMain: () => void): unknown {
    if (!this.handlers.has(id)) startMain();
    const handler = this.handlers.get(id);
    if (!handler) throw new Error(`Headroom Learn: the command ${id} has no handler.`);
    return handler(...(args as never[]));
  }
}
