import { commandShape } from '../normaliseLauncher.js';

/** The first argument that is not a flag or a flag's value: `--filter @shop/web typecheck` → typecheck. */
function firstOperand(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) return arg;
    if (!arg.includes('=') && args[i + 1] !== undefined && !args[i + 1].startsWith('-')) i++;
  }
  return undefined;
}

/**
 * The "kind" of a command, for grouping rejections and denials: the program (as typed for package
 * managers) and its subcommand when it has one: `gradle build`, `git push`, `npm publish`, `rm`.
 */
export function commandSubject(command: string): string {
  const shape = commandShape(command);
  const launcherWords = shape.launcher.split(' ');
  const program = shape.program === 'node-pm' ? launcherWords[launcherWords.length - 1] : shape.program;
  const sub = firstOperand(shape.args);
  const isSubcommand = sub !== undefined && /^[a-z][a-z0-9:-]*$/.test(sub);
  return isSubcommand ? `${program} ${sub}` : program;
}
