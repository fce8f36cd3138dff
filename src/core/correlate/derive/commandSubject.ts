import { commandShape } from '../normaliseLauncher.js';

/**
 * The "kind" of a command, for grouping rejections and denials: the program (as typed for package
 * managers) and its subcommand when it has one: `gradle build`, `git push`, `npm publish`, `rm`.
 */
export function commandSubject(command: string): string {
  const shape = commandShape(command);
  const launcherWords = shape.launcher.split(' ');
  const program = shape.program === 'node-pm' ? launcherWords[launcherWords.length - 1] : shape.program;
  const sub = shape.args[0];
  const isSubcommand = sub !== undefined && /^[a-z][a-z0-9:-]*$/.test(sub);
  return isSubcommand ? `${program} ${sub}` : program;
}
